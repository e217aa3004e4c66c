//! W191 and E101: tabs in the indentation of a physical line.
//!
//! flake8 runs these per physical line, but only on the lines it sees end:
//! a row ending in a newline token, a row whose last token is followed by
//! a backslash continuation, and every row of a multi-line string but its
//! last (that one ends with the tokens after the string). A row holding
//! only a backslash, or one that closes a string and then continues with a
//! backslash, is never looked at; the same holds here.

use super::rows::Rows;
use crate::codes::{Code, Report};
use crate::logical::{LogicalLines, Token, TokenKind};

pub const CODES: &[Code] = &[Code::W191, Code::E101];

pub fn check(lines: &LogicalLines, rows: &Rows, report: &mut Report) {
    let source = lines.source;
    let mut last_checked = None;
    let mut check_row = |row: usize, report: &mut Report| {
        if last_checked.is_some_and(|last| last >= row) {
            return;
        }
        last_checked = Some(row);
        check_indent(rows, row, lines.indent_char, report);
    };
    for token in lines.all_tokens() {
        match token.kind {
            TokenKind::Newline | TokenKind::NonLogicalNewline => {
                check_row(rows.row_of(token.start), report);
            }
            _ if is_multiline(source, token) => {
                for row in rows.row_of(token.start)..rows.row_of(token.end) {
                    check_row(row, report);
                }
            }
            _ if continues_with_backslash(source, token.end) => {
                check_row(rows.row_of(token.start), report);
            }
            _ => {}
        }
    }
}

fn is_multiline(source: &str, token: &Token) -> bool {
    token.kind == TokenKind::String && source[token.range()].contains(['\n', '\r'])
}

/// Whether the rest of the row after `end` is whitespace, a backslash and
/// the line break.
fn continues_with_backslash(source: &str, end: usize) -> bool {
    // Python's `str.lstrip()`, short of the line break itself.
    let space =
        |c: char| matches!(c, '\x1c'..='\x1f') || (c.is_whitespace() && !matches!(c, '\n' | '\r'));
    let rest = source[end..].trim_start_matches(space);
    rest.starts_with("\\\n") || rest.starts_with("\\\r")
}

fn check_indent(rows: &Rows, row: usize, indent_char: Option<char>, report: &mut Report) {
    let text = rows.text(row);
    let indent = &text[..text.len() - text.trim_start_matches([' ', '\t']).len()];
    let start = rows.start(row);
    let range = |at: usize| start + at..start + indent.len();
    if let Some(tab) = indent.find('\t') {
        report.push_bytes(Code::W191, "indentation contains a tab", range(tab));
    }
    if let Some(other) = indent.find(|c| Some(c) != indent_char) {
        report.push_bytes(Code::E101, "indentation mixes tabs and spaces", range(other));
    }
}
