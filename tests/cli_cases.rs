//! CLI behaviour as data: each folder under `fixtures/cli/` is one case,
//! with `case.toml` (arguments, expected status, options), an input tree
//! `in/` and a snapshot of the transcript. Files named `_gitignore` and
//! `_ignore` become `.gitignore` and `.ignore` in the copy, so that they do
//! not act on this repository.
//!
//! `case.toml` keys: `args` (list), `status` (expected exit code), `git`
//! (run `git init` first), `cwd` (run in this subfolder), `stdin` (text),
//! `show` (files whose content goes into the snapshot after the run).
//! Update snapshots with `INSTA_UPDATE=always cargo test --test cli_cases`.

mod common;

use std::fs;
use std::path::Path;

use common::Repo;

fn run_case(case_dir: &Path) -> Result<(), String> {
    let case: toml::Table =
        fs::read_to_string(case_dir.join("case.toml")).unwrap().parse().unwrap();
    let strings = |key: &str| -> Vec<String> {
        case.get(key)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    let repo = Repo::new();
    if case_dir.join("in").is_dir() {
        common::copy_tree(&case_dir.join("in"), repo.path());
    }
    if case.get("git").and_then(|v| v.as_bool()) == Some(true) {
        repo.git_init();
    }
    let args = strings("args");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let cwd = case.get("cwd").and_then(|v| v.as_str()).unwrap_or(".");
    let stdin = case.get("stdin").and_then(|v| v.as_str()).map(str::as_bytes);
    let run = repo.run_in(cwd, &args, stdin);
    let mut transcript = format!("args: {args:?}\n{}", run.transcript());
    for file in strings("show") {
        let content =
            fs::read_to_string(repo.path().join(&file)).unwrap_or_else(|e| format!("<{e}>\n"));
        transcript.push_str(&format!("--- {file}\n{content}"));
    }
    let expected =
        case.get("status").and_then(|v| v.as_integer()).expect("case.toml needs `status`");
    if i64::from(run.status) != expected {
        return Err(format!("expected status {expected}, got {}\n{transcript}", run.status));
    }
    let name = case_dir.file_name().unwrap().to_string_lossy().into_owned();
    insta::with_settings!({ snapshot_path => case_dir, prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, transcript);
    });
    Ok(())
}

#[test]
fn cli_cases() {
    let cases = common::project_dir().join("fixtures/cli");
    let mut dirs: Vec<_> =
        fs::read_dir(&cases).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "expected the CLI cases in {}", cases.display());
    let failures: Vec<String> = dirs
        .iter()
        .filter_map(|dir| run_case(dir).err().map(|e| format!("{}: {e}", dir.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
