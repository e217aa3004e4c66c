//! The Debian corpus: the shell scripts of a few hundred Debian packages
//! (maintainer scripts and the shell tools they install), downloaded with
//! `apt-get download`, unpacked with `dpkg-deb`, and kept with the
//! machine's own scripts under `.bench/debian-corpus/` (`<package>/<path>`
//! and `machine/`). `cargo xtask corpus shell` builds it; `compat shell`
//! uses it by default. Packages the archive does not have are skipped and
//! listed in `.complete`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// Packages with maintainer scripts or shell tools: system plumbing,
/// servers, boot and build tools.
pub const PACKAGES: &[&str] = &[
    "acpid",
    "adduser",
    "alsa-utils",
    "amavisd-new",
    "anacron",
    "apache2",
    "apache2-bin",
    "apparmor",
    "apparmor-utils",
    "apt",
    "apt-file",
    "apt-listchanges",
    "at",
    "auditd",
    "autoconf",
    "autofs",
    "automake",
    "autopkgtest",
    "autotools-dev",
    "avahi-daemon",
    "avahi-utils",
    "base-files",
    "base-passwd",
    "bash-completion",
    "bc",
    "bind9",
    "binutils",
    "bluez",
    "bootlogd",
    "bridge-utils",
    "bsd-mailx",
    "btrfs-progs",
    "build-essential",
    "busybox",
    "byobu",
    "bzip2",
    "ca-certificates",
    "ca-certificates-java",
    "cabextract",
    "ccache",
    "chkrootkit",
    "chrony",
    "clamav-freshclam",
    "cloud-guest-utils",
    "cloud-initramfs-growroot",
    "cmake-data",
    "collectd-core",
    "command-not-found",
    "config-package-dev",
    "console-setup",
    "console-setup-linux",
    "coreutils",
    "cpio",
    "cron",
    "cryptsetup",
    "cryptsetup-initramfs",
    "cups-client",
    "cups-daemon",
    "dash",
    "dbus",
    "dc",
    "debconf",
    "debhelper",
    "debianutils",
    "debootstrap",
    "dehydrated",
    "desktop-file-utils",
    "devscripts",
    "dh-autoreconf",
    "dh-exec",
    "dh-make",
    "distcc",
    "dkms",
    "dnsmasq",
    "dnsmasq-base",
    "docbook-xml",
    "dosfstools",
    "dovecot-core",
    "dpkg",
    "dpkg-dev",
    "dput",
    "dracut",
    "dracut-core",
    "e2fsprogs",
    "ed",
    "equivs",
    "etckeeper",
    "exim4-base",
    "exim4-config",
    "fai-client",
    "fail2ban",
    "fakeroot",
    "fetchmail",
    "file",
    "findutils",
    "firmware-linux-free",
    "fontconfig",
    "foomatic-filters",
    "gawk",
    "gdm3",
    "getmail6",
    "gettext",
    "gettext-base",
    "ghostscript",
    "git",
    "git-man",
    "gnupg",
    "grep",
    "groff-base",
    "grub-common",
    "grub-pc",
    "grub2-common",
    "gzip",
    "haproxy",
    "haveged",
    "hdparm",
    "hplip",
    "ifupdown",
    "ifupdown-extra",
    "imagemagick-6-common",
    "info",
    "init-system-helpers",
    "initramfs-tools",
    "initramfs-tools-core",
    "initscripts",
    "insserv",
    "install-info",
    "iproute2",
    "iptables",
    "irqbalance",
    "isc-dhcp-client",
    "java-common",
    "kbd",
    "kdump-tools",
    "kexec-tools",
    "keyboard-configuration",
    "klibc-utils",
    "kmod",
    "krb5-config",
    "laptop-mode-tools",
    "libc-bin",
    "libc-dev-bin",
    "libc6",
    "libtool-bin",
    "libvirt-daemon-system",
    "lightdm",
    "lighttpd",
    "linux-base",
    "live-boot",
    "live-build",
    "live-config",
    "lm-sensors",
    "locales",
    "login",
    "logrotate",
    "lsb-base",
    "lsb-release",
    "lsof",
    "lvm2",
    "lxc",
    "lynis",
    "lz4",
    "lzop",
    "mailcap",
    "make",
    "man-db",
    "mariadb-common",
    "mariadb-server-core",
    "mawk",
    "mc",
    "mdadm",
    "memcached",
    "menu",
    "meson",
    "mime-support",
    "molly-guard",
    "monitoring-plugins-basic",
    "monitoring-plugins-common",
    "munin-node",
    "munin-plugins-core",
    "mutt",
    "mysql-common",
    "nagios-nrpe-server",
    "neomutt",
    "netbase",
    "netcat-openbsd",
    "network-manager",
    "nfs-common",
    "nftables",
    "nginx-common",
    "ninja-build",
    "nscd",
    "nsd",
    "ntpsec",
    "open-iscsi",
    "open-vm-tools",
    "openbsd-inetd",
    "opendkim",
    "openresolv",
    "openssh-client",
    "openssh-server",
    "openssl",
    "openvpn",
    "os-prober",
    "p7zip-full",
    "passwd",
    "pbuilder",
    "php-common",
    "pigz",
    "piuparts",
    "pixz",
    "pkg-config",
    "plymouth",
    "policykit-1",
    "polkitd",
    "popularity-contest",
    "postfix",
    "postgresql-common",
    "ppp",
    "privoxy",
    "procmail",
    "procps",
    "psmisc",
    "python3-minimal",
    "qemu-guest-agent",
    "quilt",
    "redis-server",
    "reportbug",
    "reprepro",
    "resolvconf",
    "rkhunter",
    "rng-tools5",
    "rsync",
    "rsyslog",
    "samba-common",
    "samba-common-bin",
    "screen",
    "sed",
    "sensible-utils",
    "sgml-base",
    "shared-mime-info",
    "smartmontools",
    "snmpd",
    "spamassassin",
    "squid",
    "ssh-import-id",
    "sshfs",
    "ssl-cert",
    "sssd-common",
    "startpar",
    "strace",
    "strongswan-starter",
    "sudo",
    "sysstat",
    "systemd-timesyncd",
    "sysvinit-utils",
    "tar",
    "tex-common",
    "texinfo",
    "tiger",
    "tlp",
    "tmux",
    "tomcat10",
    "tor",
    "tzdata",
    "ucf",
    "udev",
    "ufw",
    "unattended-upgrades",
    "unbound",
    "unzip",
    "update-inetd",
    "util-linux",
    "uuid-runtime",
    "vlan",
    "wget",
    "winbind",
    "wireguard-tools",
    "wpasupplicant",
    "x11-common",
    "xdg-user-dirs",
    "xdg-utils",
    "xen-utils-common",
    "xfonts-utils",
    "xfsprogs",
    "xinit",
    "xml-core",
    "xz-utils",
    "zabbix-agent",
    "zip",
    "zstd",
];

/// The corpus directory, built on first use.
pub fn build(root: &Path) -> Result<PathBuf> {
    let dir = root.join(".bench/debian-corpus");
    if dir.join(".complete").exists() {
        return Ok(dir);
    }
    let debs = root.join(".bench/debian-debs");
    fs::create_dir_all(&debs)?;
    let missing = download(&debs)?;
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    let unpack = root.join(".bench/debian-unpack");
    let mut count = 0;
    for deb in sorted_debs(&debs)? {
        let name = deb.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let package = name.split('_').next().unwrap_or(&name).to_string();
        let _ = fs::remove_dir_all(&unpack);
        fs::create_dir_all(unpack.join("DEBIAN"))?;
        dpkg_deb("-x", &deb, &unpack)?;
        dpkg_deb("-e", &deb, &unpack.join("DEBIAN"))?;
        let mut found = Vec::new();
        crate::corpus::collect(&unpack, &mut found);
        found.sort();
        for path in found {
            let relative = path.strip_prefix(&unpack)?;
            let target = dir.join(&package).join(relative);
            fs::create_dir_all(target.parent().context("a file has a parent")?)?;
            fs::copy(&path, &target)?;
            count += 1;
        }
    }
    let _ = fs::remove_dir_all(&unpack);
    let machine = crate::corpus::shell(root)?;
    fs::create_dir_all(dir.join("machine"))?;
    for entry in fs::read_dir(&machine)?.flatten() {
        let name = entry.file_name();
        if entry.file_type()?.is_file() && name != ".complete" {
            fs::copy(entry.path(), dir.join("machine").join(&name))?;
            count += 1;
        }
    }
    fs::write(
        dir.join(".complete"),
        format!("{count} scripts\nnot in the archive: {}\n", missing.join(" ")),
    )?;
    println!("{}: {count} scripts", dir.display());
    Ok(dir)
}

/// Downloads the packages not yet in `debs`; returns those the archive lacks.
fn download(debs: &Path) -> Result<Vec<String>> {
    let have: Vec<String> = sorted_debs(debs)?
        .iter()
        .filter_map(|p| Some(p.file_name()?.to_str()?.split('_').next()?.to_string()))
        .collect();
    let wanted: Vec<&str> =
        PACKAGES.iter().copied().filter(|p| !have.iter().any(|h| h == p)).collect();
    let mut missing = Vec::new();
    for chunk in wanted.chunks(40) {
        if apt_download(debs, chunk)? {
            continue;
        }
        // One unknown name fails the whole call: retry one by one.
        for package in chunk {
            if !apt_download(debs, &[package])? {
                missing.push((*package).to_string());
            }
        }
    }
    Ok(missing)
}

fn apt_download(debs: &Path, packages: &[&str]) -> Result<bool> {
    let status = Command::new("apt-get")
        .args(["download", "-q"])
        .args(packages)
        .current_dir(debs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("apt-get download")?;
    Ok(status.success())
}

fn sorted_debs(debs: &Path) -> Result<Vec<PathBuf>> {
    let mut list: Vec<PathBuf> = fs::read_dir(debs)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .collect();
    list.sort();
    Ok(list)
}

fn dpkg_deb(flag: &str, deb: &Path, into: &Path) -> Result<()> {
    let status = Command::new("dpkg-deb").arg(flag).arg(deb).arg(into).status()?;
    if !status.success() {
        bail!("dpkg-deb {flag} {} failed", deb.display());
    }
    Ok(())
}
