//! The D codes against the real pydocstyle 6.3, convention by convention, on
//! the D fixtures; pydocstyle's `# noqa` placement; and bad input.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Repo;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/python")
}

/// pydocstyle crashes on these and reports nothing for the run: a bytes
/// "docstring" (`literal_eval` gives bytes, which it splits with a str) and
/// an f-string one (`literal_eval` rejects it).
const CRASHES_PYDOCSTYLE: &[&str] = &["D100_1.py", "D101_0.py"];

/// `fixtures/python/D*_<n>.py` that pydocstyle can check.
fn docstring_fixtures() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with('D') && n.ends_with(".py"))
        .filter(|n| !CRASHES_PYDOCSTYLE.contains(&n.as_str()))
        .collect();
    files.sort();
    files
}

type Key = (String, u64, String);

fn pydocstyle(convention: &str, files: &[String]) -> BTreeSet<Key> {
    let output = Command::new(common::tools_dir().join("venv/bin/pydocstyle"))
        .arg(format!("--convention={convention}"))
        .arg("--match=.*\\.py")
        .args(files)
        .current_dir(fixtures())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.is_empty(), "pydocstyle: {}", String::from_utf8_lossy(&output.stderr));
    let mut keys = BTreeSet::new();
    let mut place = None;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("        ") {
            let (file, number): &(String, u64) = place.as_ref().unwrap();
            keys.insert((file.clone(), *number, rest.split(':').next().unwrap().to_string()));
        } else {
            let (file, rest) = line.split_once(':').unwrap();
            place = Some((file.to_string(), rest.split(' ').next().unwrap().parse().unwrap()));
        }
    }
    keys
}

fn lintgate(convention: &str, files: &[String]) -> BTreeSet<Key> {
    let config = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(config.path(), format!("[python]\ndocstring-convention = \"{convention}\"\n"))
        .unwrap();
    let output = Command::new(common::BIN)
        .args(["lint", "--no-cache", "--format", "json", "--config"])
        .arg(config.path())
        .args(files)
        .current_dir(fixtures())
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with('D'))
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (file, f["line"].as_u64().unwrap(), f["code"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn pydocstyle_crashes_on_bytes_docstrings_that_lintgate_skips() {
    for file in CRASHES_PYDOCSTYLE {
        let output = Command::new(common::tools_dir().join("venv/bin/pydocstyle"))
            .arg(file)
            .current_dir(fixtures())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("Traceback"), "{file}: {stderr}");
    }
}

#[test]
fn every_convention_reports_what_pydocstyle_reports_on_the_fixtures() {
    let files = docstring_fixtures();
    assert!(files.len() > 40, "{files:?}");
    // pydocstyle takes the first string token of `"Not " + "a docstring."`
    // (line 54) for a docstring; Python (and lintgate, and ruff) do not, so
    // lintgate reports the function (line 53) as undocumented instead.
    let known = |k: &&Key| k.0 == "D103_0.py" && (k.1 == 53 || k.1 == 54);
    for convention in ["pep257", "numpy", "google"] {
        let theirs = pydocstyle(convention, &files);
        let ours = lintgate(convention, &files);
        let only_ours: Vec<&Key> = ours.difference(&theirs).filter(|k| !known(k)).collect();
        let only_theirs: Vec<&Key> = theirs.difference(&ours).filter(|k| !known(k)).collect();
        assert!(
            only_ours.is_empty() && only_theirs.is_empty(),
            "{convention}: only lintgate {only_ours:?}, only pydocstyle {only_theirs:?}"
        );
        assert!(theirs.len() > 100, "{convention}: {}", theirs.len());
    }
}

fn codes_by_line(run: &common::Run) -> Vec<(u64, String)> {
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["code"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn noqa_after_the_colon_as_pydocstyle_reads_it_and_on_the_docstring() {
    let repo = Repo::new();
    repo.write(
        "m.py",
        "\"\"\"Module.\"\"\"\n\n\ndef a():  # noqa: D401\n    \"\"\"Returns a\"\"\"\n\n\ndef b():  # noqa\n    \"\"\"Returns b\"\"\"\n\n\ndef c():\n    \"\"\"Returns c\"\"\"  # noqa: D401\n\n\ndef d():\n    \"\"\"Returns d\"\"\"\n",
    );
    let run =
        repo.lint(&["lint", "--isolated", "--format", "json", "--select", "D401,D400", "m.py"]);
    assert_eq!(run.status, 1, "{}", run.transcript());
    let found = codes_by_line(&run);
    let expected: Vec<(u64, String)> = [(5, "D400"), (13, "D400"), (17, "D400"), (17, "D401")]
        .iter()
        .map(|(l, c)| (*l, c.to_string()))
        .collect();
    assert_eq!(found, expected, "{}", run.stdout);
}

#[test]
fn bad_docstrings_are_checked_without_failing() {
    let repo = Repo::new();
    repo.write("quotes.py", "def a():\n    \"\"\"\"\"\"\n\n\ndef b():\n    ''\n");
    repo.write(
        "bytes.py",
        "\"\"\"Module.\"\"\"\n\n\ndef a():\n    b\"\"\"Not a docstring.\"\"\"\n",
    );
    repo.write(
        "fstring.py",
        "\"\"\"Module.\"\"\"\nx = 1\n\n\ndef a():\n    f\"\"\"Not {x}.\"\"\"\n",
    );
    repo.write("eof.py", "\"\"\"Module.\n\nReturns:\n\"\"\"");
    let long: String = (0..100_000).map(|i| format!("    Line {i}.\n")).collect();
    repo.write(
        "long.py",
        format!("def a(x):\n    \"\"\"Return x.\n\n{long}\n    Returns:\n    \"\"\"\n"),
    );
    repo.write(
        "mixed.py",
        "def a(x, y):\n    \"\"\"Return x.\n\n    Args:\n\t    x: one.\n    \t  Args:\n  \t      y: two.\n\tReturns:\n    \"\"\"\n",
    );
    let decorators = "@d\n".repeat(5_000);
    repo.write(
        "decorated.py",
        format!("\"\"\"Module.\"\"\"\n\n\n{decorators}def a():\n    pass\n"),
    );
    let run = repo.lint(&["lint", "--isolated", "--format", "json", "--select", "D"]);
    assert_eq!(run.status, 1, "{}", run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes = |path: &str| -> BTreeSet<String> {
        findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"] == path)
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes("quotes.py").contains("D419"), "{}", run.stdout);
    assert!(!codes("quotes.py").contains("D103"), "an empty docstring is a docstring");
    // Bytes and f-strings are not docstrings: the function has none.
    assert!(codes("bytes.py").contains("D103"), "{}", run.stdout);
    assert!(codes("fstring.py").contains("D103"), "{}", run.stdout);
    assert!(codes("eof.py").contains("D414"), "{}", run.stdout);
    assert!(codes("long.py").contains("D414"), "{}", run.stdout);
    assert!(codes("mixed.py").contains("D206"), "{}", run.stdout);
    assert!(codes("decorated.py").contains("D103"), "{}", run.stdout);
}
