use std::path::{Path, PathBuf};
use std::sync::Arc;

use lintgate_engine::checker::{
    BatchChecker, BatchOutput, CheckerError, FileChecker, FileContext, FileOutput, LocatedFinding,
};
use lintgate_engine::config::Config;
use lintgate_engine::kind::FileKind;
use lintgate_engine::selector::SelectionLayer;
use lintgate_engine::suppression::{CodeSpec, Codes, Scope, Suppression};

use super::*;
use crate::discovery::Found;
use crate::settings::Settings;
use lintgate_engine::checker::BatchFile;
use lintgate_engine::diagnostic::Severity;
use lintgate_engine::source::SourceFile;

/// Panics on files whose text says so.
struct Fragile;

impl FileChecker for Fragile {
    fn name(&self) -> &'static str {
        "fragile"
    }
    fn handles(&self, kind: FileKind) -> bool {
        kind == FileKind::Python
    }
    fn check(&self, file: &SourceFile, _: &FileContext) -> FileOutput {
        assert!(!file.text.contains("boom"), "fragile checker hit boom");
        FileOutput::default()
    }
}

/// Suppresses LG005 on line 2 and claims to suppress LG003 there too.
struct Suppressing;

impl FileChecker for Suppressing {
    fn name(&self) -> &'static str {
        "suppressing"
    }
    fn handles(&self, _: FileKind) -> bool {
        true
    }
    fn check(&self, _: &SourceFile, _: &FileContext) -> FileOutput {
        let codes = Codes::Listed(vec![
            (CodeSpec::Exact("LG005".into()), 0..1),
            (CodeSpec::Exact("LG003".into()), 2..3),
        ]);
        FileOutput {
            suppressions: vec![Suppression { scope: Scope::Lines { first: 2, last: 2 }, codes }],
            ..FileOutput::default()
        }
    }
}

struct Tool {
    fail: bool,
}

impl BatchChecker for Tool {
    fn name(&self) -> &'static str {
        "tool"
    }
    fn handles(&self, file: &BatchFile) -> bool {
        file.path.ends_with(".py")
    }
    fn check_batch(&self, _: &Path, files: &[BatchFile]) -> Result<BatchOutput, CheckerError> {
        if self.fail {
            return Err(CheckerError { message: "exit status 3".into() });
        }
        let findings = files
            .iter()
            .map(|f| LocatedFinding {
                path: f.path.clone(),
                start: Position { line: 1, column: 1 },
                end: Position { line: 1, column: 2 },
                code: "tool:X1".into(),
                severity: Severity::Warning,
                message: "from the tool".into(),
            })
            .collect();
        Ok(BatchOutput { findings, notes: Vec::new() })
    }
}

fn candidates(dir: &Path, files: &[(&str, &str)], layer: &SelectionLayer) -> Vec<Found> {
    let selection = Config::default().rule_selection(layer);
    let settings = Arc::new(Settings {
        config: Config::default(),
        selection,
        busy_checkers: lintgate_engine::registry::all().iter().map(|r| r.checker).collect(),
        isolated: false,
        flake8: None,
        pydocstyle: None,
    });
    let candidates: Vec<Found> = files
        .iter()
        .map(|(name, text)| {
            let path: PathBuf = dir.join(name);
            std::fs::write(&path, text).unwrap();
            Found::File(Candidate {
                path,
                display: name.to_string(),
                kind: FileKind::Python,
                settings: settings.clone(),
            })
        })
        .collect();
    candidates
}

#[test]
fn a_crashing_checker_is_reported_for_its_file_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let discovery = candidates(
        dir.path(),
        &[("a.py", "boom\n"), ("b.py", "<<<<<<< x\n")],
        &SelectionLayer::default(),
    );
    let checkers = Checkers {
        file: vec![Box::new(Fragile), Box::new(crate::rules::conflict_marker::RunnerChecker)],
        ..Checkers::default()
    };
    let out = run_all(discovery, &checkers, dir.path());
    let codes: Vec<(&str, &str)> =
        out.diagnostics.iter().map(|d| (d.path.as_str(), d.code.as_str())).collect();
    assert_eq!(codes, [("a.py", "LG004"), ("b.py", "LG005")]);
    assert!(out.diagnostics[0].message.contains("fragile checker hit boom"));
    assert_eq!(out.failures.len(), 1, "a crash makes the run exit 2");
    assert_eq!(out.checkers_ran["fragile"], 2);
}

#[test]
fn suppressions_apply_across_checkers_and_unused_ones_are_lg001() {
    let dir = tempfile::tempdir().unwrap();
    let layer = SelectionLayer {
        extend_select: vec![lintgate_engine::selector::Selector::parse("LG001").unwrap()],
        ..Default::default()
    };
    let discovery = candidates(dir.path(), &[("a.py", "<<<<<<< x\n=======\n")], &layer);
    let checkers = Checkers {
        file: vec![Box::new(crate::rules::conflict_marker::RunnerChecker), Box::new(Suppressing)],
        ..Checkers::default()
    };
    let out = run_all(discovery, &checkers, dir.path());
    let found: Vec<(u32, &str)> =
        out.diagnostics.iter().map(|d| (d.start.line, d.code.as_str())).collect();
    assert_eq!(
        found,
        [(1, "LG005"), (1, "LG001")],
        "line 2 is suppressed; LG001 points at the code in the comment"
    );
    assert_eq!(out.diagnostics[1].message, "unused suppression of `LG003`");
}

#[test]
fn batch_findings_pass_selection_and_failures_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let discovery =
        candidates(dir.path(), &[("a.py", "x\n"), ("b.py", "y\n")], &SelectionLayer::default());
    let checkers = Checkers { batch: vec![Box::new(Tool { fail: false })], ..Checkers::default() };
    let out = run_all(discovery, &checkers, dir.path());
    assert_eq!(out.diagnostics.len(), 2);
    assert_eq!(
        (out.diagnostics[0].line_text.as_str(), out.diagnostics[0].checker.as_str()),
        ("x", "tool")
    );
    assert_eq!(out.diagnostics[0].fingerprint.len(), 16);

    let ignore = SelectionLayer {
        ignore: vec![lintgate_engine::selector::Selector::parse("tool:").unwrap()],
        ..Default::default()
    };
    let discovery = candidates(dir.path(), &[("a.py", "x\n")], &ignore);
    assert!(run_all(discovery, &checkers, dir.path()).diagnostics.is_empty());

    let failing = Checkers { batch: vec![Box::new(Tool { fail: true })], ..Checkers::default() };
    let discovery = candidates(dir.path(), &[("a.py", "x\n")], &SelectionLayer::default());
    let out = run_all(discovery, &failing, dir.path());
    assert_eq!(out.failures, ["the tool checker failed: exit status 3"]);
    assert_eq!(out.failed_checkers, ["tool"]);
}

fn run_all(found: Vec<Found>, checkers: &Checkers, root: &Path) -> RunOutput {
    let discover = |sink: Sink| {
        sink(found);
        Ok::<(), ()>(())
    };
    let settings = Settings {
        config: Config::default(),
        selection: Config::default().rule_selection(&SelectionLayer::default()),
        busy_checkers: lintgate_engine::registry::all().iter().map(|r| r.checker).collect(),
        isolated: false,
        flake8: None,
        pydocstyle: None,
    };
    let contents = std::collections::HashMap::new();
    let context = RunContext {
        root,
        root_settings: &settings,
        contents: &contents,
        repo_checkers: true,
        progress: None,
        cache: None,
    };
    run(discover, checkers, &context).unwrap()
}
