//! The report files, read by real consumers: `junitparser` (PyPI) for JUnit
//! with GitLab's rules on top, `check-jsonschema` with GitLab's required
//! Code Quality fields, and Microsoft's SARIF Multitool. Each validator is
//! also shown a broken report, to prove it can fail.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use common::{Repo, tools_dir};
use serde_json::Value;

const MARKERS: &str = "x = 1\n<<<<<<< HEAD\ny = 2\n=======\ny = 3\n>>>>>>> topic\n<<<<<<< HEAD\n";

fn repo_with_findings() -> Repo {
    let repo = Repo::new();
    repo.git_init();
    repo.write("src/app.py", MARKERS);
    repo.write("src/my file é.py", "<<<<<<< HEAD\n");
    repo.write("docs/guide.md", "# Guide\n\n=======\n");
    repo.write("legacy.py", b"s = 'caf\xe9'\n");
    repo.write("clean.sh", "#!/bin/sh\necho ok\n");
    repo
}

/// Runner and shell rules only: the conflict markers in `.py` files are
/// also Python syntax errors, which these report tests do not count.
fn write_reports(repo: &Repo) -> common::Run {
    repo.lint(&[
        "lint",
        "--select",
        "LG,SC",
        "--quiet",
        "--report",
        "junit=out/junit.xml",
        "--report",
        "codequality=out/cq.json",
        "--report",
        "sarif=out/lint.sarif",
        "--report",
        "json=out/findings.json",
    ])
}

fn tool(name: &str) -> std::path::PathBuf {
    let dir = tools_dir();
    [dir.join("venv/bin").join(name), dir.join("npm/node_modules/.bin").join(name)]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!("{name} is not installed in {}: run `cargo xtask test`", dir.display())
        })
}

/// The JUnit cases as junitparser reads them.
fn junit_cases(path: &Path) -> Vec<Value> {
    let script = r#"
import json, sys
from junitparser import JUnitXml, Failure
cases = []
for suite in JUnitXml.fromfile(sys.argv[1]):
    for case in suite:
        failures = [r for r in case.result if isinstance(r, Failure)]
        cases.append({
            "suite": suite.name, "classname": case.classname, "name": case.name,
            "file": case._elem.get("file"), "failed": bool(failures),
            "text": failures[0].text if failures else None,
        })
print(json.dumps(cases))
"#;
    let output = Command::new(tool("python")).arg("-c").arg(script).arg(path).output().unwrap();
    assert!(output.status.success(), "junitparser: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice::<Value>(&output.stdout).unwrap().as_array().unwrap().clone()
}

#[test]
fn junit_follows_gitlab_rules() {
    let repo = repo_with_findings();
    assert_eq!(write_reports(&repo).status, 1);
    let findings: Value = serde_json::from_str(
        &std::fs::read_to_string(repo.path().join("out/findings.json")).unwrap(),
    )
    .unwrap();
    let findings = findings.as_array().unwrap();
    assert_eq!(findings.len(), 7, "{findings:#?}");
    let all_cases = junit_cases(&repo.path().join("out/junit.xml"));
    // The Markdown (its LG4xx link checks are selected) and shell checkers
    // ran and found nothing: a passing case for each shows it. No Python
    // rule is selected, so the Python checker did not run at all.
    let passing: Vec<(&str, &str)> = all_cases
        .iter()
        .filter(|c| c["failed"] == false)
        .map(|c| (c["classname"].as_str().unwrap(), c["name"].as_str().unwrap()))
        .collect();
    assert_eq!(passing, [("markdown", "no findings"), ("shell", "no findings")], "{all_cases:#?}");
    let cases: Vec<Value> = all_cases.iter().filter(|c| c["failed"] == true).cloned().collect();
    assert_eq!(cases.len(), findings.len());
    let keys: HashSet<(String, String)> = all_cases
        .iter()
        .map(|c| {
            (c["classname"].as_str().unwrap().to_string(), c["name"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(keys.len(), all_cases.len(), "GitLab keeps only the first of duplicate names");
    for (case, finding) in cases.iter().zip(findings) {
        assert_eq!(case["classname"], finding["checker"]);
        assert_eq!(case["file"], finding["path"]);
        assert_eq!(case["failed"], true);
        let text =
            case["text"].as_str().expect("GitLab shows the failure's text, so it must have one");
        let location = format!(
            "{}:{}:{}",
            finding["path"].as_str().unwrap(),
            finding["line"],
            finding["column"]
        );
        assert!(text.starts_with(&location), "{text:?} should start with {location}");
        assert!(text.contains(finding["message"].as_str().unwrap()));
    }
    // A clean run still shows what ran.
    let clean = Repo::new();
    clean.write("ok.py", "x = 1\n");
    assert_eq!(clean.lint(&["lint", "--quiet", "--report", "junit=j.xml"]).status, 0);
    let cases = junit_cases(&clean.path().join("j.xml"));
    let shown: Vec<(&str, bool)> = cases
        .iter()
        .map(|c| (c["classname"].as_str().unwrap(), c["failed"].as_bool().unwrap()))
        .collect();
    assert_eq!(shown, [("python", false), ("runner", false)]);
}

#[test]
fn junitparser_rejects_broken_xml() {
    let repo = Repo::new();
    let broken = repo.write("broken.xml", "<testsuites><testsuite name='x'><testcase");
    let output = Command::new(tool("python"))
        .args([
            "-c",
            "import sys; from junitparser import JUnitXml; JUnitXml.fromfile(sys.argv[1])",
        ])
        .arg(broken)
        .output()
        .unwrap();
    assert!(!output.status.success());
}

fn check_codequality(path: &Path) -> std::process::Output {
    let schema = common::project_dir().join("fixtures/schemas/gitlab-codequality.json");
    Command::new(tool("check-jsonschema"))
        .arg("--schemafile")
        .arg(schema)
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn code_quality_has_every_field_gitlab_requires() {
    let repo = repo_with_findings();
    write_reports(&repo);
    let path = repo.path().join("out/cq.json");
    let output = check_codequality(&path);
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let issues: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 7);
    let fingerprints: HashSet<&str> =
        issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(fingerprints.len(), issues.len(), "new-vs-resolved is computed from fingerprints");
    assert!(issues.iter().all(|i| i["severity"] == "major"), "errors map to `major`");
    // The schema can fail: an entry without `location.lines.begin`.
    let broken = repo.write("broken-cq.json", r#"[{"description":"d","check_name":"c","fingerprint":"f","severity":"minor","location":{"path":"a"}}]"#);
    assert!(!check_codequality(&broken).status.success());
}

fn sarif_validate(path: &Path) -> String {
    let output = Command::new(tool("sarif-multitool")).arg("validate").arg(path).output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn sarif_passes_the_multitool() {
    let repo = repo_with_findings();
    write_reports(&repo);
    let path = repo.path().join("out/lint.sarif");
    let report = sarif_validate(&path);
    // The multitool exits 0 even when it reports errors: read its output.
    assert!(!report.contains(": error "), "{report}");
    assert!(report.contains("1 files scanned") || report.contains("Done."), "{report}");
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 7);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["LG005", "LG003"]);
    assert!(rules[0]["help"]["markdown"].as_str().unwrap().contains("## Example"));
    let uri = run["results"].as_array().unwrap().iter().find_map(|r| {
        let uri =
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        uri.contains("file").then(|| uri.to_string())
    });
    assert_eq!(uri.as_deref(), Some("src/my%20file%20%C3%A9.py"));
    // And it can fail: a result pointing at a rule index that does not exist.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["ruleIndex"] = Value::from(99);
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    let broken_path = repo.write("broken.sarif", serde_json::to_string(&broken).unwrap());
    assert!(sarif_validate(&broken_path).contains(": error "));
}

#[test]
fn fingerprints_survive_line_shifts() {
    let repo = repo_with_findings();
    let before = repo.lint(&["lint", "--format", "json", "--select", "LG,SC"]);
    repo.write("src/app.py", format!("import os\n\n\n{MARKERS}"));
    let after = repo.lint(&["lint", "--format", "json", "--select", "LG,SC"]);
    let prints = |run: &common::Run| -> Vec<(String, String)> {
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (d["path"].as_str().unwrap().into(), d["fingerprint"].as_str().unwrap().into())
            })
            .collect()
    };
    let (before, after) = (prints(&before), prints(&after));
    assert_eq!(before, after);
    let app: Vec<_> = before.iter().filter(|(p, _)| p == "src/app.py").collect();
    assert_eq!(app.len(), 4);
    assert_ne!(app[0].1, app[3].1, "identical lines get distinct occurrence indices");
}

/// Runs `lintgate lint --report junit=out/j.xml --report json=out/f.json`
/// under `umask`, returning each report's permission bits.
fn report_modes(repo: &Repo, umask: &str) -> (u32, u32) {
    use std::os::unix::fs::PermissionsExt;
    let script = format!(
        "umask {umask}; exec \"$0\" lint --quiet --report junit=out/j.xml --report json=out/f.json"
    );
    let status = Command::new("sh")
        .args(["-c", &script, common::BIN])
        .current_dir(repo.path())
        .status()
        .unwrap();
    assert!(status.code().is_some_and(|c| c <= 1), "{status}");
    let mode =
        |p: &str| std::fs::metadata(repo.path().join(p)).unwrap().permissions().mode() & 0o777;
    (mode("out/j.xml"), mode("out/f.json"))
}

#[test]
fn reports_get_the_mode_a_plain_create_gives() {
    use std::os::unix::fs::PermissionsExt;
    let repo = repo_with_findings();
    assert_eq!(report_modes(&repo, "022"), (0o644, 0o644));
    std::fs::remove_dir_all(repo.path().join("out")).unwrap();
    assert_eq!(report_modes(&repo, "027"), (0o640, 0o640));
    // An existing report keeps its own mode, as `File::create` keeps it.
    let existing = repo.path().join("out/j.xml");
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o664)).unwrap();
    assert_eq!(report_modes(&repo, "077").0, 0o664);
}
