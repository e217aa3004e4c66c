//! Findings in CI YAML point at the exact line and column of the characters
//! they are about, for every scalar style (plain, multi-line plain, single-
//! and double-quoted with escapes, literal and folded blocks, flow
//! sequences), text reached through anchors, `extends` and `!reference`, and
//! GitHub `run:` steps with `${{ }}` masked. Each folder under
//! `fixtures/ci/positions/` is copied to a temporary directory and linted;
//! `<folder>.expected` lists `path:line:column CODE`, one per finding.

mod common;

use std::fs;

use common::Repo;

#[test]
fn findings_point_at_the_exact_yaml_position() {
    let fixtures = common::project_dir().join("fixtures/ci/positions");
    let mut checked = 0;
    for entry in fs::read_dir(&fixtures).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let expected = fs::read_to_string(dir.with_extension("expected")).unwrap();
        let repo = Repo::new();
        common::copy_tree(&dir, repo.path());
        let run = repo.lint(&["lint", "--isolated", "--format", "json"]);
        let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let actual: Vec<String> = findings
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{} {}",
                    f["path"].as_str().unwrap(),
                    f["line"],
                    f["column"],
                    f["code"].as_str().unwrap()
                )
            })
            .collect();
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(actual, expected, "{}", dir.display());
        checked += expected.len();
    }
    assert!(checked >= 15);
}
