//! SARIF 2.1.0, with rule metadata from the rule files and the fingerprint
//! as a partial fingerprint. Columns count Unicode code points, as ours do.

use std::collections::BTreeMap;

use lintgate_engine::diagnostic::{Diagnostic, Severity};
use lintgate_engine::registry;
use serde_json::{Value, json};

use crate::runner::RunOutput;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(run: &RunOutput) -> String {
    let mut rule_index: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &run.diagnostics {
        let next = rule_index.len();
        rule_index.entry(d.code.as_str()).or_insert(next);
    }
    let mut rules: Vec<(usize, Value)> =
        rule_index.iter().map(|(code, i)| (*i, rule(code))).collect();
    rules.sort_by_key(|(i, _)| *i);
    let results: Vec<Value> =
        run.diagnostics.iter().map(|d| result(d, rule_index[d.code.as_str()])).collect();
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "lintgate",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": { "SRCROOT": { "description": { "text": "The repository root." } } },
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&sarif).expect("JSON values always serialize");
    text.push('\n');
    text
}

fn rule(code: &str) -> Value {
    match registry::find(code).filter(|r| r.code == code) {
        Some(r) => json!({
            "id": r.code,
            "name": r.name,
            "shortDescription": { "text": r.summary },
            "fullDescription": { "text": r.summary },
            "help": { "text": r.body, "markdown": r.body },
            "defaultConfiguration": { "level": level(r.severity), "enabled": r.enabled },
            "properties": { "checker": r.checker },
        }),
        None => json!({ "id": code, "shortDescription": { "text": code } }),
    }
}

fn result(d: &Diagnostic, rule_index: usize) -> Value {
    json!({
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": uri(&d.path), "uriBaseId": "SRCROOT" },
            "region": {
                "startLine": d.start.line,
                "startColumn": d.start.column,
                "endLine": d.end.line,
                "endColumn": d.end.column,
            },
        }}],
        "partialFingerprints": { "lintgate/v1": d.fingerprint },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference: percent-encode what may not appear in one.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
