//! The coverage gate end to end: a fixture project's tests run by the real
//! pytest + coverage.py, in real git repositories, compared with diff-cover
//! on the same diff; the GitLab baseline fetched from an HTTP server on
//! 127.0.0.1 that behaves like the job-artifacts API.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Repo, Run, copy_tree, git, project_dir, run_command, tools_dir};

/// The fixture project committed on `main`.
fn project() -> Repo {
    let repo = Repo::new();
    copy_tree(&project_dir().join("fixtures/coverage/project"), repo.path());
    repo.write(".gitignore", "coverage.*\n.coverage\n__pycache__/\nout/\n*.json\n");
    git(repo.path(), &["init", "-q", "-b", "main"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-qm", "project"]);
    repo
}

/// Runs the tests under coverage.py and writes the XML, JSON and LCOV reports.
fn measure(repo: &Repo) {
    let python = tools_dir().join("venv/bin/python");
    let run = |args: &[&str]| {
        let output = Command::new(&python).args(args).current_dir(repo.path()).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stdout));
    };
    run(&["-m", "coverage", "erase"]);
    run(&["-m", "coverage", "run", "-m", "pytest", "-q", "-p", "no:cacheprovider"]);
    run(&["-m", "coverage", "xml", "-q", "-o", "coverage.xml"]);
    run(&["-m", "coverage", "json", "-q", "-o", "coverage.json"]);
    run(&["-m", "coverage", "lcov", "-q", "-o", "coverage.lcov"]);
}

fn lintgate(repo: &Repo, args: &[&str]) -> Run {
    repo.lint(args)
}

fn commit_change(repo: &Repo, file: &str, content: &str, message: &str) {
    let path = repo.path().join(file);
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    text.push_str(content);
    repo.write(file, text);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-qm", message]);
}

const COVERED_FUNCTION: &str = "\n\ndef double(x):\n    return x * 2\n";
const COVERED_TEST: &str =
    "\n\ndef test_double():\n    from calc.ops import double\n    assert double(4) == 8\n";
const UNTESTED_FUNCTION: &str = "\n\ndef clamp(x, low, high):\n    if x < low:\n        return low\n    if x > high:\n        return high\n    return x\n";

#[test]
fn every_format_coverage_py_writes_reads_the_same() {
    let repo = project();
    measure(&repo);
    let mut converted = Vec::new();
    for report in ["coverage.xml", "coverage.json", "coverage.lcov"] {
        let run =
            lintgate(&repo, &["coverage", "baseline", report, "-o", &format!("out/{report}.json")]);
        assert_eq!(run.status, 0, "{}", run.transcript());
        let text = std::fs::read_to_string(repo.path().join(format!("out/{report}.json"))).unwrap();
        let mut baseline: serde_json::Value = serde_json::from_str(&text).unwrap();
        baseline.as_object_mut().unwrap().remove("report_format");
        converted.push(baseline);
    }
    assert_eq!(converted[0], converted[1], "Cobertura and coverage.py JSON disagree");
    assert_eq!(converted[0], converted[2], "Cobertura and LCOV disagree");
    // The totals match coverage.py's own summary of the same run.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("coverage.json")).unwrap())
            .unwrap();
    let totals = &converted[0]["totals"];
    assert_eq!(totals["measured"], json["totals"]["num_statements"]);
    assert_eq!(totals["covered"], json["totals"]["covered_lines"]);
    assert_eq!(totals["branches_total"], json["totals"]["num_branches"]);
    assert_eq!(totals["branches_covered"], json["totals"]["covered_branches"]);
    assert!(converted[0]["files"].get("calc/ops.py").is_some(), "{}", converted[0]);
}

#[test]
fn a_change_that_keeps_coverage_passes_and_one_that_adds_untested_code_fails() {
    let repo = project();
    measure(&repo);
    let made =
        lintgate(&repo, &["coverage", "baseline", "coverage.xml", "-o", "out/baseline.json"]);
    assert_eq!(made.status, 0, "{}", made.transcript());
    git(repo.path(), &["checkout", "-q", "-b", "feature"]);
    commit_change(&repo, "calc/ops.py", COVERED_FUNCTION, "double");
    commit_change(&repo, "tests/test_ops.py", COVERED_TEST, "test double");
    measure(&repo);
    let args =
        ["coverage", "check", "coverage.xml", "--baseline", "out/baseline.json", "--since", "main"];
    let pass = lintgate(&repo, &args);
    assert_eq!(pass.status, 0, "{}", pass.transcript());
    assert!(pass.stdout.contains("passed   baseline"), "{}", pass.stdout);
    assert!(
        pass.stdout.contains("passed   diff      100.00% of 2 measured changed lines"),
        "{}",
        pass.stdout
    );
    assert!(pass.stdout.ends_with("coverage: 85.71%\n"), "{}", pass.stdout);

    commit_change(&repo, "calc/ops.py", UNTESTED_FUNCTION, "clamp");
    measure(&repo);
    let mut failing = args.to_vec();
    failing.extend(["--report", "junit=out/junit.xml", "--report", "codequality=out/cq.json"]);
    let fail = lintgate(&repo, &failing);
    assert_eq!(fail.status, 1, "{}", fail.transcript());
    assert!(fail.stdout.contains("FAILED   baseline  line coverage"), "{}", fail.stdout);
    assert!(fail.stdout.contains("FAILED   diff"), "{}", fail.stdout);
    assert!(fail.stdout.contains("calc/ops.py"), "{}", fail.stdout);
    let junit = std::fs::read_to_string(repo.path().join("out/junit.xml")).unwrap();
    assert!(
        junit.contains("<testcase name=\"coverage diff gate\" classname=\"coverage\""),
        "{junit}"
    );
    assert!(junit.contains("<failure"), "{junit}");
    assert!(junit.contains("NEWLY UNCOVERED LINES"), "{junit}");

    // The uncovered changed lines are exactly those diff-cover reports.
    let ours = uncovered_from_codequality(&repo.path().join("out/cq.json"));
    let theirs = diff_cover_violations(&repo);
    assert!(!ours.is_empty());
    assert_eq!(ours, theirs, "lintgate and diff-cover disagree on uncovered changed lines");
}

fn uncovered_from_codequality(path: &Path) -> BTreeMap<String, BTreeSet<u64>> {
    let entries: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut lines: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for entry in entries.as_array().unwrap() {
        if entry["check_name"] != "LG501" {
            continue;
        }
        let location = &entry["location"];
        let begin = location["lines"]["begin"].as_u64().unwrap();
        let end = location["lines"]["end"].as_u64().unwrap_or(begin);
        let file = location["path"].as_str().unwrap().to_string();
        lines.entry(file).or_default().extend(begin..=end);
    }
    lines
}

fn diff_cover_violations(repo: &Repo) -> BTreeMap<String, BTreeSet<u64>> {
    let output = Command::new(tools_dir().join("venv/bin/diff-cover"))
        .args(["coverage.xml", "--compare-branch=main", "--format", "json:out/diff-cover.json"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    let path = repo.path().join("out/diff-cover.json");
    assert!(path.exists(), "diff-cover wrote nothing: {}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut lines = BTreeMap::new();
    for (file, stats) in report["src_stats"].as_object().unwrap() {
        let violations: BTreeSet<u64> = stats["violation_lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_u64().unwrap())
            .collect();
        if !violations.is_empty() {
            lines.insert(file.clone(), violations);
        }
    }
    lines
}

#[test]
fn bad_reports_and_baselines_are_errors_that_say_what_is_wrong() {
    let repo = project();
    measure(&repo);
    let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE coverage [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<coverage><sources><source>&x;</source></sources></coverage>\n";
    repo.write("out/xxe.xml", xxe);
    let run = lintgate(&repo, &["coverage", "check", "out/xxe.xml"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("out/xxe.xml:2:") && run.stderr.contains("entities"),
        "{}",
        run.stderr
    );

    let other = std::fs::read_to_string(repo.path().join("coverage.xml"))
        .unwrap()
        .replace(&repo.path().canonicalize().unwrap().display().to_string(), "/builds/team/app");
    repo.write("out/other.xml", other);
    let run = lintgate(&repo, &["coverage", "check", "out/other.xml"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert!(run.stderr.contains("not in the repository"), "{}", run.stderr);
    assert!(run.stderr.contains("\"/builds/team/app/\" = \"\""), "{}", run.stderr);

    repo.write("out/bad.lcov", "SF:calc/ops.py\nDA:4,1\nDA:5,many\nend_of_record\n");
    let run = lintgate(&repo, &["coverage", "check", "out/bad.lcov"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("out/bad.lcov:3: hit count `many`"), "{}", run.stderr);

    repo.write("out/empty.xml", "<?xml version=\"1.0\" ?>\n<coverage><packages/></coverage>\n");
    let run = lintgate(&repo, &["coverage", "check", "out/empty.xml"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("covers no files"), "{}", run.stderr);

    repo.write("out/new.json", "{\"lintgate_baseline\": 9, \"tool\": \"lintgate 7.0.0\"}\n");
    let run = lintgate(&repo, &["coverage", "check", "coverage.xml", "--baseline", "out/new.json"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("format version 9, written by lintgate 7.0.0"), "{}", run.stderr);

    let run =
        lintgate(&repo, &["coverage", "check", "coverage.xml", "--baseline", "out/none.json"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(
        run.stderr.contains("warning: no coverage baseline")
            && run.stderr.contains("out/none.json does not exist"),
        "{}",
        run.stderr
    );
    repo.write("lintgate.toml", "[coverage]\nif-missing = \"fail\"\n");
    let run =
        lintgate(&repo, &["coverage", "check", "coverage.xml", "--baseline", "out/none.json"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
}

#[test]
fn a_shallow_clone_without_the_merge_base_says_to_fetch_more_history() {
    let origin = project();
    for n in 0..3 {
        commit_change(&origin, "calc/ops.py", &format!("\n# change {n}\n"), "change");
    }
    let clone = Repo::new();
    let url = format!("file://{}", origin.path().display());
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "1", "--branch", "main", &url, "."])
        .current_dir(clone.path())
        .status()
        .unwrap();
    assert!(status.success());
    measure(&clone);
    let run = lintgate(&clone, &["coverage", "check", "coverage.xml", "--since", "HEAD~2"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("shallow clone") && run.stderr.contains("GIT_DEPTH"),
        "{}",
        run.stderr
    );
}

/// Serves GitLab's job-artifacts API on 127.0.0.1 for `requests`
/// connections or until the deadline, then stops.
fn artifacts_api(baseline: String, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut served = 0;
        while served < requests && Instant::now() < deadline {
            let Ok((mut stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            };
            served += 1;
            stream.set_nonblocking(false).unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            let mut token = None;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap() == 0 || header.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("job-token")
                {
                    token = Some(value.trim().to_string());
                }
            }
            let target = request_line.split_whitespace().nth(1).unwrap_or("").to_string();
            let respond = |stream: &mut std::net::TcpStream,
                           status: &str,
                           extra: &str,
                           body: &str| {
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
                    body.len()
                );
            };
            if target.starts_with("/files/") {
                respond(&mut stream, "200 OK", "", &baseline);
            } else if token.as_deref() != Some("job-secret") {
                respond(&mut stream, "401 Unauthorized", "", "{\"message\":\"401 Unauthorized\"}");
            } else if target
                == "/api/v4/projects/7/jobs/artifacts/main/raw/coverage-baseline.json?job=lintgate-coverage"
            {
                respond(&mut stream, "200 OK", "", &baseline);
            } else if target.contains("/artifacts/release%2F1.x/") {
                respond(&mut stream, "302 Found", "Location: /files/baseline.json\r\n", "");
            } else if target.contains("/artifacts/slow/") {
                std::thread::sleep(Duration::from_secs(3));
            } else {
                respond(&mut stream, "404 Not Found", "", "{\"message\":\"404 Not found\"}");
            }
        }
    });
    format!("http://{address}/api/v4")
}

#[test]
fn the_gitlab_baseline_is_fetched_from_the_artifacts_api() {
    let repo = project();
    measure(&repo);
    let made =
        lintgate(&repo, &["coverage", "baseline", "coverage.xml", "-o", "out/baseline.json"]);
    assert_eq!(made.status, 0);
    let baseline = std::fs::read_to_string(repo.path().join("out/baseline.json")).unwrap();
    let api = artifacts_api(baseline, 6);
    repo.write("lintgate.toml", "[coverage]\nbaseline = \"gitlab\"\ntimeout = 1\n");
    let check = |branch: &str, token: &str| {
        run_command(
            Command::new(common::BIN)
                .args(["coverage", "check", "coverage.xml"])
                .current_dir(repo.path())
                .env("CI_API_V4_URL", &api)
                .env("CI_PROJECT_ID", "7")
                .env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", branch)
                .env("CI_JOB_TOKEN", token)
                .env_remove("GITLAB_TOKEN")
                .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA"),
            None,
            repo.path(),
        )
    };
    let found = check("main", "job-secret");
    assert_eq!(found.status, 0, "{}", found.transcript());
    assert!(
        found
            .stdout
            .contains("passed   baseline  line coverage 83.33% (baseline 83.33%, +0.00 points)"),
        "{}",
        found.stdout
    );
    let redirected = check("release/1.x", "job-secret");
    assert!(redirected.stdout.contains("passed   baseline"), "{}", redirected.transcript());
    let refused = check("main", "wrong");
    assert!(refused.stderr.contains("HTTP 401"), "{}", refused.transcript());
    assert!(refused.stdout.contains("skipped  baseline"), "{}", refused.stdout);
    let missing = check("nothing", "job-secret");
    assert!(
        missing.stderr.contains("HTTP 404") && missing.stderr.contains("no successful pipeline"),
        "{}",
        missing.transcript()
    );
    let slow = check("slow", "job-secret");
    assert_eq!(slow.status, 0, "{}", slow.transcript());
    assert!(slow.stderr.contains("cannot fetch"), "{}", slow.transcript());
}

#[test]
fn lint_runs_the_gate_when_reports_are_configured() {
    let repo = project();
    measure(&repo);
    let made =
        lintgate(&repo, &["coverage", "baseline", "coverage.xml", "-o", "out/baseline.json"]);
    assert_eq!(made.status, 0);
    repo.write(
        "lintgate.toml",
        "[coverage]\nreports = [\"coverage.xml\"]\nbaseline = \"out/baseline.json\"\nfail-under = 90\n",
    );
    let run = lintgate(&repo, &["lint", "--format", "json", "--select", "LG5", "calc"]);
    assert_eq!(run.status, 1, "{}", run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> =
        findings.as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["LG505"], "{}", run.stdout);
    assert_eq!(findings[0]["path"], "coverage.xml");
    assert!(findings[0]["message"].as_str().unwrap().contains("83.33% < 90.00%"));
}
