//! `--since REV`, `--staged` and `--new-only` in real git repositories:
//! renames, deletions, binary files, untracked and ignored files, a
//! submodule, and a shallow clone without the merge base.

mod common;

use common::{Repo, git};

fn files(repo: &Repo, args: &[&str]) -> Vec<String> {
    let mut all = vec!["lint", "--show-files"];
    all.extend(args);
    let run = repo.lint(&all);
    assert_eq!(run.status, 0, "{}", run.transcript());
    run.stdout.lines().map(|l| l.split('\t').nth(1).unwrap().to_string()).collect()
}

fn codes_and_lines(repo: &Repo, args: &[&str]) -> Vec<String> {
    let mut all = vec!["lint", "--format", "json"];
    all.extend(args);
    let run = repo.lint(&all);
    assert!(run.status <= 1, "{}", run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!("{}:{} {}", f["path"].as_str().unwrap(), f["line"], f["code"].as_str().unwrap())
        })
        .collect()
}

fn base_repo() -> Repo {
    let repo = Repo::new();
    git(repo.path(), &["init", "-q", "-b", "main"]);
    repo.write(".gitignore", "ignored.py\n");
    repo.write("keep.py", "import os\n");
    repo.write("edit.py", "import sys\n\nX = 1\n");
    repo.write("old_name.py", "import json\n");
    repo.write("gone.py", "import re\n");
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-qm", "base"]);
    git(repo.path(), &["checkout", "-q", "-b", "feature"]);
    repo
}

#[test]
fn since_lints_changed_and_untracked_files_only() {
    let repo = base_repo();
    repo.write("edit.py", "import sys\nimport csv\n\nX = 1\n");
    git(repo.path(), &["mv", "old_name.py", "new_name.py"]);
    git(repo.path(), &["rm", "-q", "gone.py"]);
    repo.write("blob.bin", [0u8, 1, 2, 3, 0, 255]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-qm", "change"]);
    repo.write("untracked.py", "import glob\n");
    repo.write("ignored.py", "import glob\n");
    assert_eq!(
        files(&repo, &["--since", "main"]),
        ["edit.py", "new_name.py", "untracked.py"],
        "binary files are not lintable kinds, deletions and ignored files are gone"
    );
    // Paths narrow the changed files.
    assert_eq!(files(&repo, &["--since", "main", "edit.py"]), ["edit.py"]);
    // --new-only keeps findings on changed lines: csv (line 2) but not sys
    // (line 1), nothing in the file only renamed, all of the untracked one.
    let found = codes_and_lines(&repo, &["--since", "main", "--new-only", "--select", "F401"]);
    assert_eq!(found, ["edit.py:2 F401", "untracked.py:1 F401"]);
    let everything = codes_and_lines(&repo, &["--since", "main", "--select", "F401"]);
    assert!(everything.contains(&"edit.py:1 F401".to_string()), "{everything:?}");

    let unknown = repo.lint(&["lint", "--since", "no-such-branch"]);
    assert_eq!(unknown.status, 2);
    assert!(
        unknown.stderr.contains("`no-such-branch` is not in this repository"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn staged_lints_index_content_and_skips_submodules() {
    let repo = base_repo();
    let sub = Repo::new();
    git(sub.path(), &["init", "-q", "-b", "main"]);
    std::fs::write(sub.path().join("inner.py"), "import os\n").unwrap();
    git(sub.path(), &["add", "-A"]);
    git(sub.path(), &["commit", "-qm", "sub"]);
    let url = sub.path().display().to_string();
    git(repo.path(), &["submodule", "add", "-q", &url, "vendor/sub"]);
    repo.write("edit.py", "import sys\nimport csv\n\nX = 1\n");
    git(repo.path(), &["add", "edit.py"]);
    repo.write("edit.py", "X = 1\n");
    assert_eq!(
        files(&repo, &["--staged"]),
        ["edit.py"],
        "the submodule and .gitmodules are not lintable files"
    );
    let found = codes_and_lines(&repo, &["--staged", "--select", "F401"]);
    assert_eq!(
        found,
        ["edit.py:1 F401", "edit.py:2 F401"],
        "the staged content, not the working tree"
    );
    let new = codes_and_lines(&repo, &["--staged", "--new-only", "--select", "F401"]);
    assert_eq!(new, ["edit.py:2 F401"]);
}

#[test]
fn a_shallow_clone_without_the_merge_base_names_git_depth() {
    let origin = base_repo();
    for n in 0..3 {
        origin.write("edit.py", format!("import sys\nX = {n}\n"));
        git(origin.path(), &["commit", "-qam", "more"]);
    }
    let clone = Repo::new();
    let url = format!("file://{}", origin.path().display());
    git(clone.path(), &["clone", "-q", "--depth", "1", "--branch", "feature", &url, "."]);
    for args in [&["lint", "--since", "HEAD~2"][..], &["lint", "--since", "HEAD~2", "--new-only"]] {
        let run = clone.lint(args);
        assert_eq!(run.status, 2, "{}", run.transcript());
        assert!(
            run.stderr.contains("shallow clone") && run.stderr.contains("GIT_DEPTH"),
            "{}",
            run.stderr
        );
    }
    let run = clone.lint(&["lint", "--new-only"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--new-only") && run.stderr.contains("--since"), "{}", run.stderr);
}
