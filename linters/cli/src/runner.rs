//! Runs the checkers over the discovered files: per-file checkers in
//! parallel on a rayon pool, then batch and repository checkers, and turns
//! their findings into filtered, suppressed, fingerprinted diagnostics.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use lintgate_engine::checker::{BatchFile, FileContext, FileOutput, LocatedFinding};
use lintgate_engine::diagnostic::{
    Diagnostic, Finding, Note, PositionedEdit, PositionedFix, Severity,
};
use lintgate_engine::selector::RuleSelection;
use lintgate_engine::source::{Position, SourceFile};
use lintgate_engine::{fingerprint, registry, suppression};
use rayon::prelude::*;

use crate::checkers::Checkers;
use crate::discovery::{Candidate, Discovery};
use crate::read::{self, Loaded};

pub const RUNNER: &str = "runner";
const CRASH_CODE: &str = "LG004";
const UNUSED_SUPPRESSION: &str = "LG001";

/// Everything a run produced, in report order.
#[derive(Debug, Default)]
pub struct RunOutput {
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<Note>,
    pub files_checked: usize,
    /// Each checker that ran, with the number of files it looked at.
    pub checkers_ran: BTreeMap<String, usize>,
    /// Internal errors and failed tools: the run exits 2.
    pub failures: Vec<String>,
}

struct FileResult {
    diagnostics: Vec<Diagnostic>,
    notes: Vec<Note>,
    /// Read (whether or not its bytes were valid), as opposed to skipped.
    checked: bool,
    /// Decoded, so batch checkers may look at it too.
    readable: bool,
    ran: Vec<&'static str>,
    crashed: Vec<String>,
}

/// Runs every checker. `stdin` replaces the content of the single candidate.
pub fn run(
    discovery: Discovery,
    stdin: Option<Vec<u8>>,
    checkers: &Checkers,
    root: &Path,
) -> RunOutput {
    let mut out = RunOutput {
        notes: discovery.notes,
        ..RunOutput::default()
    };
    for unreadable in discovery.unreadable {
        let start = Position { line: 1, column: 1 };
        let d = runner_diagnostic(&unreadable.display, "LG002", unreadable.message, start, "");
        out.diagnostics.push(d);
    }
    let candidates = discovery.candidates;
    let results: Vec<FileResult> = match stdin {
        Some(bytes) => candidates
            .iter()
            .map(|c| check_file(c, Some(bytes.clone()), checkers))
            .collect(),
        None => candidates
            .par_iter()
            .map(|c| check_file(c, None, checkers))
            .collect(),
    };
    let mut readable = Vec::new();
    for (candidate, result) in candidates.iter().zip(results) {
        out.diagnostics.extend(result.diagnostics);
        out.notes.extend(result.notes);
        out.files_checked += usize::from(result.checked);
        for name in result.ran {
            *out.checkers_ran.entry(name.to_string()).or_default() += 1;
        }
        out.failures.extend(result.crashed);
        if result.readable {
            readable.push(candidate);
        }
    }
    run_batch_checkers(&readable, checkers, root, &mut out);
    out.diagnostics
        .sort_by(|a, b| (&a.path, a.start, &a.code).cmp(&(&b.path, b.start, &b.code)));
    out.notes.sort();
    out
}

fn check_file(candidate: &Candidate, stdin: Option<Vec<u8>>, checkers: &Checkers) -> FileResult {
    let mut result = FileResult {
        diagnostics: Vec::new(),
        notes: Vec::new(),
        checked: false,
        readable: false,
        ran: Vec::new(),
        crashed: Vec::new(),
    };
    let settings = &candidate.settings;
    let ignored = settings.config.ignored_for(&candidate.path);
    let rules = if ignored.is_empty() {
        settings.selection.clone()
    } else {
        settings.selection.without(&ignored)
    };
    let file = match read::load(candidate, stdin) {
        Loaded::Source(file) => file,
        Loaded::Skipped(reason) => {
            result.notes.push(Note::new(&candidate.display, reason));
            return result;
        }
        Loaded::Problem {
            code,
            message,
            start,
            line_text,
        } => {
            result.checked = true;
            if rules.is_enabled(code) {
                let d = runner_diagnostic(&candidate.display, code, message, start, &line_text);
                result.diagnostics.push(settle(d, settings));
            }
            fingerprint::assign(&mut result.diagnostics);
            return result;
        }
    };
    result.checked = true;
    result.readable = true;
    let mut suppressions = Vec::new();
    for checker in checkers.file.iter().filter(|c| c.handles(file.kind)) {
        let section = settings.config.sections.get(checker.name());
        let context = FileContext {
            rules: &rules,
            settings: section,
        };
        result.ran.push(checker.name());
        match panic::catch_unwind(AssertUnwindSafe(|| checker.check(&file, &context))) {
            Ok(FileOutput {
                findings,
                suppressions: found,
                notes,
            }) => {
                suppressions.extend(found);
                result
                    .notes
                    .extend(notes.into_iter().map(|n| Note::new(&file.path, n)));
                for finding in findings.into_iter().filter(|f| rules.is_enabled(&f.code)) {
                    result
                        .diagnostics
                        .push(settle(place(&file, finding, checker.name()), settings));
                }
            }
            Err(payload) => {
                let reason = panic_message(payload.as_ref());
                let message = format!(
                    "the {} checker crashed on this file: {reason}",
                    checker.name()
                );
                result.crashed.push(format!("{}: {message}", file.path));
                let start = Position { line: 1, column: 1 };
                result.diagnostics.push(runner_diagnostic(
                    &file.path, CRASH_CODE, message, start, "",
                ));
            }
        }
    }
    for unused in suppression::apply(&mut result.diagnostics, &suppressions, &rules) {
        if rules.is_enabled(UNUSED_SUPPRESSION) {
            let message = format!("unused suppression of `{}`", unused.code);
            let finding = Finding::new(UNUSED_SUPPRESSION, message, unused.range);
            result
                .diagnostics
                .push(settle(place(&file, finding, RUNNER), settings));
        }
    }
    result
        .diagnostics
        .sort_by(|a, b| (a.start, &a.code).cmp(&(b.start, &b.code)));
    fingerprint::assign(&mut result.diagnostics);
    result
}

/// Applies the configured severity.
fn settle(mut d: Diagnostic, settings: &crate::settings::Settings) -> Diagnostic {
    d.severity = settings.config.severity_of(&d.code, d.severity);
    d
}

fn default_severity(code: &str) -> Severity {
    registry::find(code)
        .filter(|r| r.code == code)
        .map_or(Severity::Warning, |r| r.severity)
}

/// Turns a checker's byte-range finding into a positioned diagnostic.
pub fn place(file: &SourceFile, finding: Finding, checker: &str) -> Diagnostic {
    let start = file.position(finding.range.start);
    let end = file.position(finding.range.end);
    let fix = finding.fix.map(|fix| PositionedFix {
        message: fix.message,
        applicability: fix.applicability,
        edits: fix
            .edits
            .into_iter()
            .map(|e| PositionedEdit {
                start: file.position(e.range.start),
                end: file.position(e.range.end),
                content: e.content,
            })
            .collect(),
    });
    Diagnostic {
        path: file.path.clone(),
        start,
        end,
        severity: default_severity(&finding.code),
        code: finding.code,
        checker: checker.to_string(),
        message: finding.message,
        fix,
        fingerprint: String::new(),
        line_text: file.line_text(start.line as usize - 1).to_string(),
    }
}

fn runner_diagnostic(
    path: &str,
    code: &str,
    message: String,
    start: Position,
    line_text: &str,
) -> Diagnostic {
    Diagnostic {
        path: path.to_string(),
        start,
        end: start,
        code: code.to_string(),
        checker: RUNNER.to_string(),
        severity: default_severity(code),
        message,
        fix: None,
        fingerprint: String::new(),
        line_text: line_text.to_string(),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Batch checkers get every readable file they handle in one call; repository
/// checkers run once. Their findings pass the same selection and severity
/// settings as per-file findings.
fn run_batch_checkers(
    readable: &[&Candidate],
    checkers: &Checkers,
    root: &Path,
    out: &mut RunOutput,
) {
    let by_path: BTreeMap<&str, &Candidate> =
        readable.iter().map(|c| (c.display.as_str(), *c)).collect();
    let mut outputs = Vec::new();
    for checker in &checkers.batch {
        let files: Vec<BatchFile> = readable
            .iter()
            .map(|c| BatchFile {
                path: c.display.clone(),
                disk_path: c.path.clone(),
                kind: c.kind,
            })
            .filter(|f| checker.handles(f))
            .collect();
        if files.is_empty() {
            continue;
        }
        out.checkers_ran
            .insert(checker.name().to_string(), files.len());
        outputs.push((checker.name(), checker.check_batch(root, &files)));
    }
    for checker in &checkers.repo {
        out.checkers_ran.insert(checker.name().to_string(), 0);
        outputs.push((checker.name(), checker.check_repo(root)));
    }
    let mut located = Vec::new();
    for (name, output) in outputs {
        match output {
            Ok(output) => {
                out.notes.extend(output.notes);
                located.extend(output.findings.into_iter().map(|f| (name, f)));
            }
            Err(error) => out
                .failures
                .push(format!("the {name} checker failed: {}", error.message)),
        }
    }
    let mut per_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for (checker, finding) in located {
        let candidate = by_path.get(finding.path.as_str()).copied();
        if let Some(d) = place_located(root, candidate, finding, checker) {
            per_file.entry(d.path.clone()).or_default().push(d);
        }
    }
    for (_, mut diagnostics) in per_file {
        diagnostics.sort_by(|a, b| (a.start, &a.code).cmp(&(b.start, &b.code)));
        fingerprint::assign(&mut diagnostics);
        out.diagnostics.extend(diagnostics);
    }
}

fn place_located(
    root: &Path,
    candidate: Option<&Candidate>,
    f: LocatedFinding,
    checker: &str,
) -> Option<Diagnostic> {
    let line_text = std::fs::read_to_string(root.join(&f.path))
        .ok()
        .and_then(|text| {
            text.lines()
                .nth(f.start.line.saturating_sub(1) as usize)
                .map(str::to_string)
        })
        .unwrap_or_default();
    let mut d = Diagnostic {
        path: f.path,
        start: f.start,
        end: f.end,
        code: f.code,
        checker: checker.to_string(),
        severity: f.severity,
        message: f.message,
        fix: None,
        fingerprint: String::new(),
        line_text,
    };
    if let Some(candidate) = candidate {
        let settings = &candidate.settings;
        let ignored = settings.config.ignored_for(&candidate.path);
        let enabled =
            settings.selection.is_enabled(&d.code) && !ignored.iter().any(|s| s.matches(&d.code));
        if !enabled {
            return None;
        }
        d = settle(d, settings);
    }
    Some(d)
}

/// Used by tests of checkers: one file through the same path as a real run.
pub fn check_source(
    file: &SourceFile,
    checkers: &Checkers,
    rules: &RuleSelection,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for checker in checkers.file.iter().filter(|c| c.handles(file.kind)) {
        let context = FileContext {
            rules,
            settings: None,
        };
        let output = checker.check(file, &context);
        diagnostics.extend(
            output
                .findings
                .into_iter()
                .filter(|f| rules.is_enabled(&f.code))
                .map(|f| place(file, f, checker.name())),
        );
    }
    diagnostics
}

#[cfg(test)]
#[path = "runner_tests.rs"]
mod tests;
