//! ShellCheck's `--format=json1`: `{"comments": [...]}` with 1-based
//! columns counted in characters (tabs count one, unlike `--format=json`)
//! and numeric codes that ShellCheck shows as `SC<number>`.

use super::ToolFinding;
use super::json::{Record, document, objects};

pub fn parse(output: &str) -> Result<Vec<ToolFinding>, String> {
    let value = document(output, "shellcheck JSON")?;
    let comments = value
        .get("comments")
        .ok_or("shellcheck JSON: no `comments` list (is the output format json1?)")?;
    objects(comments, "shellcheck JSON comment")?.iter().map(finding).collect()
}

fn finding(record: &Record) -> Result<ToolFinding, String> {
    Ok(ToolFinding {
        path: record.string("file")?.to_string(),
        line: record.number("line")?,
        column: record.number("column")?,
        end_line: record.optional_number("endLine")?,
        end_column: record.optional_number("endColumn")?,
        code: format!("SC{}", record.number("code")?),
        severity: Some(record.string("level")?.to_string()),
        message: record.string("message")?.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsers::testdata::captured;

    #[test]
    fn parses_captured_output() {
        let findings = parse(captured!("shellcheck-0.11.0.json")).unwrap();
        assert_eq!(
            findings,
            [
                ToolFinding {
                    path: "shell/deploy.sh".into(),
                    line: 4,
                    column: 12,
                    end_line: Some(4),
                    end_column: Some(19),
                    code: "SC2086".into(),
                    severity: Some("info".into()),
                    message: "Double quote to prevent globbing and word splitting.".into(),
                },
                ToolFinding {
                    path: "shell/deploy.sh".into(),
                    line: 5,
                    column: 10,
                    end_line: Some(5),
                    end_column: Some(19),
                    code: "SC2045".into(),
                    severity: Some("error".into()),
                    message: "Iterating over ls output is fragile. Use globs.".into(),
                },
            ]
        );
    }

    #[test]
    fn rejects_the_older_json_format() {
        // `--format=json` prints a bare list.
        assert_eq!(
            parse("[]").unwrap_err(),
            "shellcheck JSON: no `comments` list (is the output format json1?)"
        );
    }
}
