//! E4/E5/E7 and W5 on logical lines: E401, E502, E701–E704, E741–E743,
//! W503, W504, W505.

mod ambiguous;
mod compound;
mod line_join;
mod operators;

use super::Context;
use super::physical::PhysicalLines;
use crate::codes::{Code, Report};
use crate::logical::{LogicalLine, LogicalLines, Token, TokenKind};

pub const CODES: &[Code] = &[
    Code::E401,
    Code::E502,
    Code::E701,
    Code::E702,
    Code::E703,
    Code::E704,
    Code::E741,
    Code::E742,
    Code::E743,
    Code::W503,
    Code::W504,
    Code::W505,
];

pub fn check(lines: &LogicalLines, context: &Context, report: &mut Report) {
    let physical = report.enabled(Code::E502).then(|| PhysicalLines::new(lines.source));
    let compound = report.any_enabled(&[Code::E701, Code::E702, Code::E703, Code::E704]);
    let ambiguous = report.any_enabled(&[Code::E741, Code::E742, Code::E743]);
    let operators = report.any_enabled(&[Code::W503, Code::W504]);
    for line in lines.iter() {
        if report.enabled(Code::E401) {
            multiple_imports(&line, report);
        }
        if compound {
            compound::check(&line, report);
        }
        if let Some(physical) = &physical {
            line_join::check(&line, physical, report);
        }
        if ambiguous {
            ambiguous::check(&line, report);
        }
        if operators {
            operators::check(&line, report);
        }
    }
    if let Some(max) = context.max_doc_length.filter(|_| report.enabled(Code::W505)) {
        crate::lines::doc_lines_too_long(lines, max, report);
    }
}

/// E401: `import a, b` (not `from a import b, c`), unless a `;` ends the
/// import before the comma.
fn multiple_imports(line: &LogicalLine, report: &mut Report) {
    let text = line.text();
    if !text.starts_with("import ") {
        return;
    }
    if let Some(comma) = text.find(',').filter(|&comma| !text[..comma].contains(';')) {
        let at = line.file_offset(comma);
        report.push_bytes(Code::E401, "multiple imports on one line", at..at + 1);
    }
}

/// A token's text in the file.
fn text<'a>(line: &LogicalLine<'a>, token: &Token) -> &'a str {
    line.source().get(token.range()).unwrap_or("")
}

/// What Python's tokenizer calls an `OP` token: operators and delimiters,
/// not the operator keywords.
fn is_op(kind: TokenKind) -> bool {
    kind.is_operator()
        && !matches!(
            kind,
            TokenKind::And | TokenKind::Or | TokenKind::Not | TokenKind::In | TokenKind::Is
        )
}
