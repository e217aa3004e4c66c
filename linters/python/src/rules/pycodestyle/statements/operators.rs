//! W503/W504: a line break before or after a binary operator, as
//! pycodestyle's token walk sees it: comments are skipped, a newline token
//! marks the break, and an operator right after `(`, `[`, `{`, `,`, `;` (or
//! an empty token such as a dedent) is taken as unary.

use super::{is_op, text};
use crate::codes::{Code, Report};
use crate::logical::{LogicalLine, Token, TokenKind};

pub fn check(line: &LogicalLine, report: &mut Report) {
    let mut line_break = false;
    let mut unary_context = true;
    let mut previous: Option<(bool, usize)> = None;
    for token in line.tokens() {
        if token.kind == TokenKind::Comment {
            continue;
        }
        let piece = text(line, token);
        if piece.contains(['\n', '\r']) && token.kind != TokenKind::String {
            line_break = true;
            continue;
        }
        let binary = is_binary(token, piece);
        let previous_binary = previous.is_some_and(|(binary, _)| binary);
        if line_break && !unary_context {
            if binary && !previous_binary {
                let at = token.start;
                report.push_bytes(Code::W503, "line break before binary operator", at..token.end);
            }
            if let Some((true, at)) = previous.filter(|_| !binary) {
                report.push_bytes(Code::W504, "line break after binary operator", at..at);
            }
        }
        // pycodestyle tests `text in '([{,;'`, which an empty text passes.
        unary_context = piece.is_empty() || matches!(piece, "(" | "[" | "{" | "," | ";");
        line_break = false;
        previous = Some((binary, token.start));
    }
}

/// An operator token that is not a delimiter, or `and`/`or`.
fn is_binary(token: &Token, piece: &str) -> bool {
    let op = is_op(token.kind) || matches!(piece, "and" | "or");
    op && !matches!(
        piece,
        "(" | ")" | "[" | "]" | "{" | "}" | "," | ":" | "." | ";" | "@" | "=" | "%" | "~" | "..."
    )
}
