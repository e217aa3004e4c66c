//! Whitespace at calls, subscripts and parameters: E211 (pycodestyle's
//! `whitespace_before_parameters`) and E251/E252
//! (`whitespace_around_named_parameter_equals`).

use super::tokens::{Type, is_keyword, is_soft_keyword, is_space, is_word, type_of};
use crate::codes::{Code, Report};
use crate::logical::LogicalLine;

pub const BEFORE_CODES: &[Code] = &[Code::E211];
pub const EQUALS_CODES: &[Code] = &[Code::E251, Code::E252];

/// E211: space between a name or a closing bracket and the `(` or `[`
/// after it, except after a keyword (`return (x)`), a soft keyword
/// (`match (x)`) and a class name (`class A (B):`).
pub fn check_before(line: &LogicalLine, report: &mut Report) {
    let source = line.source();
    let tokens = line.tokens();
    for index in 1..tokens.len() {
        let (previous, token) = (&tokens[index - 1], &tokens[index]);
        let text = &source[token.range()];
        if !(matches!(text, "(" | "[") && type_of(token) == Type::Op) || token.start == previous.end
        {
            continue;
        }
        let previous_text = &source[previous.range()];
        let after_operand = match type_of(previous) {
            Type::Name => !is_keyword(previous_text) && !is_soft_keyword(previous_text),
            Type::Op => matches!(previous_text, "}" | "]" | ")"),
            _ => false,
        };
        let class_name = index >= 2 && &source[tokens[index - 2].range()] == "class";
        if after_operand && !class_name {
            let message = format!("whitespace before `{text}`");
            report.push_bytes(Code::E211, message, previous.end..token.start);
        }
    }
}

/// E251: space around the `=` of a keyword argument or an unannotated
/// default; E252: no space around the `=` of an annotated default or a
/// type parameter's default.
pub fn check_equals(line: &LogicalLine, report: &mut Report) {
    let source = line.source();
    let text = line.text().as_bytes();
    let in_def = starts_def(text).is_some();
    let in_generic = starts_generic(text);
    // pycodestyle keeps a stack of `(` and `[` but only ever asks whether
    // it is exactly one `(` or one `[`: its depth and first bracket do.
    let (mut depth, mut first) = (0usize, b'(');
    let (mut no_space, mut require_space, mut annotated) = (false, false, false);
    let mut previous_end: Option<usize> = None;
    for token in line.tokens() {
        let kind = type_of(token);
        if kind == Type::Nl {
            continue;
        }
        let spaced = previous_end != Some(token.start);
        if no_space {
            no_space = false;
            if spaced {
                unexpected(report, previous_end);
            }
        }
        if require_space {
            require_space = false;
            if !spaced {
                missing(report, previous_end);
            }
        }
        if kind == Type::Op {
            let text = &source[token.range()];
            match text {
                "(" | "[" => {
                    if depth == 0 {
                        first = text.as_bytes()[0];
                    }
                    depth += 1;
                }
                ")" | "]" if depth > 0 => depth -= 1,
                ":" if in_def && depth == 1 && first == b'(' => annotated = true,
                "," if depth == 1 => annotated = false,
                "=" if depth > 0 => {
                    let single = |bracket| depth == 1 && first == bracket;
                    if (in_generic && single(b'[')) || (annotated && single(b'(')) {
                        require_space = true;
                        if !spaced {
                            missing(report, previous_end);
                        }
                    } else {
                        no_space = true;
                        if spaced {
                            unexpected(report, previous_end);
                        }
                    }
                }
                _ => {}
            }
            if depth == 0 {
                annotated = false;
            }
        }
        previous_end = Some(token.end);
    }
}

fn unexpected(report: &mut Report, at: Option<usize>) {
    let at = at.unwrap_or(0);
    let message = "spaces around the `=` of a keyword argument or default";
    report.push_bytes(Code::E251, message, at..at);
}

fn missing(report: &mut Report, at: Option<usize>) {
    let at = at.unwrap_or(0);
    report.push_bytes(Code::E252, "no spaces around the `=` of an annotated default", at..at);
}

/// pycodestyle's `^(async\s+def|def)\b`: the offset after `def`.
fn starts_def(text: &[u8]) -> Option<usize> {
    let rest = match text.strip_prefix(b"async") {
        Some(rest) if rest.first().is_some_and(|b| is_space(*b)) => {
            let spaces = rest.iter().take_while(|b| is_space(**b)).count();
            text.len() - rest.len() + spaces
        }
        _ => 0,
    };
    let end = rest + 3;
    let boundary = text.get(end).is_none_or(|b| !is_word(*b));
    (text[rest..].starts_with(b"def") && boundary).then_some(end)
}

/// pycodestyle's `^(async\s+def|def|class|type)\s+\w+\[`.
fn starts_generic(text: &[u8]) -> bool {
    let keyword_end = starts_def(text).or_else(|| {
        [b"class".as_slice(), b"type"].iter().find(|k| text.starts_with(k)).map(|k| k.len())
    });
    let Some(end) = keyword_end else { return false };
    let spaces = text[end..].iter().take_while(|b| is_space(**b)).count();
    let name = text[end + spaces..].iter().take_while(|b| is_word(**b)).count();
    spaces > 0 && name > 0 && text.get(end + spaces + name) == Some(&b'[')
}
