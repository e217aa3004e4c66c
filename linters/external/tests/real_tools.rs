//! Every built-in declaration run for real on the fixtures in `tests/data`:
//! the command, the exit codes, the parser and the placing of findings
//! together. The tools are the ones `cargo xtask test` installs under
//! `.tools/` (see `tests/data/README.md` for the versions).

use std::path::{Path, PathBuf};

use lintgate_engine::checker::{BatchChecker, BatchFile, LocatedFinding};
use lintgate_engine::diagnostic::Severity;
use lintgate_engine::kind::{PathClass, classify_path};
use lintgate_external::{ExternalChecker, resolve};

fn tools_dir() -> PathBuf {
    let dir = std::env::var_os("LINTGATE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools"));
    assert!(
        dir.join("venv/bin/python").exists(),
        "the real tools are not installed in {}: run the tests with `cargo xtask test`",
        dir.display()
    );
    dir
}

/// A copy of the fixtures (so tools write caches there, not here).
fn fixture_repo() -> (tempfile::TempDir, Vec<BatchFile>) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let repo = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for dir in ["python", "shell", "markdown", "yaml", "text"] {
        std::fs::create_dir(repo.path().join(dir)).unwrap();
        for entry in std::fs::read_dir(data.join(dir)).unwrap() {
            let entry = entry.unwrap();
            let path = format!("{dir}/{}", entry.file_name().to_str().unwrap());
            let disk_path = repo.path().join(&path);
            std::fs::copy(entry.path(), &disk_path).unwrap();
            let PathClass::Kind(kind) = classify_path(Path::new(&path)) else { continue };
            files.push(BatchFile { path, disk_path, kind });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (repo, files)
}

/// Built-in `name`, enabled, with the installed tools first on its PATH.
fn checker(name: &str) -> ExternalChecker {
    let tools = tools_dir();
    let mut path = vec![tools.join("venv/bin"), tools.join("npm/node_modules/.bin")];
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let path = std::env::join_paths(path).unwrap().into_string().unwrap();
    let text = format!("enabled = true\nenv = {{ PATH = {} }}", toml::Value::from(path));
    let table: toml::Table = text.parse().unwrap();
    ExternalChecker::new(name, resolve(name, Some(&table)).unwrap().unwrap())
}

/// Runs built-in `name` on the fixtures it handles that `keep` keeps.
fn run_on(name: &str, keep: impl Fn(&BatchFile) -> bool) -> Result<Vec<LocatedFinding>, String> {
    let checker = checker(name);
    let (repo, files) = fixture_repo();
    let handled: Vec<BatchFile> =
        files.into_iter().filter(|f| checker.handles(f) && keep(f)).collect();
    let output = checker.check_batch(repo.path(), &handled).map_err(|e| e.message)?;
    assert!(output.notes.is_empty(), "{:?}", output.notes);
    let mut findings = output.findings;
    findings.sort_by(|a, b| (&a.path, a.start, &a.code).cmp(&(&b.path, b.start, &b.code)));
    Ok(findings)
}

fn run(name: &str) -> Vec<LocatedFinding> {
    run_on(name, |_| true).unwrap_or_else(|e| panic!("{name} failed: {e}"))
}

const BROKEN_PY: &str = "python/broken.py";

/// (path, line, column, code, severity)
fn places(findings: &[LocatedFinding]) -> Vec<(&str, u32, u32, &str, Severity)> {
    findings
        .iter()
        .map(|f| (f.path.as_str(), f.start.line, f.start.column, f.code.as_str(), f.severity))
        .collect()
}

fn has(findings: &[LocatedFinding], path: &str, line: u32, code: &str) -> bool {
    findings.iter().any(|f| f.path == path && f.start.line == line && f.code == code)
}

#[test]
fn ruff() {
    let findings = run("ruff");
    assert!(has(&findings, "python/broken.py", 1, "ruff:invalid-syntax"));
    assert!(has(&findings, "python/odd name.py", 2, "ruff:F401"));
    let unused =
        findings.iter().find(|f| f.path == "python/inventory.py" && f.code == "ruff:F841").unwrap();
    assert_eq!((unused.start.line, unused.start.column, unused.end.column), (7, 5, 11));
    assert_eq!(unused.severity, Severity::Warning);
    let syntax = findings.iter().find(|f| f.code == "ruff:invalid-syntax").unwrap();
    assert_eq!(syntax.severity, Severity::Error);
}

#[test]
fn pylint() {
    let findings = run("pylint");
    let inventory: Vec<_> =
        places(&findings).into_iter().filter(|p| p.0 == "python/inventory.py").take(3).collect();
    assert_eq!(
        inventory,
        [
            ("python/inventory.py", 1, 1, "pylint:C0114", Severity::Info),
            ("python/inventory.py", 1, 1, "pylint:W0611", Severity::Warning),
            ("python/inventory.py", 2, 1, "pylint:W0611", Severity::Warning),
        ]
    );
    assert!(has(&findings, "python/broken.py", 1, "pylint:E0001"));
    assert!(has(&findings, "python/odd name.py", 5, "pylint:C0116"));
}

#[test]
fn flake8() {
    let findings = run("flake8");
    assert_eq!(
        places(&findings)[..2],
        [
            ("python/broken.py", 1, 13, "flake8:E999", Severity::Error),
            ("python/imports.py", 5, 1, "flake8:F821", Severity::Warning),
        ]
    );
    assert!(has(&findings, "python/odd name.py", 2, "flake8:F401"));
}

#[test]
fn isort() {
    let findings = run("isort");
    assert_eq!(
        places(&findings),
        [
            ("python/inventory.py", 1, 1, "isort:I001", Severity::Warning),
            ("python/layout.py", 2, 1, "isort:I001", Severity::Warning),
        ]
    );
    assert!(findings[0].message.contains("\n+import os\n import sys\n-import os\n"));
}

#[test]
fn pydocstyle_fails_on_a_file_it_cannot_parse() {
    // pydocstyle exits 1 for broken.py but reports it only as a warning
    // on stderr: with no findings to show, that is a failure.
    let error = run_on("pydocstyle", |f| f.path == BROKEN_PY).unwrap_err();
    assert!(
        error.ends_with(
            "exited with status 1, which means findings, but its output has none; stderr:\n  \
             WARNING: Error in file python/broken.py: Cannot parse file."
        ),
        "{error}"
    );
}

#[test]
fn pydocstyle() {
    let findings = run_on("pydocstyle", |f| f.path != BROKEN_PY).unwrap();
    assert_eq!(
        places(&findings)[..2],
        [
            ("python/inventory.py", 1, 1, "pydocstyle:D100", Severity::Info),
            ("python/inventory.py", 6, 1, "pydocstyle:D103", Severity::Info),
        ]
    );
    assert!(has(&findings, "python/odd name.py", 5, "pydocstyle:D103"));
}

#[test]
fn mypy() {
    let findings = run("mypy");
    // A syntax error blocks mypy (exit 2): it reports only that.
    assert_eq!(
        places(&findings),
        [
            ("python/broken.py", 1, 13, "mypy:syntax", Severity::Error),
            ("python/broken.py", 1, 14, "mypy:syntax", Severity::Error),
        ]
    );
    let findings = run_on("mypy", |f| f.path != BROKEN_PY).unwrap();
    assert!(has(&findings, "python/inventory.py", 13, "mypy:return-value"));
    let note = findings.iter().find(|f| f.message.starts_with("Revealed type")).unwrap();
    assert_eq!((note.path.as_str(), note.severity), ("python/imports.py", Severity::Info));
}

#[test]
fn shellcheck() {
    let findings = run("shellcheck");
    assert_eq!(
        places(&findings),
        [
            ("shell/deploy.sh", 4, 12, "shellcheck:SC2086", Severity::Info),
            ("shell/deploy.sh", 5, 10, "shellcheck:SC2045", Severity::Error),
        ]
    );
}

#[test]
fn markdownlint_cli2() {
    let findings = run("markdownlint-cli2");
    let guide: Vec<_> =
        places(&findings).into_iter().filter(|p| p.0 == "markdown/guide.md").collect();
    assert_eq!(guide.len(), 7);
    assert_eq!(guide[0], ("markdown/guide.md", 3, 1, "markdownlint-cli2:MD022", Severity::Warning));
    assert!(has(&findings, "markdown/guide.md", 11, "markdownlint-cli2:MD051"));
}

#[test]
fn yamllint() {
    let findings = run("yamllint");
    assert_eq!(
        places(&findings),
        [
            ("yaml/broken.yaml", 1, 1, "yamllint:document-start", Severity::Warning),
            ("yaml/broken.yaml", 2, 6, "yamllint:syntax", Severity::Error),
            ("yaml/settings.yaml", 3, 11, "yamllint:trailing-spaces", Severity::Error),
            ("yaml/settings.yaml", 4, 18, "yamllint:commas", Severity::Error),
            ("yaml/settings.yaml", 5, 1, "yamllint:key-duplicates", Severity::Error),
        ]
    );
}

#[test]
fn codespell() {
    let findings = run("codespell");
    let notes: Vec<_> = findings.iter().filter(|f| f.path == "text/notes.md").collect();
    let messages: Vec<&str> = notes.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages, ["Teh ==> The", "seperate ==> separate", "recieved ==> received"]);
    assert!(notes.iter().all(|f| f.code == "codespell:misspelling" && f.start.line == 3));
}

#[test]
fn versions_are_read_from_the_tools() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let version = |name: &str| checker(name).version(root);
    assert_eq!(version("ruff").as_deref(), Some("ruff 0.17.6"));
    assert_eq!(version("shellcheck").as_deref(), Some("version: 0.11.0"));
    assert_eq!(
        version("markdownlint-cli2").as_deref(),
        Some("markdownlint-cli2 v0.22.1 (markdownlint v0.40.0)")
    );
}
