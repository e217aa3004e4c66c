//! `cargo xtask dist [--out DIR]`: the release artefacts, in `dist/` by default.
//!
//! - `lintgate-<version>-py3-none-<platform>.whl`: the binary in a Python
//!   wheel (maturin, `bindings = "bin"`), so `pip install lintgate` needs no
//!   Rust toolchain; `python -m lintgate` runs it too.
//! - `lintgate-<version>-<target>.tar.gz`: the same binary, for the GitLab
//!   template's `LINTGATE_INSTALL=binary`, with `<name>.sha256` in
//!   `sha256sum` format beside it.
//! - `pre-commit-mirror/`: the hooks repository's files for this version.
//!
//! maturin builds with the release profile, so the tarball packs the very
//! binary the wheel holds (one build for both).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::process::run;
use crate::release_files::MIRROR_DIR;
use crate::{codegen, tools};

pub fn run_dist(root: &Path, args: &[String]) -> Result<()> {
    let out = match args {
        [] => root.join("dist"),
        [flag, dir] if flag == "--out" => PathBuf::from(dir),
        _ => bail!("usage: cargo xtask dist [--out DIR]"),
    };
    let version = lintgate_engine::VERSION;
    // The mirror and the template must name the version being built.
    codegen::run(root, false)?;
    let maturin = tools::install_dist(root)?;
    fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    remove_old_artefacts(&out)?;

    run(Command::new(&maturin)
        .args(["build", "--release", "--locked", "--out"])
        .arg(&out)
        .current_dir(root))?;
    let binary = target_dir(root)?.join("release/lintgate");
    let tarball = format!("lintgate-{version}-{}.tar.gz", host_triple()?);
    pack(&binary, &out, &tarball)?;
    write_checksum(&out, &tarball)?;
    copy_mirror(root, &out.join("pre-commit-mirror"))?;

    let wheel = find_wheel(&out, version)?;
    let size = |p: &Path| fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let (wheel_size, tar_size) = (size(&wheel), size(&out.join(&tarball)));
    println!("dist: {}", out.display());
    println!("  {:<60} {wheel_size:>10} bytes", file_name(&wheel));
    println!("  {tarball:<60} {tar_size:>10} bytes (+ .sha256)");
    println!("  pre-commit-mirror/");
    println!("  wheel / tarball size: {:.2}x", wheel_size as f64 / tar_size.max(1) as f64);
    Ok(())
}

/// Earlier builds' artefacts, so `dist/` holds exactly one version.
fn remove_old_artefacts(out: &Path) -> Result<()> {
    for entry in fs::read_dir(out)?.flatten() {
        if entry.file_name().to_string_lossy().starts_with("lintgate-") {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// `lintgate-<version>-<target>/lintgate` in a gzipped tarball, with fixed
/// owners and times so the same binary always gives the same bytes.
fn pack(binary: &Path, out: &Path, tarball: &str) -> Result<()> {
    let top = tarball.trim_end_matches(".tar.gz");
    let staging = out.join(".staging");
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(staging.join(top))?;
    fs::copy(binary, staging.join(top).join("lintgate"))
        .with_context(|| format!("copying {}", binary.display()))?;
    run(Command::new("tar")
        .args(["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0"])
        // gzip without the name and time of the input in its header.
        .args(["--use-compress-program=gzip -n", "-cf"])
        .arg(out.join(tarball))
        .arg("-C")
        .arg(&staging)
        .arg(top))?;
    fs::remove_dir_all(&staging)?;
    Ok(())
}

/// `<name>.sha256` as `sha256sum` writes it, so `sha256sum -c` checks it.
fn write_checksum(out: &Path, name: &str) -> Result<()> {
    let output = Command::new("sha256sum").arg(name).current_dir(out).output()?;
    if !output.status.success() {
        bail!("sha256sum {name} failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    fs::write(out.join(format!("{name}.sha256")), output.stdout)?;
    Ok(())
}

fn copy_mirror(root: &Path, to: &Path) -> Result<()> {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(root.join(MIRROR_DIR))?.flatten() {
        fs::copy(entry.path(), to.join(entry.file_name()))?;
    }
    Ok(())
}

fn find_wheel(out: &Path, version: &str) -> Result<PathBuf> {
    let prefix = format!("lintgate-{version}-");
    fs::read_dir(out)?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let name = file_name(p);
            name.starts_with(&prefix) && name.ends_with(".whl")
        })
        .with_context(|| format!("maturin wrote no {prefix}*.whl to {}", out.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR` and config).
fn target_dir(root: &Path) -> Result<PathBuf> {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(root)
        .output()?;
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .context("reading `cargo metadata` for the target directory")?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("`cargo metadata` has no target_directory")
}

/// The triple the release binary is built for (the host's), e.g.
/// `x86_64-unknown-linux-gnu`.
fn host_triple() -> Result<String> {
    let output = Command::new("rustc").arg("-vV").output()?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .context("`rustc -vV` names no host")
}
