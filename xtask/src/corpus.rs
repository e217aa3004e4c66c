//! Real code written outside this project, for accuracy and speed runs:
//! the machine's own shell scripts (`/usr/bin`, `/usr/sbin`, `/usr/share`,
//! `/usr/lib`, `/etc`), copied under `.bench/shell-corpus/` so that both
//! tools see the same stable file names; the standard library of the
//! machine's `python3`; pinned sdists from PyPI, unpacked under
//! `.bench/python-sdists/`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use std::process::Command;

use anyhow::{Context, Result, bail};
use lintgate_engine::kind::{FileKind, classify_shebang};

/// Real code bases from PyPI, pinned so that every run sees the same code.
pub const PYTHON_SDISTS: &[&str] = &["requests==2.34.2", "flask==3.1.3", "setuptools==84.2.1"];

const SOURCES: &[&str] = &["/usr/bin", "/usr/sbin", "/usr/share", "/usr/lib", "/etc"];
const MAX_SIZE: u64 = 1024 * 1024;

/// `cargo xtask corpus <python|shell>`: builds or fetches the corpora and
/// prints their directories, for running any tool on them by hand.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("python") => {
            let tools_dir = crate::tools::install(root)?;
            println!("{}", python_stdlib()?.display());
            println!("{}", python_sdists(root, &tools_dir)?.display());
        }
        _ => bail!("usage: cargo xtask corpus <python|shell>"),
    }
    Ok(())
}

/// The corpus directory, built on first use.
pub fn shell(root: &Path) -> Result<PathBuf> {
    let dir = root.join(".bench/shell-corpus");
    if dir.join(".complete").exists() {
        return Ok(dir);
    }
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    let mut found = Vec::new();
    for source in SOURCES {
        collect(Path::new(source), &mut found);
    }
    found.sort();
    for (i, path) in found.iter().enumerate() {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        fs::copy(path, dir.join(format!("{i:04}-{name}")))?;
    }
    fs::write(dir.join(".complete"), format!("{} scripts\n", found.len()))?;
    Ok(dir)
}

/// The shell scripts under `dir` (regular files, at most 1 MB, recursively).
pub fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        if kind.is_dir() {
            collect(&path, found);
        } else if kind.is_file()
            && entry.metadata().is_ok_and(|m| m.len() <= MAX_SIZE)
            && is_shell_script(&path)
        {
            found.push(path);
        }
    }
}

fn is_shell_script(path: &Path) -> bool {
    let mut head = [0u8; 128];
    let Ok(mut file) = fs::File::open(path) else { return false };
    let n = file.read(&mut head).unwrap_or(0);
    classify_shebang(&head[..n]) == Some(FileKind::Shell)
        && std::str::from_utf8(&head[..n]).is_ok_and(|h| !h.contains("zsh") && !h.contains("ksh"))
}

/// The files under `dir` that lintgate checks as `kind` (`shell`,
/// `python`), relative to `dir`.
pub fn files_of_kind(lintgate: &Path, dir: &Path, kind: &str) -> Result<Vec<String>> {
    let output = Command::new(lintgate)
        .args(["lint", "--isolated", "--show-files", "."])
        .current_dir(dir)
        .output()?;
    Ok(String::from_utf8(output.stdout)?
        .lines()
        .filter_map(|l| l.strip_prefix(kind)?.strip_prefix('\t'))
        .map(|path| relative_to_dir(dir, path))
        .collect())
}

/// lintgate prints paths relative to the repository root above `dir` (or
/// to `dir` itself when there is none); ShellCheck's are relative to `dir`.
pub fn relative_to_dir(dir: &Path, path: &str) -> String {
    let root = lintgate_engine::repository::root_of(dir);
    let full = root.join(path);
    full.strip_prefix(dir).map_or_else(|_| path.to_string(), |rel| rel.display().to_string())
}

/// The codes of every rule of `checker`, from `lintgate rules`.
pub fn checker_codes(lintgate: &Path, checker: &str) -> Result<Vec<String>> {
    codes_where(lintgate, checker, false)
}

/// The codes of `checker`'s rules that are on by default.
pub fn default_codes(lintgate: &Path, checker: &str) -> Result<Vec<String>> {
    codes_where(lintgate, checker, true)
}

fn codes_where(lintgate: &Path, checker: &str, on_by_default: bool) -> Result<Vec<String>> {
    let output = Command::new(lintgate).args(["rules", "--format", "json"]).output()?;
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    Ok(rules
        .as_array()
        .context("rules JSON")?
        .iter()
        .filter(|r| r["checker"] == checker && (!on_by_default || r["enabled"] == true))
        .filter_map(|r| r["code"].as_str().map(String::from))
        .collect())
}

/// The standard library of the machine's `python3`.
pub fn python_stdlib() -> Result<PathBuf> {
    let output = Command::new("python3")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .context("python3")?;
    Ok(PathBuf::from(String::from_utf8(output.stdout)?.trim()))
}

/// `PYTHON_SDISTS`, downloaded with the tools venv's pip (sdists only, as
/// published) and unpacked into one directory, one folder per package;
/// fetched again when the pins change.
pub fn python_sdists(root: &Path, tools_dir: &Path) -> Result<PathBuf> {
    let dir = root.join(".bench/python-sdists");
    let stamp = dir.join(".complete");
    let wanted = PYTHON_SDISTS.join("\n");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(dir);
    }
    let _ = fs::remove_dir_all(&dir);
    let downloads = root.join(".bench/python-sdists-download");
    let _ = fs::remove_dir_all(&downloads);
    fs::create_dir_all(&dir)?;
    crate::process::run(
        Command::new(tools_dir.join("venv/bin/python"))
            .args(["-m", "pip", "download", "--quiet", "--disable-pip-version-check"])
            .args(["--no-binary", ":all:", "--no-deps", "--dest"])
            .arg(&downloads)
            .args(PYTHON_SDISTS),
    )?;
    let mut archives: Vec<PathBuf> =
        fs::read_dir(&downloads)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    archives.sort();
    if archives.len() != PYTHON_SDISTS.len()
        || archives.iter().any(|a| !a.to_string_lossy().ends_with(".tar.gz"))
    {
        bail!("expected {} .tar.gz sdists in {}", PYTHON_SDISTS.len(), downloads.display());
    }
    for archive in &archives {
        crate::process::run(Command::new("tar").arg("-xzf").arg(archive).arg("-C").arg(&dir))?;
    }
    fs::remove_dir_all(&downloads)?;
    fs::write(&stamp, wanted)?;
    Ok(dir)
}
