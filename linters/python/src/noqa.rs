//! Suppression comments: `# noqa`, `# noqa: F401,E501` (any case, any
//! spacing flake8 and ruff accept), and, on a line of their own, file-wide
//! `# flake8: noqa`, `# ruff: noqa[: CODES]`, `# lintgate: noqa[: CODES]`
//! (after code on a line they cover that line).

use std::ops::Range;

use lintgate_engine::source::LineIndex;
use lintgate_engine::suppression::{CodeSpec, Codes, Scope, Suppression};

/// Constructs that span lines, whose lines one `# noqa` covers, as ruff
/// reads it: after a multi-line string (on its last line), or on the first
/// line of an import statement or an `__all__` assignment.
/// Both sorted by start.
pub struct Spans<'a> {
    pub strings: &'a [Range<usize>],
    pub statements: &'a [Range<usize>],
}

/// The suppressions in a file's comments.
pub fn suppressions(
    text: &str,
    comments: &[Range<usize>],
    spans: &Spans,
    lines: &LineIndex,
) -> Vec<Suppression> {
    let mut found = Vec::new();
    for comment in comments {
        let body = &text[comment.clone()];
        let line = lines.line_of(comment.start) as u32 + 1;
        let own_line = text[..comment.start]
            .rsplit(['\n', '\r'])
            .next()
            .is_some_and(|before| before.trim().is_empty());
        let tool_directive = file_directive(body, comment.start);
        if own_line && let Some(codes) = tool_directive {
            found.push(Suppression { scope: Scope::File, codes });
            continue;
        }
        // After code, `# ruff: noqa` and `# lintgate: noqa` mean this line.
        let Some(codes) = tool_directive.or_else(|| line_directive(body, comment.start)) else {
            continue;
        };
        let line_of = |offset: usize| lines.line_of(offset) as u32 + 1;
        // The string ending last before the comment, if it ends on its line.
        let before = spans.strings.partition_point(|s| s.end <= comment.start);
        let first = before
            .checked_sub(1)
            .map(|i| &spans.strings[i])
            .filter(|s| line_of(s.end) == line)
            .map_or(line, |s| line_of(s.start));
        // A statement starting on the comment's line (they start in order).
        let line_start = lines.line_range(text, line as usize - 1).start;
        let at = spans.statements.partition_point(|s| s.start < line_start);
        let last = spans
            .statements
            .get(at)
            .filter(|s| line_of(s.start) == line)
            .map_or(line, |s| line_of(s.end.saturating_sub(1)).max(line));
        found.push(Suppression { scope: Scope::Lines { first, last }, codes });
    }
    found
}

/// `# noqa` anywhere in the comment (`# type: ignore  # noqa: E501`).
fn line_directive(comment: &str, offset: usize) -> Option<Codes> {
    let mut search = 0;
    while let Some(hash) = comment[search..].find('#') {
        let at = search + hash;
        let rest = comment[at + 1..].trim_start();
        if rest.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("noqa")) {
            let after = &rest[4..];
            let codes_at = offset + comment.len() - after.len();
            return Some(codes(after, codes_at));
        }
        search = at + 1;
    }
    None
}

/// `# flake8: noqa`, `# ruff: noqa: F401`, `# lintgate: noqa` at the start of a comment.
fn file_directive(comment: &str, offset: usize) -> Option<Codes> {
    let rest = comment.strip_prefix('#')?.trim_start();
    let (tool, rest) = rest.split_once(':')?;
    let tool = tool.trim_end().to_ascii_lowercase();
    if !matches!(tool.as_str(), "flake8" | "ruff" | "lintgate") {
        return None;
    }
    let rest = rest.trim_start();
    if !rest.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("noqa")) {
        return None;
    }
    let after = &rest[4..];
    let parsed = codes(after, offset + comment.len() - after.len());
    // flake8 ignores `# flake8: noqa: CODES` (it is no file-wide filter).
    if tool == "flake8" && parsed != Codes::All {
        return None;
    }
    Some(parsed)
}

/// `: F401, E501` after `noqa`; anything else means every code.
fn codes(after: &str, offset: usize) -> Codes {
    let Some(list) = after.trim_start().strip_prefix(':') else { return Codes::All };
    let list_at = offset + after.len() - list.len();
    let mut listed = Vec::new();
    let mut position = 0;
    for word in list.split(|c: char| c == ',' || c.is_whitespace()) {
        let at = list_at + position;
        position += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let letters = word.bytes().take_while(u8::is_ascii_uppercase).count();
        let digits = word[letters..].bytes().take_while(u8::is_ascii_digit).count();
        if letters == 0 || digits == 0 || letters + digits != word.len() {
            break;
        }
        let spec = if digits >= 3 {
            CodeSpec::Exact(word.to_string())
        } else {
            CodeSpec::Prefix(word.to_string())
        };
        listed.push((spec, at..at + word.len()));
    }
    if listed.is_empty() { Codes::All } else { Codes::Listed(listed) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(comment: &str) -> Option<Codes> {
        line_directive(comment, 0)
    }

    fn names(codes: Option<Codes>) -> Vec<String> {
        match codes {
            Some(Codes::Listed(list)) => list
                .into_iter()
                .map(|(spec, range)| match spec {
                    CodeSpec::Exact(c) | CodeSpec::Prefix(c) => format!("{c}@{}", range.start),
                    CodeSpec::Range(..) => unreachable!(),
                })
                .collect(),
            Some(Codes::All) => vec!["all".into()],
            None => vec![],
        }
    }

    #[test]
    fn reads_the_forms_flake8_and_ruff_accept() {
        assert_eq!(names(parse("# noqa")), ["all"]);
        assert_eq!(names(parse("# NOQA")), ["all"]);
        assert_eq!(names(parse("# noqa: F401")), ["F401@8"]);
        assert_eq!(names(parse("#noqa:F401,E501")), ["F401@6", "E501@11"]);
        assert_eq!(names(parse("# noqa: F401, E501 explained")), ["F401@8", "E501@14"]);
        assert_eq!(names(parse("# type: ignore  # noqa: E501")), ["E501@24"]);
        assert_eq!(names(parse("# just a comment")), Vec::<String>::new());
    }

    #[test]
    fn file_wide_forms() {
        assert_eq!(file_directive("# flake8: noqa", 0), Some(Codes::All));
        assert_eq!(file_directive("# flake8: noqa: F401", 0), None);
        assert!(matches!(file_directive("# ruff: noqa: F401", 0), Some(Codes::Listed(_))));
        assert_eq!(file_directive("# lintgate: noqa", 0), Some(Codes::All));
        assert_eq!(file_directive("# noqa", 0), None);
    }
}
