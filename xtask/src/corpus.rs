//! Real shell scripts written outside this project, for accuracy and speed
//! runs: the machine's own scripts (`/usr/bin`, `/usr/sbin`, `/usr/share`,
//! `/usr/lib`, `/etc`), copied under `.bench/shell-corpus/` so that both
//! tools see the same stable file names.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use std::process::Command;

use anyhow::{Context, Result};
use lintgate_engine::kind::{FileKind, classify_shebang};

const SOURCES: &[&str] = &["/usr/bin", "/usr/sbin", "/usr/share", "/usr/lib", "/etc"];
const MAX_SIZE: u64 = 1024 * 1024;

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
