//! SARIF 2.1.0: the results of every run, at their first physical location.
//! `file://` URIs become paths; relative URIs are resolved against the
//! run's `originalUriBaseIds` when they name a base, else left relative to
//! the tool's working directory.

use serde_json::{Map, Value};

use super::ToolFinding;
use super::json::{Record, document, objects};

pub fn parse(output: &str) -> Result<Vec<ToolFinding>, String> {
    let value = document(output, "SARIF")?;
    let runs = value.get("runs").ok_or("SARIF: no `runs` list")?;
    let mut findings = Vec::new();
    for run in objects(runs, "SARIF run")? {
        let bases = run.fields.get("originalUriBaseIds").and_then(Value::as_object);
        let Some(results) = run.fields.get("results") else { continue };
        for result in objects(results, &format!("{} result", run.name))? {
            findings.push(finding(&result, bases)?);
        }
    }
    Ok(findings)
}

fn finding(record: &Record, bases: Option<&Map<String, Value>>) -> Result<ToolFinding, String> {
    let message = record.object("message")?;
    let message = match message.optional_string("text")? {
        Some(text) => text,
        None => message.string("markdown")?,
    };
    let code = match record.optional_string("ruleId")? {
        Some(id) => id,
        None => record.optional_object("rule")?.map(|r| r.string("id")).transpose()?.unwrap_or(""),
    };
    let mut finding = ToolFinding {
        code: code.to_string(),
        severity: record.optional_string("level")?.map(str::to_string),
        message: message.to_string(),
        ..ToolFinding::default()
    };
    let Some(location) = first_physical_location(record)? else {
        return Ok(finding);
    };
    if let Some(artifact) = location.optional_object("artifactLocation")? {
        finding.path = artifact_path(&artifact, bases)?;
    }
    if let Some(region) = location.optional_object("region")? {
        finding.line = region.optional_number("startLine")?.unwrap_or(0);
        finding.column = region.optional_number("startColumn")?.unwrap_or(0);
        finding.end_line = region.optional_number("endLine")?;
        finding.end_column = region.optional_number("endColumn")?;
    }
    Ok(finding)
}

fn first_physical_location<'a>(record: &Record<'a>) -> Result<Option<Record<'a>>, String> {
    let Some(locations) = record.fields.get("locations") else { return Ok(None) };
    let locations = objects(locations, &format!("{} location", record.name))?;
    match locations.first() {
        Some(location) => location.optional_object("physicalLocation"),
        None => Ok(None),
    }
}

fn artifact_path(artifact: &Record, bases: Option<&Map<String, Value>>) -> Result<String, String> {
    let uri = artifact.string("uri")?;
    let base = artifact
        .optional_string("uriBaseId")?
        .and_then(|id| bases?.get(id)?.get("uri")?.as_str())
        .filter(|_| !is_absolute(uri));
    let joined = match base {
        Some(base) => format!("{}/{uri}", base.trim_end_matches('/')),
        None => uri.to_string(),
    };
    let path = joined.strip_prefix("file://").map_or(joined.as_str(), |rest| {
        // `file:///abs` or `file://localhost/abs`.
        rest.strip_prefix("localhost").unwrap_or(rest)
    });
    percent_decode(path).ok_or_else(|| format!("{}: `{uri}` is not a valid URI", artifact.name))
}

fn is_absolute(uri: &str) -> bool {
    uri.starts_with('/') || uri.contains("://")
}

/// `odd%20name.py` -> `odd name.py`; `None` for a bad escape or non-UTF-8 bytes.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex =
                text.get(i + 1..i + 3).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsers::testdata::captured;

    #[test]
    fn parses_captured_ruff_output() {
        let findings = parse(captured!("ruff-0.17.6.sarif")).unwrap();
        assert_eq!(findings.len(), 11);
        assert_eq!(
            findings[4],
            ToolFinding {
                path: "/tmp/lintgate-capture/python/inventory.py".into(),
                line: 1,
                column: 8,
                end_line: Some(1),
                end_column: Some(11),
                code: "F401".into(),
                severity: Some("error".into()),
                message: "`sys` imported but unused".into(),
            }
        );
        assert_eq!(findings[0].code, "invalid-syntax");
        // The URI is `file:///tmp/lintgate-capture/python/odd%20name.py`.
        assert_eq!(findings[10].path, "/tmp/lintgate-capture/python/odd name.py");
    }

    #[test]
    fn resolves_base_ids_and_accepts_results_without_locations() {
        let sarif = r#"{"version": "2.1.0", "runs": [{
            "originalUriBaseIds": {"SRC": {"uri": "file:///repo/"}},
            "results": [
                {"ruleId": "R1", "message": {"text": "in a file"},
                 "locations": [{"physicalLocation": {
                     "artifactLocation": {"uri": "src/a%C3%A9.py", "uriBaseId": "SRC"},
                     "region": {"startLine": 3}}}]},
                {"rule": {"id": "R2"}, "level": "note", "message": {"text": "about the project"}}
            ]}]}"#;
        let findings = parse(sarif).unwrap();
        assert_eq!((findings[0].path.as_str(), findings[0].line), ("/repo/src/aé.py", 3));
        assert_eq!(findings[0].column, 0);
        assert_eq!(findings[1].path, "");
        assert_eq!(findings[1].code, "R2");
        assert_eq!(findings[1].severity.as_deref(), Some("note"));
    }

    #[test]
    fn rejects_what_is_not_sarif() {
        assert_eq!(parse("{}").unwrap_err(), "SARIF: no `runs` list");
        assert_eq!(
            parse(r#"{"runs": [{"results": [{"ruleId": "X"}]}]}"#).unwrap_err(),
            "SARIF run 1 result 1: no `message` (an object)"
        );
        let bad_uri = r#"{"runs": [{"results": [{"message": {"text": "m"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a%zz"}}}]}]}]}"#;
        assert_eq!(
            parse(bad_uri).unwrap_err(),
            "SARIF run 1 result 1 location 1: `a%zz` is not a valid URI"
        );
    }
}
