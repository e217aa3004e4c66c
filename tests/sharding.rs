//! `--shard K/N` + `merge-reports`: for several N, the shards together lint
//! every file exactly once, and their merged reports hold exactly the
//! findings of one unsharded run, in every mergeable format.

mod common;

use std::collections::BTreeSet;

use common::Repo;

const FORMATS: [&str; 4] = ["json", "junit", "codequality", "sarif"];

fn project() -> Repo {
    let repo = Repo::new();
    repo.git_init();
    for i in 0..23 {
        let body = "x = 1\n".repeat(i * 7 + 1);
        repo.write(&format!("pkg{}/mod{i}.py", i % 4), format!("import os{i}\n{body}"));
        repo.write(&format!("scripts/s{i}.sh"), format!("#!/bin/sh\necho $VAR{i}\n"));
    }
    repo.write("pkg0/clean.py", "X = 1\n");
    repo
}

fn lint(repo: &Repo, extra: &[&str], out: &str) {
    let mut args = vec!["lint", "--quiet", "--exit-zero"];
    let reports: Vec<String> = FORMATS.iter().map(|f| format!("{f}={out}/report.{f}")).collect();
    for report in &reports {
        args.extend(["--report", report.as_str()]);
    }
    args.extend(extra);
    let run = repo.lint(&args);
    assert_eq!(run.status, 0, "{}", run.transcript());
}

/// A report's findings as comparable strings.
fn findings(format: &str, text: &str) -> BTreeSet<String> {
    match format {
        "json" | "codequality" => {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            value.as_array().unwrap().iter().map(|v| v.to_string()).collect()
        }
        "sarif" => {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let run = &value["runs"][0];
            let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
            run["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    // The rule a result points at, whatever its index.
                    let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"];
                    assert_eq!(rule, &r["ruleId"]);
                    let mut r = r.clone();
                    r.as_object_mut().unwrap().remove("ruleIndex");
                    r.to_string()
                })
                .collect()
        }
        "junit" => text
            .lines()
            .filter(|l| l.contains("<testcase") && !l.contains("name=\"no findings\""))
            .map(|l| l.trim().to_string())
            .collect(),
        _ => unreachable!(),
    }
}

#[test]
fn merged_shards_equal_one_run() {
    let repo = project();
    lint(&repo, &[], "whole");
    let listed = repo.lint(&["lint", "--show-files"]);
    let all_files: BTreeSet<String> = listed.stdout.lines().map(str::to_string).collect();
    assert!(all_files.len() > 40, "{}", listed.stdout);
    for total in [2, 3, 5] {
        let mut seen = Vec::new();
        for k in 1..=total {
            let shard = format!("{k}/{total}");
            lint(&repo, &["--shard", &shard], &format!("shard{total}-{k}"));
            let files = repo.lint(&["lint", "--show-files", "--shard", &shard]);
            seen.extend(files.stdout.lines().map(str::to_string));
        }
        let unique: BTreeSet<String> = seen.iter().cloned().collect();
        assert_eq!(unique.len(), seen.len(), "a file was in two of {total} shards");
        assert_eq!(unique, all_files, "{total} shards did not cover every file");
        for format in FORMATS {
            let inputs: Vec<String> =
                (1..=total).map(|k| format!("shard{total}-{k}/report.{format}")).collect();
            let merged = format!("merged{total}.{format}");
            let mut args = vec!["merge-reports", "--format", format, "-o", merged.as_str()];
            args.extend(inputs.iter().map(String::as_str));
            let run = repo.lint(&args);
            assert_eq!(run.status, 0, "{}", run.transcript());
            let read = |path: &str| std::fs::read_to_string(repo.path().join(path)).unwrap();
            let whole = findings(format, &read(&format!("whole/report.{format}")));
            assert!(!whole.is_empty(), "{format}: no findings to compare");
            assert_eq!(
                findings(format, &read(&merged)),
                whole,
                "{format}: {total} merged shards differ from one run"
            );
        }
    }
}

#[test]
fn bad_shards_and_reports_are_usage_errors() {
    let repo = project();
    for bad in ["0/3", "4/3", "x", "1/0"] {
        let run = repo.lint(&["lint", "--shard", bad]);
        assert_eq!(run.status, 2, "{bad}: {}", run.transcript());
        assert!(run.stderr.contains("--shard"), "{}", run.stderr);
    }
    repo.write("broken.json", "{not json");
    let run = repo.lint(&["merge-reports", "--format", "json", "-o", "out.json", "broken.json"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("broken.json: not a JSON report"), "{}", run.stderr);
}
