//! mypy's `--output json`: one JSON object per line, 0-based columns, an
//! optional hint (a note that belongs to the error, such as a link).

use serde_json::Value;

use super::ToolFinding;
use super::json::{Record, one_based};
use crate::text::abbreviate;

pub fn parse(output: &str) -> Result<Vec<ToolFinding>, String> {
    output
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let name = format!("mypy JSON line {}", i + 1);
            let value: Value = serde_json::from_str(line)
                .map_err(|e| format!("{name}: not valid JSON ({e}): {}", abbreviate(line, 80)))?;
            let fields = value.as_object().ok_or_else(|| format!("{name}: expected an object"))?;
            finding(&Record::new(name, fields))
        })
        .collect()
}

fn finding(record: &Record) -> Result<ToolFinding, String> {
    let message = record.string("message")?;
    let message = match record.optional_string("hint")? {
        Some(hint) => format!("{message} ({hint})"),
        None => message.to_string(),
    };
    Ok(ToolFinding {
        path: record.string("file")?.to_string(),
        line: record.number("line")?,
        column: one_based(record.number("column")?),
        end_line: record.optional_number("end_line")?,
        end_column: record.optional_number("end_column")?.map(one_based),
        code: record.optional_string("code")?.unwrap_or_default().to_string(),
        severity: Some(record.string("severity")?.to_string()),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsers::testdata::captured;

    #[test]
    fn parses_captured_output() {
        let findings = parse(captured!("mypy-2.4.1.jsonl")).unwrap();
        assert_eq!(findings.len(), 5);
        assert_eq!(
            findings[0],
            ToolFinding {
                path: "python/inventory.py".into(),
                line: 13,
                column: 16,
                end_line: Some(13),
                end_column: Some(20),
                code: "return-value".into(),
                severity: Some("error".into()),
                message: "Incompatible return value type (got \"str\", expected \"int\")".into(),
            }
        );
        let import = &findings[2];
        assert_eq!(import.code, "import-not-found");
        assert_eq!(
            import.message,
            "Cannot find implementation or library stub for module named \"missing_package\" \
             (See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports)"
        );
        let note = &findings[4];
        assert_eq!((note.line, note.column, note.severity.as_deref()), (5, 13, Some("note")));
    }

    #[test]
    fn parses_captured_syntax_errors() {
        let findings = parse(captured!("mypy-2.4.1-syntax.jsonl")).unwrap();
        let codes: Vec<_> = findings.iter().map(|f| (f.line, f.column, f.code.as_str())).collect();
        assert_eq!(codes, [(1, 13, "syntax"), (1, 14, "syntax")]);
    }

    #[test]
    fn rejects_text_output() {
        let text =
            "python/inventory.py:13:16: error: Incompatible return value type  [return-value]";
        let err = parse(text).unwrap_err();
        assert!(err.starts_with("mypy JSON line 1: not valid JSON"), "{err}");
        assert!(err.ends_with(
            "python/inventory.py:13:16: error: Incompatible return value type  [return-value]"
        ));
    }
}
