//! GitLab Code Quality (a subset of the Code Climate issue format): GitLab
//! drops entries without `description`, `check_name`, `fingerprint`,
//! `severity`, `location.path` and an integer `location.lines.begin`.

use lintgate_engine::diagnostic::Severity;
use serde_json::{Value, json};

use crate::runner::RunOutput;

pub fn render(run: &RunOutput) -> String {
    let issues: Vec<Value> = run
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "type": "issue",
                "engine_name": "lintgate",
                "check_name": d.code,
                "description": format!("{}: {}", d.code, d.message),
                "categories": ["Style"],
                "severity": severity(d.severity),
                "fingerprint": d.fingerprint,
                "location": {
                    "path": d.path,
                    "lines": { "begin": d.start.line, "end": d.end.line },
                },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).expect("JSON values always serialize");
    text.push('\n');
    text
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}
