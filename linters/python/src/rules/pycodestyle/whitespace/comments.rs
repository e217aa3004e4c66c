//! Comments: E261, E262, E265, E266 (pycodestyle's
//! `whitespace_before_comment`), on every comment token of the line,
//! comment-only lines and comments inside brackets included.

use super::tokens::{Type, type_of};
use crate::codes::{Code, Report};
use crate::logical::LogicalLine;

pub const CODES: &[Code] = &[Code::E261, Code::E262, Code::E265, Code::E266];

pub fn check(line: &LogicalLine, report: &mut Report) {
    let source = line.source();
    let mut previous_end: Option<usize> = None;
    for token in line.tokens() {
        match type_of(token) {
            Type::Comment => comment(source, token.start, token.end, previous_end, report),
            Type::Nl => {}
            _ => previous_end = Some(token.end),
        }
    }
}

fn comment(
    source: &str,
    start: usize,
    end: usize,
    previous_end: Option<usize>,
    report: &mut Report,
) {
    let row_start = source[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    // flake8 reads the file without its byte order mark.
    let before = source[row_start..start].trim_start_matches('\u{feff}');
    let inline = !before.trim().is_empty();
    if inline
        && let Some(previous_end) = previous_end
        && previous_end >= row_start
        && start < previous_end + 2
    {
        let message = "fewer than two spaces before an inline comment";
        report.push_bytes(Code::E261, message, previous_end..start);
    }
    let text = &source[start..end];
    let (symbol, comment) = text.split_once(' ').unwrap_or((text, ""));
    // The first character after the leading `#`s, `#` when there are only
    // `#`s; none for a plain `#` or `#:`.
    let bad_prefix = match symbol {
        "#" | "#:" => None,
        _ => Some(symbol.trim_start_matches('#').chars().next().unwrap_or('#')),
    };
    if inline {
        if bad_prefix.is_some() || comment.starts_with([' ', '\t', '\u{a0}']) {
            let message = "an inline comment should start with `# `";
            report.push_bytes(Code::E262, message, start..end);
        }
        return;
    }
    let first_row = row_start == 0;
    match bad_prefix {
        Some('!') if first_row => {}
        Some('#') if !comment.is_empty() => {
            let message = "a block comment should start with a single `#`";
            report.push_bytes(Code::E266, message, start..end);
        }
        Some('#') | None => {}
        Some(_) => {
            let message = "a block comment should start with `# `";
            report.push_bytes(Code::E265, message, start..end);
        }
    }
}
