//! `lintgate hook install | uninstall`: a native git pre-commit hook that
//! lints exactly what will be committed (`lint --staged`: the index blobs,
//! so a partially staged file is linted as it will be committed) and never
//! touches the working tree or the index. The hooks directory comes from
//! git itself (`core.hooksPath`, worktrees); a hook lintgate did not write
//! is never replaced without `--force`, and then it is kept as a backup that
//! `uninstall` restores.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::args::HookCommand;
use crate::{Status, UsageError};

/// The line that marks a hook as lintgate's.
const MARKER: &str = "# Installed by `lintgate hook install`";
const BACKUP_SUFFIX: &str = ".lintgate-backup";

pub fn run(command: HookCommand) -> Result<Status, UsageError> {
    let hook = hooks_dir()?.join("pre-commit");
    match command {
        HookCommand::Install { force } => install(&hook, force),
        HookCommand::Uninstall => uninstall(&hook),
    }
}

/// Where git looks for hooks here (honours `core.hooksPath` and worktrees).
fn hooks_dir() -> Result<PathBuf, UsageError> {
    let output = Command::new("git")
        .args(["rev-parse", "--path-format=absolute", "--git-path", "hooks"])
        .output()
        .map_err(|e| UsageError(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        return Err(UsageError(format!(
            "not in a git repository: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
}

fn is_ours(hook: &Path) -> bool {
    std::fs::read_to_string(hook).is_ok_and(|text| text.contains(MARKER))
}

fn script() -> String {
    let exe = std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default();
    let quoted = exe.replace('\'', r"'\''");
    format!(
        "#!/bin/sh\n{MARKER}; remove it with `lintgate hook uninstall`.\n\
         # Lints the staged content of the staged files; never changes the working tree or the index.\n\
         lintgate='{quoted}'\n\
         [ -x \"$lintgate\" ] || lintgate=lintgate\n\
         exec \"$lintgate\" lint --staged\n"
    )
}

fn install(hook: &Path, force: bool) -> Result<Status, UsageError> {
    let write_error =
        |e: std::io::Error| UsageError(format!("cannot write {}: {e}", hook.display()));
    if hook.exists() && !is_ours(hook) {
        if !force {
            return Err(UsageError(format!(
                "{} exists and was not written by lintgate; keep it, or pass --force to replace it (it is kept as {}{BACKUP_SUFFIX})",
                hook.display(),
                hook.file_name().map_or("pre-commit".into(), |n| n.to_string_lossy()),
            )));
        }
        let backup = backup_of(hook);
        std::fs::rename(hook, &backup).map_err(write_error)?;
        eprintln!("lintgate: kept the existing hook as {}", backup.display());
    }
    if let Some(dir) = hook.parent() {
        std::fs::create_dir_all(dir).map_err(write_error)?;
    }
    std::fs::write(hook, script()).map_err(write_error)?;
    set_executable(hook).map_err(write_error)?;
    eprintln!("lintgate: installed the pre-commit hook at {}", hook.display());
    Ok(Status::Clean)
}

fn uninstall(hook: &Path) -> Result<Status, UsageError> {
    if !hook.exists() {
        eprintln!("lintgate: no pre-commit hook at {}", hook.display());
        return Ok(Status::Clean);
    }
    if !is_ours(hook) {
        return Err(UsageError(format!(
            "{} was not written by lintgate; not removing it",
            hook.display()
        )));
    }
    let io = |e: std::io::Error| UsageError(format!("cannot remove {}: {e}", hook.display()));
    std::fs::remove_file(hook).map_err(io)?;
    let backup = backup_of(hook);
    if backup.exists() {
        std::fs::rename(&backup, hook).map_err(io)?;
        eprintln!("lintgate: removed the hook and restored the previous one");
    } else {
        eprintln!("lintgate: removed the pre-commit hook at {}", hook.display());
    }
    Ok(Status::Clean)
}

fn backup_of(hook: &Path) -> PathBuf {
    let mut name = hook.as_os_str().to_owned();
    name.push(BACKUP_SUFFIX);
    PathBuf::from(name)
}

#[cfg(unix)]
fn set_executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn set_executable(_: &Path) -> std::io::Result<()> {
    Ok(())
}
