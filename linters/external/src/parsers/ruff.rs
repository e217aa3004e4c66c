//! ruff's `--output-format json`: a list of findings with 1-based rows and
//! columns and an exclusive end.

use super::ToolFinding;
use super::json::{Record, document, objects};

pub fn parse(output: &str) -> Result<Vec<ToolFinding>, String> {
    let value = document(output, "ruff JSON")?;
    objects(&value, "ruff JSON finding")?.iter().map(finding).collect()
}

fn finding(record: &Record) -> Result<ToolFinding, String> {
    let start = record.object("location")?;
    let end = record.optional_object("end_location")?;
    Ok(ToolFinding {
        path: record.string("filename")?.to_string(),
        line: start.number("row")?,
        column: start.number("column")?,
        end_line: end.as_ref().map(|e| e.number("row")).transpose()?,
        end_column: end.as_ref().map(|e| e.number("column")).transpose()?,
        // Older ruff versions gave syntax errors a null code.
        code: record.optional_string("code")?.unwrap_or("invalid-syntax").to_string(),
        severity: record.optional_string("severity")?.map(str::to_string),
        message: record.string("message")?.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsers::testdata::captured;

    #[test]
    fn parses_captured_output() {
        let findings = parse(captured!("ruff-0.17.6.json")).unwrap();
        assert_eq!(findings.len(), 11);
        assert_eq!(
            findings[0],
            ToolFinding {
                path: "/tmp/lintgate-capture/python/broken.py".into(),
                line: 1,
                column: 12,
                end_line: Some(1),
                end_column: Some(13),
                code: "invalid-syntax".into(),
                severity: Some("error".into()),
                message: "Expected a parameter or the end of the parameter list".into(),
            }
        );
        let unused = &findings[4];
        assert_eq!(unused.path, "/tmp/lintgate-capture/python/inventory.py");
        assert_eq!((unused.line, unused.column, unused.end_column), (1, 8, Some(11)));
        assert_eq!(unused.code, "F401");
        assert_eq!(unused.message, "`sys` imported but unused");
        let spaced = findings.last().unwrap();
        assert_eq!(spaced.path, "/tmp/lintgate-capture/python/odd name.py");
        assert_eq!((spaced.line, spaced.column), (2, 8));
    }

    #[test]
    fn rejects_other_shapes() {
        assert_eq!(parse(r#"{"findings": []}"#).unwrap_err(), "ruff JSON finding: expected a list");
        assert_eq!(
            parse(r#"[{"filename": "a.py", "message": "m"}]"#).unwrap_err(),
            "ruff JSON finding 1: no `location` (an object)"
        );
        assert!(
            parse("error: unexpected argument").unwrap_err().starts_with("ruff JSON: not valid")
        );
    }
}
