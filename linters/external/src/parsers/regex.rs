//! Text outputs read with a declared regular expression whose named groups
//! say what each part is. The pattern runs over the whole output in
//! multi-line mode (`^` and `$` match at line ends), so one finding may
//! span lines, as pydocstyle's do.

use regex::{Captures, Regex, RegexBuilder};

use super::ToolFinding;

/// The named groups a pattern may use; `message` is required.
pub const GROUPS: &[&str] =
    &["path", "line", "column", "end_line", "end_column", "code", "severity", "message"];

#[derive(Debug, Clone)]
pub struct RegexParser {
    regex: Regex,
}

impl RegexParser {
    pub fn new(pattern: &str) -> Result<RegexParser, String> {
        let regex = RegexBuilder::new(pattern)
            .multi_line(true)
            .crlf(true)
            .build()
            .map_err(|e| format!("not a valid regular expression: {e}"))?;
        for name in regex.capture_names().flatten() {
            if !GROUPS.contains(&name) {
                return Err(format!("unknown group `{name}`: one of {}", GROUPS.join(", ")));
            }
        }
        if !regex.capture_names().flatten().any(|n| n == "message") {
            return Err("needs a `(?P<message>...)` group".into());
        }
        Ok(RegexParser { regex })
    }

    pub fn parse(&self, output: &str) -> Result<Vec<ToolFinding>, String> {
        self.regex.captures_iter(output).map(|c| finding(&c)).collect()
    }
}

fn finding(captures: &Captures) -> Result<ToolFinding, String> {
    let text = |name: &str| captures.name(name).map_or("", |m| m.as_str());
    let number = |name: &str| -> Result<Option<u32>, String> {
        let Some(found) = captures.name(name) else { return Ok(None) };
        found.as_str().parse().map(Some).map_err(|_| {
            let whole = captures.get(0).map_or("", |m| m.as_str());
            format!("`{name}` is `{}`, not a line or column number, in `{whole}`", found.as_str())
        })
    };
    Ok(ToolFinding {
        path: text("path").to_string(),
        line: number("line")?.unwrap_or(0),
        column: number("column")?.unwrap_or(0),
        end_line: number("end_line")?,
        end_column: number("end_column")?,
        code: text("code").to_string(),
        severity: captures.name("severity").map(|m| m.as_str().to_string()),
        message: text("message").trim_end().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsers::testdata::captured;

    #[test]
    fn reads_named_groups_line_by_line() {
        let parser = RegexParser::new(
            r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]+\d+) (?P<message>.*)$",
        )
        .unwrap();
        let findings = parser.parse(captured!("flake8-7.5.0.txt")).unwrap();
        assert_eq!(findings.len(), 7);
        assert_eq!(
            findings[6],
            ToolFinding {
                path: "python/odd name.py".into(),
                line: 2,
                column: 1,
                code: "F401".into(),
                message: "'json' imported but unused".into(),
                ..ToolFinding::default()
            }
        );
    }

    #[test]
    fn optional_groups_default_and_crlf_is_not_part_of_the_message() {
        let parser =
            RegexParser::new(r"^(?P<path>[^:]+):(?:(?P<line>\d+):)? (?P<message>.*)$").unwrap();
        let findings = parser.parse("a.txt:3: first\r\nb.txt: second\r\n").unwrap();
        assert_eq!((findings[0].line, findings[0].message.as_str()), (3, "first"));
        assert_eq!((findings[1].line, findings[1].message.as_str()), (0, "second"));
        assert_eq!(findings[1].severity, None);
    }

    #[test]
    fn rejects_bad_patterns_and_numbers() {
        assert_eq!(
            RegexParser::new(r"(?P<row>\d+) (?P<message>.*)").unwrap_err(),
            "unknown group `row`: one of path, line, column, end_line, end_column, code, severity, message"
        );
        assert_eq!(
            RegexParser::new(r"(?P<line>\d+)").unwrap_err(),
            "needs a `(?P<message>...)` group"
        );
        assert!(RegexParser::new("(").unwrap_err().starts_with("not a valid regular expression"));
        let parser = RegexParser::new(r"^(?P<line>\w+): (?P<message>.*)$").unwrap();
        assert_eq!(
            parser.parse("x1: oops").unwrap_err(),
            "`line` is `x1`, not a line or column number, in `x1: oops`"
        );
    }
}
