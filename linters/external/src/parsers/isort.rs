//! isort's `--check-only --diff`: a unified diff per badly sorted file on
//! stdout. Each file becomes one finding at its first changed line, with the
//! diff in the message. isort has no codes; `I001` is the code flake8-isort
//! and ruff use for the same problem.

use super::ToolFinding;

const MESSAGE: &str = "Imports are incorrectly sorted and/or formatted.";

pub fn parse(output: &str) -> Result<Vec<ToolFinding>, String> {
    let mut lines = output.lines().enumerate().peekable();
    let mut findings = Vec::new();
    while let Some((_, line)) = lines.next() {
        // Anything between diffs ("Skipped 2 files") is not ours to read.
        let Some(old) = line.strip_prefix("--- ") else { continue };
        let Some((_, new)) = lines.next_if(|(_, l)| l.starts_with("+++ ")) else { continue };
        let path = file_name(old, ":before");
        if path != file_name(&new[4..], ":after") {
            return Err(format!("isort diff: `{line}` and `{new}` name different files"));
        }
        let mut diff = Vec::new();
        let mut first_change = None;
        while let Some((number, header)) = lines.next_if(|(_, l)| l.starts_with("@@ ")) {
            let hunk = Hunk::parse(header).ok_or_else(|| {
                format!("isort diff line {}: bad hunk header `{header}`", number + 1)
            })?;
            diff.push(header);
            let body = hunk
                .read(&mut lines, &mut diff)
                .map_err(|e| format!("isort diff for {path}: hunk at line {}: {e}", number + 1))?;
            first_change = first_change.or(body);
        }
        if diff.is_empty() {
            return Err(format!("isort diff for {path}: no hunks"));
        }
        findings.push(ToolFinding {
            path: path.to_string(),
            line: first_change.unwrap_or(1),
            column: 0,
            code: "I001".into(),
            message: format!("{MESSAGE}\n{}", diff.join("\n")),
            ..ToolFinding::default()
        });
    }
    Ok(findings)
}

/// `/repo/a.py:before\t2026-01-01 10:00:00.0` -> `/repo/a.py`.
fn file_name<'a>(header: &'a str, side: &str) -> &'a str {
    let name = header.rsplit_once('\t').map_or(header, |(name, _)| name);
    name.strip_suffix(side).unwrap_or(name)
}

/// `@@ -old_start,old_count +new_start,new_count @@`
struct Hunk {
    old_start: u32,
    old_count: u32,
    new_count: u32,
}

impl Hunk {
    fn parse(header: &str) -> Option<Hunk> {
        let ranges = header.strip_prefix("@@ -")?.split(" @@").next()?;
        let (old, new) = ranges.split_once(" +")?;
        let (old_start, old_count) = range(old)?;
        let (_, new_count) = range(new)?;
        Some(Hunk { old_start, old_count, new_count })
    }

    /// Consumes the hunk's lines into `diff`; returns the old line number of
    /// its first change.
    fn read<'a>(
        mut self,
        lines: &mut impl Iterator<Item = (usize, &'a str)>,
        diff: &mut Vec<&'a str>,
    ) -> Result<Option<u32>, String> {
        let mut old_line = self.old_start;
        let mut first_change = None;
        while self.old_count > 0 || self.new_count > 0 {
            let (_, line) = lines.next().ok_or("the diff ends inside it")?;
            diff.push(line);
            match line.as_bytes().first() {
                Some(b' ') | None => {
                    self.old_count = self.old_count.saturating_sub(1);
                    self.new_count = self.new_count.saturating_sub(1);
                    old_line += 1;
                }
                Some(b'-') => {
                    first_change.get_or_insert(old_line);
                    self.old_count = self.old_count.saturating_sub(1);
                    old_line += 1;
                }
                Some(b'+') => {
                    first_change.get_or_insert(old_line);
                    self.new_count = self.new_count.saturating_sub(1);
                }
                Some(b'\\') => {} // "\ No newline at end of file"
                Some(_) => return Err(format!("`{line}` is not a diff line")),
            }
        }
        Ok(first_change)
    }
}

/// `5,7` -> (5, 7); `5` -> (5, 1).
fn range(text: &str) -> Option<(u32, u32)> {
    match text.split_once(',') {
        Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
        None => Some((text.parse().ok()?, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsers::testdata::captured;

    #[test]
    fn parses_captured_output() {
        let findings = parse(captured!("isort-9.0.2.diff")).unwrap();
        let places: Vec<_> = findings.iter().map(|f| (f.path.as_str(), f.line)).collect();
        assert_eq!(
            places,
            [
                ("/tmp/lintgate-capture/python/inventory.py", 1),
                ("/tmp/lintgate-capture/python/layout.py", 2),
            ]
        );
        assert_eq!(findings[0].code, "I001");
        assert_eq!(
            findings[0].message,
            "Imports are incorrectly sorted and/or formatted.\n\
             @@ -1,5 +1,5 @@\n+import os\n import sys\n-import os\n from collections import OrderedDict\n \n "
        );
        assert!(
            findings[1].message.ends_with(
                "+    import json\n     import re\n-    import json\n     return re, json"
            )
        );
    }

    #[test]
    fn ignores_other_text_and_rejects_broken_diffs() {
        assert_eq!(parse("Skipped 3 files\n").unwrap(), []);
        let truncated =
            "--- a.py:before\t2026\n+++ a.py:after\t2026\n@@ -1,3 +1,3 @@\n+import os\n";
        assert_eq!(
            parse(truncated).unwrap_err(),
            "isort diff for a.py: hunk at line 3: the diff ends inside it"
        );
        let no_hunks = "--- a.py:before\t2026\n+++ a.py:after\t2026\n";
        assert_eq!(parse(no_hunks).unwrap_err(), "isort diff for a.py: no hunks");
        let bad_header = "--- a.py:before\t2026\n+++ a.py:after\t2026\n@@ -x +1 @@\n";
        assert_eq!(
            parse(bad_header).unwrap_err(),
            "isort diff line 3: bad hunk header `@@ -x +1 @@`"
        );
    }
}
