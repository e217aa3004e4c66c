//! The E3 (blank lines), E4/E5/E7 and W3/W5 codes against the real flake8
//! 7.5 on their fixtures (with a `max-doc-length` on both sides), W505's
//! messages, and inputs that push them to their limits.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Repo;

const CODES: &str = "E301,E302,E303,E304,E305,E306,E401,E502,E701,E702,E703,E704,E741,E742,E743,W391,W503,W504,W505";

/// Fixtures in directories, which hold negatives.
const EXTRA: &[&str] = &["W391_negatives/whitespace_last_line.py", "W505_negatives/no_limit.py"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/python")
}

fn our_fixtures() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".py"))
        .filter(|n| CODES.split(',').any(|code| n.starts_with(&format!("{code}_"))))
        .chain(EXTRA.iter().map(|n| n.to_string()))
        .collect();
    files.sort();
    files
}

type Key = (String, u64, String);

fn flake8(files: &[String]) -> BTreeSet<Key> {
    let output = Command::new(common::tools_dir().join("venv/bin/flake8"))
        .args(["--isolated", "--select", CODES, "--max-doc-length", "72"])
        .args(["--format", "%(path)s:%(row)d:%(code)s"])
        .args(files)
        .current_dir(fixtures())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.is_empty(), "flake8: {}", String::from_utf8_lossy(&output.stderr));
    stdout
        .lines()
        .map(|line| {
            let mut parts = line.split(':');
            let file = parts.next().unwrap().to_string();
            let row = parts.next().unwrap().parse().unwrap();
            (file, row, parts.next().unwrap().to_string())
        })
        .collect()
}

fn lintgate(dir: &Path, files: &[String], codes: &str) -> (BTreeSet<Key>, common::Run) {
    let config = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(config.path(), "[python]\nmax-doc-length = 72\n").unwrap();
    let mut command = Command::new(common::BIN);
    command
        .args(["lint", "--format", "json", "--select", codes, "--config"])
        .arg(config.path())
        .args(files)
        .current_dir(dir);
    let run = common::run_command(&mut command, None, dir);
    assert!(run.status <= 1, "{}", run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let keys = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            // Repository-relative: flake8 prints it from fixtures/python.
            let path = f["path"].as_str().unwrap();
            let path = path.strip_prefix("fixtures/python/").unwrap_or(path).to_string();
            (path, f["line"].as_u64().unwrap(), f["code"].as_str().unwrap().to_string())
        })
        .collect();
    (keys, run)
}

#[test]
fn fixtures_give_flake8s_findings() {
    let files = our_fixtures();
    assert!(files.len() >= 19, "{files:?}");
    let expected = flake8(&files);
    let (found, _) = lintgate(&fixtures(), &files, CODES);
    let missed: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(missed.is_empty() && extra.is_empty(), "missed {missed:?}\nextra {extra:?}");
    // Every code is exercised by some fixture.
    for code in CODES.split(',') {
        assert!(expected.iter().any(|(_, _, c)| c == code), "no fixture reports {code}");
    }
}

#[test]
fn w505_reports_long_comment_and_docstring_lines_when_a_limit_is_set() {
    let files = ["W505_0.py".to_string()];
    let (found, run) = lintgate(&fixtures(), &files, "W505");
    let lines: Vec<u64> = found.iter().map(|(_, line, _)| *line).collect();
    assert_eq!(lines, [2, 6, 16, 18], "{}", run.stdout);
    assert!(run.stdout.contains("doc line too long (74 > 72)"), "{}", run.stdout);
}

#[test]
fn pathological_inputs_are_checked_without_panics() {
    let repo = Repo::new();
    let many_defs: String = (0..20_000).map(|i| format!("def f{i}(): pass\n")).collect();
    let decorators = format!("{}def f():\n    pass\n", "@d\n".repeat(5_000));
    let methods: String =
        (0..20_000).map(|i| format!("    def m{i}(self):\n        pass\n")).collect();
    let nested: String =
        (0..90).map(|depth| format!("{}def f{depth}():\n", "    ".repeat(depth))).collect();
    let inputs: &[(&str, String)] = &[
        ("blank_run.py", format!("x = 1\n{}y = 2\n", "\n".repeat(100_000))),
        ("many_defs.py", many_defs),
        ("decorators.py", decorators),
        ("methods.py", format!("class C:\n{methods}")),
        ("nested.py", format!("{nested}{}pass\n", "    ".repeat(90))),
        ("backslash.py", "\\\n".to_string()),
        ("backslash_eof.py", "x = 1 + \\".to_string()),
        ("bom_only.py", "\u{feff}".to_string()),
        ("unclosed.py", "def f(\n\n\n\n".to_string()),
        ("cr_only.py", "\r\r\r".to_string()),
        ("form_feeds.py", "\x0c\n\x0c\x0c\n\x0cx = 1;\x0c\n\x0c".to_string()),
        ("mixed.py", "class C:\n\tx = 1\n        def m(self): pass\n".to_string()),
        ("semicolons.py", format!("x = 1{}\n", ";".repeat(10_000))),
        ("long_comment.py", format!("# {}\n", "a ".repeat(500_000))),
    ];
    let mut files = Vec::new();
    for (name, text) in inputs {
        repo.write(name, text);
        files.push(name.to_string());
    }
    let (found, run) = lintgate(repo.path(), &files, &format!("{CODES},E999"));
    let count =
        |file: &str, code: &str| found.iter().filter(|(f, _, c)| f == file && c == code).count();
    assert_eq!(count("blank_run.py", "E303"), 1, "{}", run.stdout);
    // One-liners in a group need no blank lines; each is E704.
    assert_eq!(count("many_defs.py", "E302"), 0, "{}", run.stdout);
    assert_eq!(count("many_defs.py", "E704"), 20_000);
    assert_eq!(count("decorators.py", "E304"), 0);
    // Every method but the first lacks its blank line.
    assert_eq!(count("methods.py", "E301"), 19_999);
    assert_eq!(count("nested.py", "E306"), 0);
    assert_eq!(count("long_comment.py", "W505"), 1);
    for broken in ["backslash.py", "backslash_eof.py", "unclosed.py", "mixed.py"] {
        assert_eq!(count(broken, "E999"), 1, "{broken}: {}", run.stdout);
    }
}
