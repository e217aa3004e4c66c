//! `lintgate baseline` and `lint` with a baseline, in real git repositories:
//! known findings are hidden (and counted) in every report, new ones fail,
//! entries survive line shifts, reformatting of other lines and a rename
//! git reports; stale entries are counted, fail with `--fail-on-stale`, and
//! `--prune` removes them without adding new ones; bad baseline files are
//! clear errors naming the file and position.

mod common;

use common::{Repo, Run, git};
use serde_json::Value;

const PYTHON: &str = "import os\nimport sys\n\n\ndef f(x):\n    return x\n";
const SHELL: &str = "#!/bin/sh\necho $1\n";

/// A committed repository with three findings (two F401, one SC2086) and
/// `baseline = "lintgate-baseline.json"` in its configuration.
fn legacy_repo() -> Repo {
    let repo = Repo::new();
    git(repo.path(), &["init", "-q", "-b", "main"]);
    repo.write("pkg/app.py", PYTHON);
    repo.write("run.sh", SHELL);
    repo.write("lintgate.toml", "baseline = \"lintgate-baseline.json\"\n");
    commit(&repo, "legacy code");
    repo
}

fn commit(repo: &Repo, message: &str) {
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-qm", message]);
}

fn json_codes(run: &Run) -> Vec<String> {
    let findings: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{}", run.transcript()));
    findings.as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
}

fn record(repo: &Repo) {
    let run = repo.lint(&["baseline"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(run.stderr.contains("lintgate-baseline.json: recorded 3 findings"), "{}", run.stderr);
}

#[test]
fn the_file_is_sorted_one_entry_per_line_with_the_commit() {
    let repo = legacy_repo();
    record(&repo);
    let text = std::fs::read_to_string(repo.path().join("lintgate-baseline.json")).unwrap();
    let head = git(repo.path(), &["rev-parse", "HEAD"]).stdout;
    let head = String::from_utf8_lossy(&head).trim().to_string();
    assert!(text.contains(&format!("\"commit\": \"{head}\"")), "{text}");
    let entries: Vec<&str> =
        text.lines().filter(|l| l.trim_start().starts_with("{\"path\"")).collect();
    assert_eq!(entries.len(), 3, "{text}");
    assert!(
        entries[0].contains("\"path\":\"pkg/app.py\"")
            && entries[2].contains("\"path\":\"run.sh\""),
        "{text}"
    );
    assert!(
        entries[0].contains("\"code\":\"F401\"") && text.contains("`os` imported but unused"),
        "{text}"
    );
    // Recording again gives the same bytes (the file is stable in git).
    record(&repo);
    assert_eq!(std::fs::read_to_string(repo.path().join("lintgate-baseline.json")).unwrap(), text);
}

#[test]
fn known_findings_are_hidden_from_every_report_and_new_ones_fail() {
    let repo = legacy_repo();
    record(&repo);
    let run = repo.lint(&["lint"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("no findings") && run.stdout.contains("3 baselined."),
        "{}",
        run.stdout
    );
    let reports = [
        "--report",
        "junit=out/junit.xml",
        "--report",
        "codequality=out/cq.json",
        "--report",
        "sarif=out/lint.sarif",
        "--format",
        "json",
    ];
    let run = repo.lint(&[&["lint"][..], &reports].concat());
    assert_eq!(json_codes(&run), Vec::<String>::new());
    let junit = std::fs::read_to_string(repo.path().join("out/junit.xml")).unwrap();
    assert!(!junit.contains("<failure"), "{junit}");
    let cq: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("out/cq.json")).unwrap())
            .unwrap();
    assert_eq!(cq.as_array().unwrap().len(), 0);
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("out/lint.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 0);

    // A new finding in a file with baselined ones is reported, alone.
    repo.write("pkg/app.py", format!("{PYTHON}\n\nprint(undefined)\n"));
    let run = repo.lint(&["lint", "--format", "json"]);
    assert_eq!(run.status, 1, "{}", run.transcript());
    assert_eq!(json_codes(&run), ["F821"]);
    // --no-baseline and --baseline FILE.
    let run = repo.lint(&["lint", "--no-baseline", "--format", "json"]);
    assert_eq!(json_codes(&run).len(), 4, "{}", run.stdout);
    std::fs::rename(repo.path().join("lintgate-baseline.json"), repo.path().join("old.json"))
        .unwrap();
    repo.write("lintgate.toml", "");
    let run = repo.lint(&["lint", "--baseline", "old.json", "--format", "json"]);
    assert_eq!(json_codes(&run), ["F821"], "{}", run.transcript());
}

#[test]
fn entries_survive_line_shifts_reformatting_and_a_git_rename() {
    let repo = legacy_repo();
    record(&repo);
    // Lines added above and between, other code reformatted.
    repo.write(
        "pkg/app.py",
        "\"\"\"A module.\"\"\"\n# a comment\nimport os\n\nimport sys\n\n\ndef f(   x ):\n    y = x\n    return y\n\n\ndef g():\n    return 2\n",
    );
    repo.write("run.sh", "#!/bin/sh\n\necho $1\n");
    let run = repo.lint(&["lint"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(run.stdout.contains("3 baselined."), "{}", run.stdout);
    commit(&repo, "reformatted");
    // A rename git detects (similar enough content) since the baseline's commit.
    std::fs::create_dir(repo.path().join("bin")).unwrap();
    git(repo.path(), &["mv", "run.sh", "bin/run.sh"]);
    let run = repo.lint(&["lint"]);
    assert!(
        run.stdout.contains("3 baselined.") && !run.stdout.contains("no longer occur"),
        "{}",
        run.transcript()
    );
    commit(&repo, "moved");
    let run = repo.lint(&["lint"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("3 baselined."),
        "a committed rename is followed too:\n{}",
        run.stdout
    );
}

#[test]
fn stale_entries_are_counted_fail_on_request_and_are_pruned() {
    let repo = legacy_repo();
    record(&repo);
    repo.write("pkg/app.py", "import os\n\n\ndef f(x):\n    return x\n");
    let run = repo.lint(&["lint"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("2 baselined; 1 baseline entry no longer occurs"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("lintgate baseline --prune"), "{}", run.stdout);
    let run = repo.lint(&["lint", "--fail-on-stale"]);
    assert_eq!(run.status, 1, "{}", run.transcript());
    // Linting only part of the repository does not call other entries stale.
    let run = repo.lint(&["lint", "run.sh"]);
    assert!(
        run.stdout.contains("1 baselined.") && !run.stdout.contains("no longer occur"),
        "{}",
        run.stdout
    );

    // --prune drops the stale entry and adds no new finding.
    repo.write("run.sh", format!("{SHELL}echo $2\n"));
    let run = repo.lint(&["baseline", "--prune"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(run.stderr.contains("removed 1 stale of 3 entries"), "{}", run.stderr);
    let run = repo.lint(&["lint", "--format", "json"]);
    assert_eq!(json_codes(&run), ["SC2086"], "the new finding is not baselined by --prune");
    let run = repo.lint(&["lint"]);
    assert!(
        run.stdout.contains("2 baselined.") && !run.stdout.contains("no longer occur"),
        "{}",
        run.stdout
    );

    // Entries for a deleted file are stale, with a note naming it.
    std::fs::remove_file(repo.path().join("pkg/app.py")).unwrap();
    let run = repo.lint(&["lint", "run.sh", "--show-notes"]);
    assert!(run.stdout.contains("1 baseline entry no longer occurs"), "{}", run.stdout);
    assert!(run.stdout.contains("`pkg/app.py`, which no longer exists"), "{}", run.transcript());
}

#[test]
fn bad_baseline_files_are_errors_that_name_the_file_and_position() {
    let repo = legacy_repo();
    let cases = [
        (
            "{\n  \"lintgate-baseline\": 1,\n  \"findings\": [\n    {\"path\": \"a\",}\n  ]\n}\n",
            "lintgate-baseline.json:4:18: trailing comma",
        ),
        ("not json", "lintgate-baseline.json:1:2: expected ident"),
        ("{\"findings\": []}", "lintgate-baseline.json: not a lintgate baseline"),
        (
            "{\"lintgate-baseline\": 7, \"findings\": []}",
            "written in baseline format 7 by a newer lintgate",
        ),
    ];
    for (content, message) in cases {
        repo.write("lintgate-baseline.json", content);
        let run = repo.lint(&["lint"]);
        assert_eq!(run.status, 2, "{content}: {}", run.transcript());
        assert!(run.stderr.contains(message), "{content}: {}", run.stderr);
    }
    std::fs::remove_file(repo.path().join("lintgate-baseline.json")).unwrap();
    let run = repo.lint(&["lint"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("the baseline does not exist; write it with `lintgate baseline"),
        "{}",
        run.stderr
    );
    let run = repo.lint(&["baseline", "--prune"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
}

#[test]
fn a_large_baseline_loads_and_matches() {
    let repo = legacy_repo();
    record(&repo);
    let text = std::fs::read_to_string(repo.path().join("lintgate-baseline.json")).unwrap();
    // 100,000 more entries for files that do not exist: one note per file.
    let extra: String = (0..100_000)
        .map(|i| format!(",\n    {{\"path\":\"gone/f{}.py\",\"code\":\"F401\",\"fingerprint\":\"{i:016x}\",\"message\":\"m\"}}", i % 10))
        .collect();
    let big = text.replacen("\n  ]\n}", &format!("{extra}\n  ]\n}}"), 1);
    repo.write("lintgate-baseline.json", big);
    let run = repo.lint(&["lint", "--show-notes"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("3 baselined; 100000 baseline entries no longer occur"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("which no longer exists").count(),
        10,
        "one note per missing file"
    );
}
