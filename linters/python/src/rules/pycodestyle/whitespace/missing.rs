//! Missing whitespace around operators and after punctuation: E225–E228
//! and E231, one pass over the tokens as pycodestyle's `missing_whitespace`.

use super::tokens::{Type, is_pycodestyle_keyword, is_skipped, is_soft_keyword, type_of};
use crate::codes::{Code, Report};
use crate::logical::LogicalLine;

pub const CODES: &[Code] = &[Code::E225, Code::E226, Code::E227, Code::E228, Code::E231];

/// What the operator before the current token asks of the space after it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Nothing,
    /// A binary operator that must be surrounded by spaces.
    Space,
    /// An operator whose space is optional but must be the same on both
    /// sides: where its left operand ends, and whether a space follows it.
    Balanced {
        at: usize,
        spaced_before: bool,
    },
}

fn needs_space(operator: &str) -> bool {
    matches!(
        operator,
        "**="
            | "*="
            | "/="
            | "//="
            | "+="
            | "-="
            | "!="
            | "<"
            | ">"
            | "%="
            | "^="
            | "&="
            | "|="
            | "=="
            | "<="
            | ">="
            | "<<="
            | ">>="
            | "="
            | "and"
            | "in"
            | "is"
            | "or"
            | "->"
            | ":="
    )
}

fn is_unary(operator: &str) -> bool {
    matches!(operator, ">>" | "**" | "*" | "+" | "-")
}

fn is_arithmetic(operator: &str) -> bool {
    matches!(operator, "**" | "*" | "/" | "//" | "+" | "-" | "@")
}

fn is_optional(operator: &str) -> bool {
    is_arithmetic(operator) || matches!(operator, "^" | "&" | "|" | "<<" | ">>" | "%")
}

/// `brackets`: a stack reused across lines (`(`, `[`, `{` and `l` for a
/// lambda up to its colon).
pub fn check(line: &LogicalLine, brackets: &mut Vec<u8>, report: &mut Report) {
    let source = line.source();
    brackets.clear();
    let e231 = report.enabled(Code::E231);
    let mut need = Need::Nothing;
    // The previous token that is not skipped: type, text, end.
    let mut previous: Option<(Type, &str, usize)> = None;
    for token in line.tokens() {
        let kind = type_of(token);
        let text = &source[token.range()];
        match (kind, text) {
            (Type::Op, "(" | "[" | "{") => brackets.push(text.as_bytes()[0]),
            (Type::Name, "lambda") => brackets.push(b'l'),
            (Type::Op, ")" | "]" | "}") => {
                brackets.pop();
            }
            (Type::Op, ":") if brackets.last() == Some(&b'l') => {
                brackets.pop();
            }
            _ => {}
        }
        if is_skipped(kind) {
            continue;
        }
        if e231 && kind == Type::Op && matches!(text, "," | ";" | ":") {
            missing_after_punctuation(source, token.start, token.end, text, brackets, report);
        }
        let start = token.start;
        if need != Need::Nothing {
            let (_, previous_text, previous_end) = previous.unwrap_or((Type::Op, "", 0));
            if start != previous_end {
                // A space after the operator: fine if there was one before.
                if let Need::Balanced { at, spaced_before: false } = need {
                    missing_around(report, Code::E225, at);
                }
                need = Need::Nothing;
            } else if (previous_text == "/" && matches!(text, "," | ")" | ":"))
                || (previous_text == ")" && text == ":")
            {
                // The positional-only marker: `def f(a, /):`.
            } else {
                match need {
                    Need::Space | Need::Balanced { spaced_before: true, .. } => {
                        missing_around(report, Code::E225, previous_end);
                    }
                    Need::Balanced { at, .. } if previous_text != "**" => {
                        let code = match previous_text {
                            "%" => Code::E228,
                            _ if is_arithmetic(previous_text) => Code::E226,
                            _ => Code::E227,
                        };
                        missing_around(report, code, at);
                    }
                    _ => {}
                }
                need = Need::Nothing;
            }
        } else if let Some((previous_kind, previous_text, previous_end)) = previous
            && matches!(kind, Type::Op | Type::Name)
        {
            let keyword_argument =
                text == "=" && matches!(brackets.last(), Some(b'l') | Some(b'('));
            let mut balanced = false;
            if keyword_argument {
            } else if needs_space(text) {
                need = Need::Space;
            } else if is_unary(text) {
                // Binary after an operand: `a - b`, `f() * 2`, not `(-1)`,
                // `return -1` or `f(*args)`.
                balanced = if previous_kind == Type::Op {
                    matches!(previous_text, "}" | "]" | ")")
                } else {
                    !is_pycodestyle_keyword(previous_text) && !is_soft_keyword(previous_text)
                };
            } else if is_optional(text) {
                balanced = true;
            }
            if balanced {
                need = Need::Balanced { at: previous_end, spaced_before: start != previous_end };
            } else if need == Need::Space && start == previous_end {
                missing_around(report, Code::E225, previous_end);
                need = Need::Nothing;
            }
        }
        previous = Some((kind, text, token.end));
    }
}

fn missing_around(report: &mut Report, code: Code, at: usize) {
    let message = match code {
        Code::E225 => "missing whitespace around operator",
        Code::E226 => "missing whitespace around arithmetic operator",
        Code::E227 => "missing whitespace around bitwise or shift operator",
        _ => "missing whitespace around modulo operator",
    };
    report.push_bytes(code, message, at..at);
}

/// E231: `,`, `;` or `:` followed on its row by something other than
/// whitespace, except a slice's colon and a comma before `)` or `]`.
fn missing_after_punctuation(
    source: &str,
    start: usize,
    end: usize,
    punct: &str,
    brackets: &[u8],
    report: &mut Report,
) {
    let Some(next) = source[end..].chars().next() else { return };
    if matches!(next, ' ' | '\t' | '\u{a0}' | '\r' | '\n')
        || (punct == ":" && brackets.last() == Some(&b'['))
        || (punct == "," && matches!(next, ')' | ']'))
    {
        return;
    }
    report.push_bytes(Code::E231, format!("missing whitespace after `{punct}`"), start..end);
}
