//! `--format json`: an array of findings; with `--show-notes`, an object
//! holding `diagnostics` and `notes`.

use lintgate_engine::diagnostic::Diagnostic;
use serde_json::{Value, json};

use super::ReportOptions;
use crate::runner::RunOutput;

pub fn render(run: &RunOutput, options: &ReportOptions) -> String {
    let diagnostics: Vec<Value> = run.diagnostics.iter().map(diagnostic).collect();
    let value = if options.show_notes {
        json!({ "diagnostics": diagnostics, "notes": run.notes })
    } else {
        Value::Array(diagnostics)
    };
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values always serialize");
    text.push('\n');
    text
}

fn diagnostic(d: &Diagnostic) -> Value {
    let mut value = json!({
        "path": d.path,
        "line": d.start.line,
        "column": d.start.column,
        "end_line": d.end.line,
        "end_column": d.end.column,
        "code": d.code,
        "severity": d.severity,
        "message": d.message,
        "checker": d.checker,
        "fingerprint": d.fingerprint,
    });
    if let Some(fix) = &d.fix {
        value["fix"] = json!(fix);
    }
    value
}
