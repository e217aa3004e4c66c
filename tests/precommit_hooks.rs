//! The `lintgate` hook of `.pre-commit-hooks.yaml`, installed and run by the
//! real pre-commit and prek (`try-repo`, then `run` from a config) against a
//! temporary repository with staged clean and dirty files. Each tool builds
//! lintgate from a clean clone of this repository's HEAD (`language: rust`:
//! `cargo install --path .`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Repo, git, project_dir, tools_dir};

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

/// Runs `tool ARGS` in the consumer repository with its own home directory.
fn tool_run(tool: &str, home_var: &str, home: &Path, repo: &Repo, args: &[&str]) -> (bool, String) {
    let output = Command::new(tools_dir().join("venv/bin").join(tool))
        .args(args)
        .current_dir(repo.path())
        .env(home_var, home)
        // Dependencies compiled once are reused by later builds.
        .env("CARGO_TARGET_DIR", project_dir().join("target/hook-install"))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Every build costs a minute or more (the clone's path is new each time,
/// so cargo rebuilds lintgate's own crates), so: one `try-repo` on a clean
/// and a dirty file together, then one installed environment, from a
/// config naming the same commit, for the clean, dirty and other-kind runs.
fn check(tool: &str, home_var: &str) {
    let clone = clean_clone();
    let lintgate: PathBuf = clone.path().join("lintgate");
    let repo = consumer();
    let home = Repo::new();
    let url = lintgate.display().to_string();
    let (passed, text) = tool_run(
        tool,
        home_var,
        home.path(),
        &repo,
        &["try-repo", &url, "lintgate", "--files", "clean.py", "dirty.py"],
    );
    assert!(!passed, "{tool} try-repo passed a dirty file:\n{text}");
    assert!(text.contains("F401") && text.contains("dirty.py:1:8"), "{text}");
    assert!(!text.contains("clean.py:"), "a finding in the clean file:\n{text}");

    let head =
        Command::new("git").args(["rev-parse", "HEAD"]).current_dir(&lintgate).output().unwrap();
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    repo.write(
        ".pre-commit-config.yaml",
        format!("repos:\n  - repo: {url}\n    rev: {head}\n    hooks:\n      - id: lintgate\n"),
    );
    let run = |file: &str| tool_run(tool, home_var, home.path(), &repo, &["run", "--files", file]);
    let (passed, text) = run("clean.py");
    assert!(passed, "{tool} on a clean file:\n{text}");
    assert!(text.contains("lintgate") && text.contains("Passed"), "{text}");
    let (passed, text) = run("dirty.py");
    assert!(!passed && text.contains("dirty.py:1:8"), "{tool} on a dirty file:\n{text}");
    let (passed, text) = run("notes.txt");
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
