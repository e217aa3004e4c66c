//! `--format json`: an array of findings; with `--show-notes`, an object
//! holding `diagnostics` and `notes`. Written straight from the
//! diagnostics (no intermediate JSON tree: a run can have millions).

use lintgate_engine::diagnostic::{Diagnostic, Note, PositionedFix, Severity};
use serde::Serialize;

use super::ReportOptions;
use crate::runner::RunOutput;

/// One finding as JSON; keys in alphabetical order, as they have always
/// been written.
#[derive(Serialize)]
struct Finding<'a> {
    checker: &'a str,
    code: &'a str,
    column: u32,
    end_column: u32,
    end_line: u32,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a PositionedFix>,
    line: u32,
    message: &'a str,
    path: &'a str,
    severity: Severity,
}

#[derive(Serialize)]
struct NoteEntry<'a> {
    message: &'a str,
    path: &'a str,
}

#[derive(Serialize)]
struct WithNotes<'a> {
    diagnostics: Vec<Finding<'a>>,
    notes: Vec<NoteEntry<'a>>,
}

pub fn render(run: &RunOutput, options: &ReportOptions) -> String {
    let diagnostics: Vec<Finding> = run.diagnostics.iter().map(finding).collect();
    let text = if options.show_notes {
        let notes = run.notes.iter().map(note).collect();
        serde_json::to_string_pretty(&WithNotes { diagnostics, notes })
    } else {
        serde_json::to_string_pretty(&diagnostics)
    };
    let mut text = text.expect("findings always serialize");
    text.push('\n');
    text
}

fn note(n: &Note) -> NoteEntry<'_> {
    NoteEntry { message: &n.message, path: &n.path }
}

fn finding(d: &Diagnostic) -> Finding<'_> {
    Finding {
        checker: &d.checker,
        code: &d.code,
        column: d.start.column,
        end_column: d.end.column,
        end_line: d.end.line,
        fingerprint: &d.fingerprint,
        fix: d.fix.as_ref(),
        line: d.start.line,
        message: &d.message,
        path: &d.path,
        severity: d.severity,
    }
}
