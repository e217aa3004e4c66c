//! The Markdown rules against the real markdownlint-cli2 0.22.1 on
//! `fixtures/markdown/`: `expected.txt` holds its findings (regenerated as
//! `fixtures/markdown/README.md` says), and for every rule lintgate
//! implements, lintgate must report exactly the same lines.

mod common;

use std::collections::BTreeSet;

use common::{Repo, copy_tree, project_dir};

#[test]
fn markdown_rules_agree_with_markdownlint_on_the_fixtures() {
    let fixtures = project_dir().join("fixtures/markdown");
    let repo = Repo::new();
    copy_tree(&fixtures, repo.path());
    let rules = repo.lint(&["rules", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_str(&rules.stdout).unwrap();
    let codes: BTreeSet<String> = rules
        .as_array()
        .unwrap()
        .iter()
        // markdownlint's rules; lintgate's own link checks (LG4xx) are not its.
        .filter(|r| r["checker"] == "markdown" && r["code"].as_str().unwrap().starts_with("MD"))
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.len() >= 15, "{codes:?}");
    let selected: Vec<&str> = codes.iter().map(String::as_str).collect();
    let run = repo.lint(&[
        "lint",
        "--isolated",
        "--format",
        "json",
        "--select",
        &selected.join(","),
        ".",
    ]);
    assert!(run.status <= 1, "{}", run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ours: BTreeSet<(String, u64, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] != "README.md")
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = std::fs::read_to_string(fixtures.join("expected.txt")).unwrap();
    let theirs: BTreeSet<(String, u64, String)> = expected
        .lines()
        .filter_map(|line| {
            let (location, code) = line.split_once(' ')?;
            let mut parts = location.split(':');
            let (file, number) = (parts.next()?, parts.next()?.parse().ok()?);
            codes.contains(code).then(|| (file.to_string(), number, code.to_string()))
        })
        .collect();
    let missing: Vec<_> = theirs.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&theirs).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "markdownlint only: {missing:#?}\nlintgate only: {extra:#?}"
    );
}
