//! The includable GitLab CI template, for real: valid against GitLab's CI
//! schema (check-jsonschema), and run by gitlab-ci-local with the shell
//! executor and the freshly built lintgate on PATH, in fixture repositories:
//! the lint job on clean and dirty code, the coverage job extended by a
//! consumer after a real pytest + coverage.py test job, and a sharded
//! pipeline whose merged reports equal an unsharded run's.
//!
//! gitlab-ci-local 4.56 pulls `:latest` for an `image:` whose variable is
//! empty (GitLab itself uses the runner's default image), so the consumer
//! files it runs set `.lintgate-base: image: ""` and skip its schema check;
//! the schema is checked on the unmodified template and consumer files.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{BIN, Repo, git, project_dir, tools_dir};
use lintgate_ciyaml::yaml::{self, Value};

const TEMPLATE: &str = "ci-templates/gitlab/lintgate.gitlab-ci.yml";
/// See the module comment.
const NO_IMAGE: &str = "\n.lintgate-base:\n  image: \"\"\n";

fn template() -> String {
    std::fs::read_to_string(project_dir().join(TEMPLATE)).unwrap()
}

/// A consumer repository on `main` that includes the template locally.
fn consumer(ci: &str, files: &[(&str, &str)]) -> Repo {
    let repo = Repo::new();
    repo.write(TEMPLATE, template());
    repo.write(".gitlab-ci.yml", format!("{ci}{NO_IMAGE}"));
    repo.write(".gitignore", ".gitlab-ci-local/\nlintgate-reports/\nlintgate-merged/\n.coverage\ncoverage.xml\n__pycache__/\n");
    for (path, text) in files {
        repo.write(path, text);
    }
    git(repo.path(), &["init", "-q", "-b", "main"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-qm", "consumer"]);
    repo
}

/// Runs gitlab-ci-local (all jobs, or the named ones) with the freshly built
/// lintgate and the test tools on PATH; returns its output.
fn gitlab_ci_local(repo: &Repo, jobs: &[&str]) -> String {
    let bin_dir = Path::new(BIN).parent().unwrap().to_path_buf();
    let mut path =
        vec![bin_dir, tools_dir().join("venv/bin"), tools_dir().join("npm/node_modules/.bin")];
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    common::gitlab_ci_local(repo.path(), jobs, &std::env::join_paths(path).unwrap())
}

fn passed(output: &str, job: &str) -> bool {
    common::job_passed(output, job)
}

fn failed(output: &str, job: &str) -> bool {
    common::job_failed(output, job)
}

fn check_jsonschema(file: &Path) -> (bool, String) {
    let output = Command::new(tools_dir().join("venv/bin/check-jsonschema"))
        .args(["--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci"])
        .arg(file)
        .output()
        .unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The template's body with every `$[[ inputs.NAME ]]` replaced by the
/// input's default, as GitLab does before it validates an include.
fn interpolated_body(template: &str) -> (String, String) {
    let (header, body) = template.split_once("\n---\n").expect("a spec header");
    let doc = yaml::parse(header);
    let spec = doc.get(&doc.root, "spec").unwrap();
    let inputs = doc.get(&spec, "inputs").unwrap();
    let mut body = body.to_string();
    for entry in doc.entries(&inputs) {
        let default = doc.get(&entry.value, "default").expect("every input has a default");
        let Value::Scalar(value) = &doc.resolve(&default).unwrap().value else { panic!() };
        body = body.replace(&format!("$[[ inputs.{} ]]", entry.key), &value.text);
    }
    assert!(!body.contains("$[["), "an input without a default: {body}");
    (header.to_string(), body)
}

#[test]
fn the_template_and_consumers_are_valid_gitlab_ci() {
    let dir = Repo::new();
    let (header, body) = interpolated_body(&template());
    let files: Vec<(&str, String)> = vec![
        // lintgate's own pipeline (lint, dist and release jobs).
        ("own.yml", std::fs::read_to_string(project_dir().join(".gitlab-ci.yml")).unwrap()),
        ("header.yml", header),
        ("body.yml", body.clone()),
        ("bare.yml", format!("include:\n  - local: {TEMPLATE}\n")),
        (
            "inputs.yml",
            format!(
                "include:\n  - local: {TEMPLATE}\n    inputs:\n      stage: lint\n      shards: 4\n      test-job: pytest\nstages: [lint]\n"
            ),
        ),
        (
            "coverage.yml",
            format!(
                "include:\n  - project: tools/lintgate\n    file: {TEMPLATE}\ntest:\n  script: [pytest]\nlintgate-coverage:\n  extends: .lintgate-coverage\n"
            ),
        ),
    ];
    for (name, text) in &files {
        let path: PathBuf = dir.write(name, text);
        let (ok, output) = check_jsonschema(&path);
        assert!(ok, "{name} is not valid GitLab CI:\n{output}\n{text}");
    }
    // The validator can fail: a shard count that is not a number.
    let broken = dir.write("broken.yml", body.replacen("parallel: 1", "parallel: many", 1));
    assert!(!check_jsonschema(&broken).0, "check-jsonschema accepted `parallel: many`");
}

#[test]
fn the_lint_job_passes_clean_code_fails_dirty_code_and_publishes_reports() {
    let bare = format!("include:\n  - local: {TEMPLATE}\n");
    let clean = consumer(&bare, &[("app.py", "X = 1\n"), ("run.sh", "#!/bin/sh\necho \"$1\"\n")]);
    let output = gitlab_ci_local(&clean, &["lintgate: [1/1]"]);
    assert!(passed(&output, "lintgate"), "{output}");
    for report in [
        "lintgate-reports/junit-1.xml",
        "lintgate-reports/codequality-1.json",
        "lintgate-reports/lintgate-1.sarif",
    ] {
        assert!(clean.path().join(report).exists(), "{report} missing:\n{output}");
    }
    let junit = std::fs::read_to_string(clean.path().join("lintgate-reports/junit-1.xml")).unwrap();
    assert!(junit.contains("<testsuites") && !junit.contains("<failure"), "{junit}");

    let dirty = consumer(&bare, &[("app.py", "import os\n")]);
    let output = gitlab_ci_local(&dirty, &["lintgate: [1/1]"]);
    assert!(failed(&output, "lintgate"), "{output}");
    assert!(output.contains("F401"), "{output}");
    // `when: always`: the reports are there for the failed job too.
    let codequality =
        std::fs::read_to_string(dirty.path().join("lintgate-reports/codequality-1.json")).unwrap();
    assert!(codequality.contains("\"check_name\": \"F401\""), "{codequality}");

    // LINTGATE_BASELINE: the same finding, recorded as known, passes.
    let baselined = consumer(
        &format!("{bare}variables:\n  LINTGATE_BASELINE: known.json\n"),
        &[("app.py", "import os\n")],
    );
    let recorded = baselined.lint(&["baseline", "-o", "known.json"]);
    assert_eq!(recorded.status, 0, "{}", recorded.transcript());
    let output = gitlab_ci_local(&baselined, &["lintgate: [1/1]"]);
    assert!(passed(&output, "lintgate"), "{output}");
    assert!(output.contains("1 baselined."), "{output}");
}

const TEST_JOB: &str = "test:\n  script:\n    - python -m coverage run -m pytest -q -p no:cacheprovider\n    - python -m coverage xml -o coverage.xml\n  artifacts:\n    paths: [coverage.xml]\nlintgate-coverage:\n  extends: .lintgate-coverage\n";

fn coverage_project(extra: &[(&str, &str)]) -> Repo {
    let ci = format!("include:\n  - local: {TEMPLATE}\n    inputs:\n      stage: test\n{TEST_JOB}");
    let fixture = project_dir().join("fixtures/coverage/project");
    let mut files: Vec<(String, String)> = Vec::new();
    for rel in ["calc/__init__.py", "calc/ops.py", "tests/test_ops.py", "pyproject.toml"] {
        files.push((rel.to_string(), std::fs::read_to_string(fixture.join(rel)).unwrap()));
    }
    files.extend(extra.iter().map(|(p, t)| (p.to_string(), t.to_string())));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    consumer(&ci, &refs)
}

#[test]
fn a_consumer_extending_the_coverage_job_gets_a_gate() {
    let repo = coverage_project(&[]);
    let output = gitlab_ci_local(&repo, &["test", "lintgate-coverage"]);
    assert!(passed(&output, "test"), "{output}");
    assert!(passed(&output, "lintgate-coverage"), "{output}");
    assert!(output.contains("coverage: 83.33%"), "{output}");
    assert!(output.contains("no coverage baseline"), "the missing baseline is said:\n{output}");
    for artifact in
        ["lintgate-coverage-cobertura.xml", "lintgate-coverage-junit.xml", "coverage-baseline.json"]
    {
        assert!(repo.path().join(artifact).exists(), "{artifact} missing:\n{output}");
    }

    let strict = coverage_project(&[("lintgate.toml", "[coverage]\nfail-under = 95\n")]);
    let output = gitlab_ci_local(&strict, &["test", "lintgate-coverage"]);
    assert!(failed(&output, "lintgate-coverage"), "{output}");
    assert!(output.contains("FAILED   floor"), "{output}");
    let junit = std::fs::read_to_string(strict.path().join("lintgate-coverage-junit.xml")).unwrap();
    assert!(junit.contains("coverage floor gate") && junit.contains("<failure"), "{junit}");
}

fn findings(path: &Path) -> BTreeSet<String> {
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    value.as_array().unwrap().iter().map(|f| f.to_string()).collect()
}

#[test]
fn a_sharded_pipeline_merges_to_the_unsharded_result() {
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 0..12 {
        files.push((format!("pkg/m{i}.py"), format!("import os{i}\n{}", "X = 1\n".repeat(i * 5))));
        files.push((format!("bin/s{i}.sh"), format!("#!/bin/sh\necho $V{i}\n")));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let sharded_ci = format!("include:\n  - local: {TEMPLATE}\n    inputs:\n      shards: 3\n");
    let sharded = consumer(&sharded_ci, &refs);
    let output = gitlab_ci_local(&sharded, &[]);
    assert!(passed(&output, "lintgate-merge"), "{output}");
    for k in 1..=3 {
        assert!(output.contains(&format!("lintgate: [{k}/3]")), "{output}");
    }
    let whole = consumer(&format!("include:\n  - local: {TEMPLATE}\n"), &refs);
    let single = gitlab_ci_local(&whole, &[]);
    assert!(!single.contains("lintgate-merge"), "no merge job for one shard:\n{single}");
    let merged = findings(&sharded.path().join("lintgate-merged/lintgate.json"));
    assert!(merged.len() >= 24, "{merged:?}");
    assert_eq!(merged, findings(&whole.path().join("lintgate-reports/lintgate-1.json")));
}
