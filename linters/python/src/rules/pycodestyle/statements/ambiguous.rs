//! E742/E743 (and pycodestyle's E741): `l`, `O` or `I` as the name of a
//! class, a function or a variable, found by pycodestyle's token walk over
//! the logical line: a name right before `=` (outside brackets) or `:=`,
//! after `as`, `for`, `global` or `nonlocal`, a parameter of a `def` or
//! `lambda`, or right after `class`/`def`.

use super::text;
use crate::codes::{Code, Report};
use crate::logical::LogicalLine;

fn is_ambiguous(name: &str) -> bool {
    matches!(name, "l" | "O" | "I")
}

pub fn check(line: &LogicalLine, report: &mut Report) {
    let tokens = line.tokens();
    let Some(first) = tokens.first() else { return };
    // Bracket depth at the `def`/`lambda` whose parameters are being read.
    let mut function_depth: Option<isize> = None;
    let mut seen_colon = false;
    let mut depth: isize = 0;
    let mut previous = (text(line, first), first.start);
    for (index, token) in tokens.iter().enumerate().skip(1) {
        let piece = text(line, token);
        let (previous_text, previous_start) = previous;
        let mut found = None;
        if matches!(previous_text, "def" | "lambda") {
            function_depth = Some(depth);
            seen_colon = false;
        } else if function_depth == Some(depth) && piece == ":" {
            seen_colon = true;
        }
        // pycodestyle tests `text in '([{'`, which an empty text passes.
        if piece.is_empty() || matches!(piece, "(" | "[" | "{") {
            depth += 1;
        } else if matches!(piece, ")" | "]" | "}") {
            depth -= 1;
        }
        if (piece == ":=" || (piece == "=" && depth == 0)) && is_ambiguous(previous_text) {
            found = Some((previous_text, previous_start));
        }
        if matches!(previous_text, "as" | "for" | "global" | "nonlocal") && is_ambiguous(piece) {
            found = Some((piece, token.start));
        }
        let next_ends_parameter = tokens
            .get(index + 1)
            .is_some_and(|next| matches!(text(line, next), "" | ":" | "," | "=" | ")"));
        if function_depth.is_some()
            && !seen_colon
            && next_ends_parameter
            && matches!(previous_text, "lambda" | "," | "*" | "**" | "(")
            && is_ambiguous(piece)
        {
            found = Some((piece, token.start));
        }
        let name_range = token.start..token.end;
        if previous_text == "class" && is_ambiguous(piece) {
            report.push_bytes(Code::E742, format!("ambiguous class name: `{piece}`"), name_range);
        } else if previous_text == "def" && is_ambiguous(piece) {
            report.push_bytes(
                Code::E743,
                format!("ambiguous function name: `{piece}`"),
                name_range,
            );
        }
        if let Some((name, at)) = found {
            report.push_bytes(
                Code::E741,
                format!("ambiguous variable name: `{name}`"),
                at..at + name.len(),
            );
        }
        previous = (piece, token.start);
    }
}
