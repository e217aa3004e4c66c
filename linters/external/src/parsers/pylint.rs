//! pylint's `--output-format=json2`: `{"messages": [...], "statistics": ...}`
//! with 0-based columns.

use super::ToolFinding;
use super::json::{Record, document, objects, one_based};

pub fn parse(output: &str) -> Result<Vec<ToolFinding>, String> {
    let value = document(output, "pylint JSON")?;
    let messages = value
        .get("messages")
        .ok_or("pylint JSON: no `messages` list (is the output format json2?)")?;
    objects(messages, "pylint JSON message")?.iter().map(finding).collect()
}

fn finding(record: &Record) -> Result<ToolFinding, String> {
    let message = record.string("message")?;
    // The symbol is what `# pylint: disable=` comments usually name.
    let message = match record.optional_string("symbol")? {
        Some(symbol) => format!("{message} ({symbol})"),
        None => message.to_string(),
    };
    Ok(ToolFinding {
        path: record.string("path")?.to_string(),
        line: record.number("line")?,
        column: one_based(record.number("column")?),
        end_line: record.optional_number("endLine")?,
        end_column: record.optional_number("endColumn")?.map(one_based),
        code: record.string("messageId")?.to_string(),
        severity: Some(record.string("type")?.to_string()),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsers::testdata::captured;

    #[test]
    fn parses_captured_output() {
        let findings = parse(captured!("pylint-4.1.4.json")).unwrap();
        assert_eq!(findings.len(), 19);
        assert_eq!(
            findings[0],
            ToolFinding {
                path: "python/broken.py".into(),
                line: 1,
                column: 13,
                end_line: None,
                end_column: None,
                code: "E0001".into(),
                severity: Some("error".into()),
                message: "Parsing failed: 'invalid syntax (broken, line 1)' (syntax-error)".into(),
            }
        );
        let unused = &findings[6];
        assert_eq!(
            (unused.line, unused.column, unused.end_line, unused.end_column),
            (7, 5, Some(7), Some(11))
        );
        assert_eq!(unused.code, "W0612");
        assert_eq!(unused.severity.as_deref(), Some("warning"));
        assert_eq!(unused.message, "Unused variable 'unused' (unused-variable)");
        assert_eq!(findings[9].severity.as_deref(), Some("refactor"));
        assert_eq!(findings[18].path, "python/odd name.py");
    }

    #[test]
    fn rejects_other_formats() {
        assert_eq!(
            parse("[]").unwrap_err(),
            "pylint JSON: no `messages` list (is the output format json2?)"
        );
        assert_eq!(
            parse(r#"{"messages": [{"path": "a.py"}]}"#).unwrap_err(),
            "pylint JSON message 1: no `message` (a string)"
        );
    }
}
