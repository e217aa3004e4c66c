//! The result cache, through the real binary: a re-run gives the same
//! findings from the cache; every input a result depends on, changed, changes
//! the finding (the file, the configuration, a `.shellcheckrc`, a
//! `setup.cfg` line length, the first-party names I001 sorts by, a Markdown
//! link target, which is never cached); corrupt entries, concurrent runs, an
//! unusable or escaping cache directory and `--no-cache`/`clean` behave.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::{BIN, Repo, Run};
use serde_json::Value;

fn repo() -> Repo {
    let repo = Repo::new();
    repo.git_init();
    repo.write("pkg/app.py", "import os\nimport requests\nimport mylib\n\nX = 'a line that is longer than forty characters'\n");
    repo.write("run.sh", "#!/bin/sh\necho $1\n");
    repo.write("README.md", "# Read me\n\nSee [the guide](guide.md).\n");
    repo.write("lintgate.toml", "extend-select = [\"E501\", \"I001\"]\n");
    repo
}

/// (path, line, code) of every finding.
fn findings(run: &Run) -> BTreeSet<(String, u64, String)> {
    let value: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{}", run.transcript()));
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn lint(repo: &Repo) -> BTreeSet<(String, u64, String)> {
    findings(&repo.lint(&["lint", "--format", "json"]))
}

fn fresh(repo: &Repo) -> BTreeSet<(String, u64, String)> {
    findings(&repo.lint(&["lint", "--format", "json", "--no-cache"]))
}

fn pack_path(repo: &Repo) -> std::path::PathBuf {
    repo.path().join(".lintgate_cache").join(lintgate_engine::VERSION).join("results")
}

/// The keys in the cache's pack file (its layout: a header line, then per
/// entry a 16-byte key, a 4-byte length and the entry).
fn entry_keys(repo: &Repo) -> BTreeSet<u128> {
    let Ok(bytes) = std::fs::read(pack_path(repo)) else { return BTreeSet::new() };
    let mut at = bytes.iter().position(|&b| b == b'\n').expect("a header line") + 1;
    let mut keys = BTreeSet::new();
    while at < bytes.len() {
        keys.insert(u128::from_le_bytes(bytes[at..at + 16].try_into().unwrap()));
        let len = u32::from_le_bytes(bytes[at + 16..at + 20].try_into().unwrap());
        at += 20 + len as usize;
    }
    assert_eq!(at, bytes.len(), "the pack ends with a whole entry");
    keys
}

fn has(found: &BTreeSet<(String, u64, String)>, path: &str, code: &str) -> bool {
    found.iter().any(|(p, _, c)| p == path && c == code)
}

#[test]
fn a_rerun_comes_from_the_cache_and_every_input_is_part_of_the_key() {
    let repo = repo();
    let cold = lint(&repo);
    assert_eq!(
        entry_keys(&repo).len(),
        2,
        "the Python file and the script are cached; Markdown is not"
    );
    let names = entry_keys(&repo);
    assert_eq!(lint(&repo), cold, "the warm run differs");
    assert_eq!(entry_keys(&repo), names, "a re-run with nothing changed must hit the same entries");
    assert!(has(&cold, "run.sh", "SC2086") && has(&cold, "pkg/app.py", "F401"));
    let check = |what: &str| {
        let cached = lint(&repo);
        assert_eq!(cached, fresh(&repo), "after {what}, the cached run differs from a fresh one");
        cached
    };

    repo.write("run.sh", "#!/bin/sh\necho \"$1\"\n");
    assert!(!has(&check("editing the script"), "run.sh", "SC2086"));
    repo.write("run.sh", "#!/bin/sh\necho $1\n");
    assert!(has(&check("restoring the script"), "run.sh", "SC2086"));

    repo.write(".shellcheckrc", "disable=SC2086\n");
    assert!(!has(&check("a .shellcheckrc"), "run.sh", "SC2086"));
    std::fs::remove_file(repo.path().join(".shellcheckrc")).unwrap();

    repo.write("lintgate.toml", "extend-select = [\"E501\", \"I001\"]\nignore = [\"F401\"]\n");
    assert!(!has(&check("ignoring F401 in lintgate.toml"), "pkg/app.py", "F401"));
    repo.write(
        "lintgate.toml",
        "extend-select = [\"E501\", \"I001\"]\n[python]\nline-length = 40\n",
    );
    assert!(has(&check("line-length = 40"), "pkg/app.py", "E501"));
    repo.write("lintgate.toml", "extend-select = [\"E501\", \"I001\"]\n");
    assert!(!has(&check("the default line length"), "pkg/app.py", "E501"));
    repo.write("pkg/setup.cfg", "[flake8]\nmax-line-length = 40\n");
    assert!(has(&check("a setup.cfg line length"), "pkg/app.py", "E501"));
    std::fs::remove_file(repo.path().join("pkg/setup.cfg")).unwrap();

    // `mylib` becomes first-party: I001 wants another block layout.
    let before = check("nothing");
    repo.write("mylib/__init__.py", "");
    let after = check("a first-party package");
    assert_ne!(
        before.iter().filter(|f| f.2 == "I001").count()
            + after.iter().filter(|f| f.2 == "I001").count(),
        0,
        "the fixture must exercise I001: {before:?} {after:?}"
    );
    assert_ne!(before, after, "a new first-party package must change I001");

    assert!(has(&check("nothing"), "README.md", "LG401"));
    repo.write("guide.md", "# Guide\n");
    assert!(!has(&check("creating a link target"), "README.md", "LG401"));
}

#[test]
fn corrupt_entries_are_misses_and_rewritten() {
    let repo = repo();
    let cold = lint(&repo);
    let keys = entry_keys(&repo);
    let whole = std::fs::read(pack_path(&repo)).unwrap();
    let header = whole.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut garbled_body = whole.clone();
    for byte in &mut garbled_body[header + 20..header + 30] {
        *byte = 0xff;
    }
    let corruptions: [(&str, Vec<u8>); 4] = [
        ("an empty pack", Vec::new()),
        ("a pack cut inside an entry", whole[..whole.len() - 3].to_vec()),
        ("an entry whose bytes are not an entry", garbled_body),
        ("a file of another format", b"\xff\xfe\x00binary".to_vec()),
    ];
    for (what, bytes) in corruptions {
        std::fs::write(pack_path(&repo), bytes).unwrap();
        assert_eq!(lint(&repo), cold, "after {what}");
        assert_eq!(entry_keys(&repo), keys, "after {what}, the pack was not rewritten whole");
        assert_eq!(lint(&repo), cold, "re-run after {what}");
    }
    // Entries of the older one-file-per-entry layout are removed.
    let stray = pack_path(&repo).with_file_name("0123456789abcdef0123456789abcdef");
    std::fs::write(&stray, "lintgate-cache 1\n{}").unwrap();
    lint(&repo);
    assert!(!stray.exists());
    // Another version's directory is removed by a whole-repository run.
    let old = repo.path().join(".lintgate_cache/0.0.1");
    std::fs::create_dir_all(&old).unwrap();
    lint(&repo);
    assert!(!old.exists());
}

#[test]
fn concurrent_runs_both_finish_with_the_right_findings() {
    let repo = repo();
    for i in 0..40 {
        repo.write(&format!("many/m{i}.py"), format!("import os{i}\n"));
    }
    let expected = fresh(&repo);
    let spawn = || {
        Command::new(BIN)
            .args(["lint", "--format", "json"])
            .current_dir(repo.path())
            .output()
            .unwrap()
    };
    for _ in 0..3 {
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(spawn);
            let b = s.spawn(spawn);
            (a.join().unwrap(), b.join().unwrap())
        });
        for output in [a, b] {
            let run = Run {
                status: output.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&output.stdout).into(),
                stderr: String::from_utf8_lossy(&output.stderr).into(),
            };
            assert_eq!(findings(&run), expected);
        }
    }
}

#[test]
fn no_cache_env_config_and_clean() {
    let repo = repo();
    repo.lint(&["lint", "--no-cache"]);
    assert!(!repo.path().join(".lintgate_cache").exists(), "--no-cache wrote a cache");
    repo.write("lintgate.toml", "cache-dir = \"build/lint-cache\"\n");
    repo.lint(&["lint"]);
    assert!(repo.path().join("build/lint-cache/CACHEDIR.TAG").exists());
    assert_eq!(
        std::fs::read_to_string(repo.path().join("build/lint-cache/.gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
    let other = Repo::new();
    let run = common::run_command(
        Command::new(BIN)
            .args(["lint", "--show-notes"])
            .current_dir(repo.path())
            .env("LINTGATE_CACHE_DIR", other.path().join("c")),
        None,
        repo.path(),
    );
    assert!(
        run.stdout.contains("leads out of the repository"),
        "an outside LINTGATE_CACHE_DIR is refused:\n{}",
        run.transcript()
    );
    let run = repo.lint(&["clean"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(!repo.path().join("build/lint-cache").exists());
    // `clean` deletes only a directory lintgate made.
    std::fs::create_dir_all(repo.path().join("build/lint-cache/keep")).unwrap();
    let run = repo.lint(&["clean"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert!(repo.path().join("build/lint-cache/keep").exists());
}

#[test]
fn an_unusable_or_escaping_cache_directory_is_said_once_and_the_run_completes() {
    let repo = repo();
    let expected = fresh(&repo);
    // A file where the directory should be.
    repo.write(
        "lintgate.toml",
        "extend-select = [\"E501\", \"I001\"]\ncache-dir = \"not-a-dir\"\n",
    );
    repo.write("not-a-dir", "x");
    assert_eq!(lint(&repo), expected);
    let text = repo.lint(&["lint", "--show-notes"]).stdout;
    assert_eq!(text.matches("cannot be used").count(), 1, "{text}");
    // A symlink out of the repository.
    let outside = Repo::new();
    std::fs::remove_file(repo.path().join("not-a-dir")).unwrap();
    std::os::unix::fs::symlink(outside.path(), repo.path().join("not-a-dir")).unwrap();
    assert_eq!(lint(&repo), expected);
    let text = repo.lint(&["lint", "--show-notes"]).stdout;
    assert!(text.contains("leads out of the repository"), "{text}");
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "wrote outside the repository"
    );
}
