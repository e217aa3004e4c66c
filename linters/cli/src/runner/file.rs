//! One file through the pipeline: read, run each checker that handles its
//! kind (a panic is caught and reported for this file alone), keep enabled
//! codes, apply severities and suppressions, fingerprint.

use std::borrow::Cow;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use lintgate_engine::checker::{FileChecker, FileContext, FileOutput};
use lintgate_engine::diagnostic::{
    Diagnostic, Finding, Note, PositionedEdit, PositionedFix, Severity, line_excerpt,
};
use lintgate_engine::source::{Position, SourceFile};
use lintgate_engine::{fingerprint, registry, suppression};

use super::RUNNER;
use super::cache::ResultCache;
use crate::checkers::Checkers;
use crate::discovery::Candidate;
use crate::read::{self, Loaded};
use crate::settings::Settings;

const CRASH_CODE: &str = "LG004";
const UNUSED_SUPPRESSION: &str = "LG001";

#[derive(Default)]
pub(super) struct FileResult {
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<Note>,
    /// Read (whether or not its bytes were valid), as opposed to skipped.
    pub checked: bool,
    /// Decoded, so batch checkers may look at it too.
    pub readable: bool,
    pub ran: Vec<&'static str>,
    pub crashed: Vec<String>,
}

pub(super) fn check_file(
    candidate: &Candidate,
    stdin: Option<Vec<u8>>,
    checkers: &Checkers,
    root: &Path,
    cache: Option<&ResultCache>,
) -> FileResult {
    let mut result = FileResult::default();
    let settings = &candidate.settings;
    let ignored = settings.ignored_for(&candidate.path);
    let rules = if ignored.is_empty() {
        Cow::Borrowed(&settings.selection)
    } else {
        Cow::Owned(settings.selection.without(&ignored))
    };
    let file = match read::load(candidate, stdin) {
        Loaded::Source(file) => file,
        Loaded::Skipped(reason) => {
            result.notes.push(Note::new(&candidate.display, reason));
            return result;
        }
        Loaded::Problem { code, message, start, line_text } => {
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
    let mut located = Vec::new();
    let mut suppressions = Vec::new();
    let wanted = |c: &dyn FileChecker| c.handles(file.kind) && settings.runs(c);
    let cached = cache.and_then(|cache| {
        let mut keys = Vec::new();
        for checker in checkers.file.iter().filter(|c| wanted(c.as_ref())) {
            let section = settings.config.sections.get(checker.name());
            let context =
                FileContext { rules: &rules, settings: section, isolated: settings.isolated };
            keys.push((checker.name(), checker.cache_key(&file, &context)?));
        }
        let ran: Vec<&'static str> = keys.iter().map(|(name, _)| *name).collect();
        (!keys.is_empty()).then(|| (cache, cache.key(&file, settings, &ignored, &keys), ran))
    });
    if let Some((cache, key, ran)) = &cached
        && let Some((diagnostics, notes)) = cache.get(*key, &file.path)
    {
        result.diagnostics = diagnostics;
        result.notes = notes;
        result.ran = ran.clone();
        return result;
    }
    for checker in checkers.file.iter().filter(|c| wanted(c.as_ref())) {
        let section = settings.config.sections.get(checker.name());
        let context = FileContext { rules: &rules, settings: section, isolated: settings.isolated };
        result.ran.push(checker.name());
        match panic::catch_unwind(AssertUnwindSafe(|| checker.check(&file, &context))) {
            Ok(FileOutput { findings, suppressions: found, notes, located: elsewhere }) => {
                suppressions.extend(found);
                located.extend(elsewhere.into_iter().map(|f| (checker.name(), f)));
                result.notes.extend(notes.into_iter().map(|n| Note::new(&file.path, n)));
                for finding in findings.into_iter().filter(|f| rules.is_enabled(&f.code)) {
                    result
                        .diagnostics
                        .push(settle(place(&file, finding, checker.name()), settings));
                }
            }
            Err(payload) => {
                let reason = panic_message(payload.as_ref());
                let message =
                    format!("the {} checker crashed on this file: {reason}", checker.name());
                result.crashed.push(format!("{}: {message}", file.path));
                let start = Position { line: 1, column: 1 };
                result
                    .diagnostics
                    .push(runner_diagnostic(&file.path, CRASH_CODE, message, start, ""));
            }
        }
    }
    for unused in suppression::apply(&mut result.diagnostics, &suppressions, &rules) {
        if rules.is_enabled(UNUSED_SUPPRESSION) {
            let message = format!("unused suppression of `{}`", unused.code);
            let finding = Finding::new(UNUSED_SUPPRESSION, message, unused.range);
            result.diagnostics.push(settle(place(&file, finding, RUNNER), settings));
        }
    }
    // Findings in other files (a CI file's includes) skip this file's
    // suppressions, which are about its own lines.
    let mut lines = super::located::LocatedLines::default();
    located.sort_by(|a, b| a.1.path.cmp(&b.1.path));
    for (checker, finding) in located {
        if let Some(d) = lines.place(root, (&candidate.settings, &candidate.path), finding, checker)
        {
            result.diagnostics.push(d);
        }
    }
    result.diagnostics.sort_by(|a, b| (a.start, &a.code).cmp(&(b.start, &b.code)));
    fingerprint::assign(&mut result.diagnostics);
    if let Some((cache, key, _)) = cached
        && result.crashed.is_empty()
    {
        cache.put(key, &result);
    }
    result
}

/// Applies the configured severity.
pub(super) fn settle(mut d: Diagnostic, settings: &Settings) -> Diagnostic {
    d.severity = settings.config.severity_of(&d.code, d.severity);
    d
}

fn default_severity(code: &str) -> Severity {
    registry::find(code).filter(|r| r.code == code).map_or(Severity::Warning, |r| r.severity)
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
        line_text: line_excerpt(file.line_text(start.line as usize - 1)),
    }
}

pub(super) fn runner_diagnostic(
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
        line_text: line_excerpt(line_text),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}
