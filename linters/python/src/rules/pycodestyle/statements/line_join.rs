//! E502: a backslash continuation inside brackets, where the line would
//! continue anyway. pycodestyle's token walk: a token that starts a new
//! row while a bracket is open, after a row that ends with `\` and holds no
//! comment, reports that backslash.

use super::super::physical::PhysicalLines;
use super::{is_op, text};
use crate::codes::{Code, Report};
use crate::logical::{LogicalLine, TokenKind};

pub fn check(line: &LogicalLine, physical: &PhysicalLines, report: &mut Report) {
    let mut previous_start = usize::MAX;
    let mut previous_end = usize::MAX;
    let mut depth = 0isize;
    let mut comment = false;
    // The offset of the backslash ending the row of the last token.
    let mut backslash: Option<usize> = None;
    for token in line.tokens() {
        let start_row = physical.row_of(token.start);
        let end_row = physical.end_row(token.start, token.end);
        if token.kind == TokenKind::Comment {
            comment = true;
        }
        if start_row != previous_start
            && depth != 0
            && !comment
            && let Some(at) = backslash
        {
            report.push_bytes(
                Code::E502,
                "redundant backslash: the line continues inside brackets",
                at..at + 1,
            );
        }
        if start_row != previous_start {
            comment = false;
        }
        if end_row == previous_end {
            previous_start = start_row;
        } else {
            let row = physical.get(end_row);
            backslash = row.ends_with('\\').then(|| {
                let row_start = physical.row_start(end_row);
                row_start + row.len() - 1
            });
            previous_start = end_row;
            previous_end = end_row;
        }
        if is_op(token.kind) {
            match text(line, token) {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth -= 1,
                _ => {}
            }
        }
    }
}
