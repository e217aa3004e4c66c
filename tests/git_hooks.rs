//! `lintgate hook install` with real `git commit`s: the hook lints the staged
//! content (a partially staged file as it will be committed), blocks a
//! dirty commit, leaves the working tree and the index alone, and respects
//! `core.hooksPath`, worktrees and hooks it did not write.

mod common;

use std::process::{Command, Output};

use common::{Repo, git_output};

fn git(repo: &Repo, args: &[&str]) -> Output {
    git_output(repo.path(), args)
}

fn ok(output: &Output) -> bool {
    output.status.success()
}

fn repo() -> Repo {
    let repo = Repo::new();
    assert!(ok(&git(&repo, &["init", "-q", "-b", "main"])));
    repo.write("app.py", "X = 1\n");
    git(&repo, &["add", "-A"]);
    assert!(ok(&git(&repo, &["commit", "-qm", "start"])));
    repo
}

#[test]
fn the_hook_lints_what_will_be_committed() {
    let repo = repo();
    let run = repo.lint(&["hook", "install"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    let hook = repo.path().join(".git/hooks/pre-commit");
    assert!(std::fs::read_to_string(&hook).unwrap().contains("lint --staged"));

    // A staged unused import blocks the commit, with the finding shown.
    repo.write("app.py", "import os\nX = 1\n");
    git(&repo, &["add", "app.py"]);
    let blocked = git(&repo, &["commit", "-qm", "dirty"]);
    assert!(!ok(&blocked), "the commit went through");
    // git sends a hook's standard output to standard error.
    let shown = String::from_utf8_lossy(&blocked.stderr);
    assert!(shown.contains("F401") && shown.contains("app.py:1:8"), "{shown}");

    // Partially staged: the index is clean, the working tree is not. The
    // commit is linted as it will be, so it passes, and the unstaged edit
    // is still there, unstaged.
    repo.write("app.py", "X = 2\n");
    git(&repo, &["add", "app.py"]);
    repo.write("app.py", "import os\nX = 2\n");
    let status_before = git(&repo, &["status", "--porcelain"]).stdout;
    let passed = git(&repo, &["commit", "-qm", "clean"]);
    assert!(
        ok(&passed),
        "{}{}",
        String::from_utf8_lossy(&passed.stdout),
        String::from_utf8_lossy(&passed.stderr)
    );
    assert_eq!(std::fs::read_to_string(repo.path().join("app.py")).unwrap(), "import os\nX = 2\n");
    let status_after =
        String::from_utf8_lossy(&git(&repo, &["status", "--porcelain"]).stdout).into_owned();
    assert_eq!(
        status_after.trim(),
        "M app.py",
        "before: {}",
        String::from_utf8_lossy(&status_before)
    );

    // And the reverse: a clean working tree over a dirty index is blocked.
    repo.write("app.py", "import os\nX = 3\n");
    git(&repo, &["add", "app.py"]);
    repo.write("app.py", "X = 3\n");
    assert!(!ok(&git(&repo, &["commit", "-qm", "dirty index"])));

    let run = repo.lint(&["hook", "uninstall"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(!hook.exists());
}

#[test]
fn foreign_hooks_are_kept_unless_forced_and_restored_on_uninstall() {
    let repo = repo();
    let hook = repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho theirs\n");
    let refused = repo.lint(&["hook", "install"]);
    assert_eq!(refused.status, 2);
    assert!(refused.stderr.contains("was not written by lintgate"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), "#!/bin/sh\necho theirs\n");

    let forced = repo.lint(&["hook", "install", "--force"]);
    assert_eq!(forced.status, 0, "{}", forced.transcript());
    assert!(std::fs::read_to_string(&hook).unwrap().contains("lintgate"));
    let backup = repo.path().join(".git/hooks/pre-commit.lintgate-backup");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), "#!/bin/sh\necho theirs\n");
    // Installing again over its own hook needs no --force.
    assert_eq!(repo.lint(&["hook", "install"]).status, 0);

    assert_eq!(repo.lint(&["hook", "uninstall"]).status, 0);
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), "#!/bin/sh\necho theirs\n");
    assert!(!backup.exists());
    assert_eq!(repo.lint(&["hook", "uninstall"]).status, 2, "not ours any more");
}

#[test]
fn hooks_path_and_worktrees() {
    let repo = repo();
    assert!(ok(&git(&repo, &["config", "core.hooksPath", "ci/hooks"])));
    assert_eq!(repo.lint(&["hook", "install"]).status, 0);
    assert!(repo.path().join("ci/hooks/pre-commit").exists());
    assert!(!repo.path().join(".git/hooks/pre-commit").exists());
    git(&repo, &["config", "--unset", "core.hooksPath"]);

    let worktree = repo.path().join("wt");
    assert!(ok(&git(&repo, &["worktree", "add", "-q", "-b", "side", "wt"])));
    let run = common::run_command(
        Command::new(common::BIN).args(["hook", "install"]).current_dir(&worktree),
        None,
        repo.path(),
    );
    assert_eq!(run.status, 0, "{}", run.transcript());
    // Worktrees share the main repository's hooks.
    assert!(repo.path().join(".git/hooks/pre-commit").exists(), "{}", run.stderr);
    std::fs::write(worktree.join("bad.py"), "import sys\n").unwrap();
    git_output(&worktree, &["add", "bad.py"]);
    assert!(
        !ok(&git_output(&worktree, &["commit", "-qm", "bad"])),
        "the worktree commit went through"
    );

    let outside = Repo::new();
    let run = outside.lint(&["hook", "install"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("not in a git repository"), "{}", run.stderr);
}
