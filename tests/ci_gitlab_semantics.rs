//! lintgate's resolution of GitLab CI (anchors, merge keys, `extends`,
//! `default:`, `inherit:`, `!reference`, every scalar style) against a real
//! implementation: for every fixture in `fixtures/ci/gitlab-semantics/`,
//! `gitlab-ci-local --preview` (npm, installed by `cargo xtask test`) prints
//! each job as GitLab resolves it, and the script lintgate assembles for
//! each job must equal GitLab's, item for item. Each fixture is also valid
//! against GitLab's CI schema (check-jsonschema, PyPI).

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::{Repo, project_dir, tools_dir};
use lintgate_ciyaml::gitlab::{self, GLOBAL_KEYWORDS as GLOBAL, ShellChoice};
use lintgate_ciyaml::yaml::{self, Document, Node, Value};

/// The script items of `node`, flattened.
fn items(doc: &Document, node: &Node, out: &mut Vec<String>) {
    let Some(node) = doc.resolve(node) else { return };
    match &node.value {
        Value::Scalar(s) => out.push(s.text.clone()),
        Value::Sequence(list) => list.iter().for_each(|item| items(doc, item, out)),
        _ => {}
    }
}

/// job -> (before_script + script, after_script) as gitlab-ci-local resolves them.
fn gitlab_ci_local(ci_file: &str) -> BTreeMap<String, (String, String)> {
    let repo = Repo::new();
    repo.git_init();
    repo.write(".gitlab-ci.yml", ci_file);
    let output = Command::new(tools_dir().join("npm/node_modules/.bin/gitlab-ci-local"))
        .arg("--preview")
        .current_dir(repo.path())
        .output()
        .expect("gitlab-ci-local runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "gitlab-ci-local failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let preview = &stdout[stdout.find("---\n").expect("a YAML preview") + 4..];
    let doc = yaml::parse(preview);
    let mut jobs = BTreeMap::new();
    for entry in doc.entries(&doc.root) {
        if GLOBAL.contains(&entry.key.as_str()) {
            continue;
        }
        let job = doc.resolve(&entry.value).unwrap();
        let mut main = Vec::new();
        for key in ["before_script", "script"] {
            if let Some(node) = doc.get(&job, key) {
                items(&doc, &node, &mut main);
            }
        }
        let mut after = Vec::new();
        if let Some(node) = doc.get(&job, "after_script") {
            items(&doc, &node, &mut after);
        }
        jobs.insert(entry.key, (main.join("\n"), after.join("\n")));
    }
    jobs
}

/// The same, from lintgate's resolver (visible jobs only, as GitLab lists them).
fn lintgate(ci_file: &str) -> BTreeMap<String, (String, String)> {
    let doc = yaml::parse(ci_file);
    let mut jobs: BTreeMap<String, (String, String)> = BTreeMap::new();
    for unit in gitlab::extract(&doc, ShellChoice::Bash).units {
        if unit.job.starts_with('.') {
            continue;
        }
        let job = jobs.entry(unit.job.clone()).or_default();
        match unit.kind {
            "script" => job.0 = unit.script.text.clone(),
            "after_script" => job.1 = unit.script.text.clone(),
            _ => {}
        }
    }
    jobs
}

#[test]
fn scripts_match_gitlab_ci_local() {
    let dir = project_dir().join("fixtures/ci/gitlab-semantics");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 3);
    let mut jobs = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let expected = gitlab_ci_local(&text);
        assert!(!expected.is_empty(), "{}: gitlab-ci-local listed no jobs", file.display());
        assert_eq!(lintgate(&text), expected, "{}", file.display());
        jobs += expected.len();
    }
    assert!(jobs >= 6);
}

#[test]
fn fixtures_are_valid_gitlab_ci() {
    let dir = project_dir().join("fixtures/ci/gitlab-semantics");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let output = Command::new(tools_dir().join("venv/bin/check-jsonschema"))
            .args(["--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

/// The bad-input fixtures that break GitLab's schema must fail it too, so
/// they are real examples of what GitLab rejects. (A circular `extends` is
/// schema-valid; GitLab rejects it later, as LG303 does.)
#[test]
fn bad_input_fixtures_fail_the_schema() {
    let dir = project_dir().join("fixtures/cli/ci-bad-input/in/.gitlab/ci");
    for name in ["duplicates.yml", "items.yml", "self-reference.yml", "tabs.yml"] {
        let output = Command::new(tools_dir().join("venv/bin/check-jsonschema"))
            .args(["--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci"])
            .arg(dir.join(name))
            .output()
            .unwrap();
        assert!(!output.status.success(), "{name} passes GitLab's schema but should not");
    }
}
