//! The `lintgate` hook of `.pre-commit-hooks.yaml`, installed and run by the
//! real pre-commit and prek (`try-repo`) against a temporary repository with
//! staged clean and dirty files. Each tool builds lintgate from a clean clone
//! of this repository's HEAD (`language: rust`: `cargo install --path .`),
//! once: its environment is reused for the second run.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Repo, project_dir, tools_dir};

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// This repository's HEAD, cloned (try-repo then sees no uncommitted
/// changes, so both runs share one installed environment).
fn clean_clone() -> Repo {
    let clone = Repo::new();
    let source = project_dir().display().to_string();
    git(clone.path(), &["clone", "-q", "--no-hardlinks", &source, "lintgate"]);
    clone
}

fn consumer() -> Repo {
    let repo = Repo::new();
    git(repo.path(), &["init", "-q", "-b", "main"]);
    repo.write("clean.py", "X = 1\n");
    repo.write("dirty.py", "import os\n");
    repo.write("notes.txt", "not a kind lintgate lints\n");
    git(repo.path(), &["add", "-A"]);
    repo
}

fn try_repo(tool: &str, home_var: &str, home: &Path, repo: &Repo, lintgate: &Path, file: &str) -> (bool, String) {
    let output = Command::new(tools_dir().join("venv/bin").join(tool))
        .arg("try-repo")
        .arg(lintgate)
        .args(["lintgate", "--files", file])
        .current_dir(repo.path())
        .env(home_var, home)
        // Dependencies compiled once are reused by the second tool.
        .env("CARGO_TARGET_DIR", project_dir().join("target/hook-install"))
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

fn check(tool: &str, home_var: &str) {
    let clone = clean_clone();
    let lintgate: PathBuf = clone.path().join("lintgate");
    let repo = consumer();
    let home = Repo::new();
    let (passed, text) = try_repo(tool, home_var, home.path(), &repo, &lintgate, "clean.py");
    assert!(passed, "{tool} on a clean file:\n{text}");
    assert!(text.contains("lintgate") && text.contains("Passed"), "{text}");
    let (passed, text) = try_repo(tool, home_var, home.path(), &repo, &lintgate, "dirty.py");
    assert!(!passed, "{tool} passed a dirty file:\n{text}");
    assert!(text.contains("F401") && text.contains("dirty.py:1:8"), "{text}");
    let (passed, text) = try_repo(tool, home_var, home.path(), &repo, &lintgate, "notes.txt");
    assert!(passed, "{tool}: files of other kinds are not passed to the hook:\n{text}");
    assert!(text.contains("no files to check") || text.contains("Skipped"), "{text}");
}

#[test]
fn pre_commit_runs_the_hook() {
    check("pre-commit", "PRE_COMMIT_HOME");
}

#[test]
fn prek_runs_the_hook() {
    check("prek", "PREK_HOME");
}
