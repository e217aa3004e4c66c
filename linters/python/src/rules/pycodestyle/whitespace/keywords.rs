//! Whitespace around keywords: E271–E274 on the logical line's text
//! (pycodestyle's `whitespace_around_keywords`) and E275 on its tokens
//! (`missing_whitespace_after_keyword`).

use super::push_text;
use super::tokens::{
    Type, is_keyword, is_pycodestyle_keyword, is_singleton, is_space, is_word, type_of,
};
use crate::codes::{Code, Report};
use crate::logical::LogicalLine;

pub const CODES: &[Code] = &[Code::E271, Code::E272, Code::E273, Code::E274];
pub const AFTER_CODES: &[Code] = &[Code::E275];

/// pycodestyle's regex `(\s*)\b(?:KEYWORDS)\b(\s*)`, found leftmost and
/// without overlap: a keyword is a whole word, the space before it is the
/// run back to the previous word or the previous match's end (so between
/// two keywords it counts only as the first one's space after).
pub fn check(line: &LogicalLine, report: &mut Report) {
    let text = line.text().as_bytes();
    let mut matched_to = 0;
    let mut i = 0;
    while i < text.len() {
        if !is_word(text[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && is_word(text[i]) {
            i += 1;
        }
        // Words are ASCII bytes or identifier characters: a valid slice.
        let word = std::str::from_utf8(&text[start..i]).unwrap_or("");
        if !is_pycodestyle_keyword(word) {
            continue;
        }
        let before_start =
            start - text[matched_to..start].iter().rev().take_while(|b| is_space(**b)).count();
        let after = text[i..].iter().take_while(|b| is_space(**b)).count();
        let before = &text[before_start..start];
        if before.contains(&b'\t') {
            push_text(report, line, Code::E274, "tab before keyword", before_start, before.len());
        } else if before.len() > 1 {
            let message = "multiple spaces before keyword";
            push_text(report, line, Code::E272, message, before_start, before.len());
        }
        let spaces = &text[i..i + after];
        if spaces.contains(&b'\t') {
            push_text(report, line, Code::E273, "tab after keyword", i, after);
        } else if after > 1 {
            push_text(report, line, Code::E271, "multiple spaces after keyword", i, after);
        }
        i += after;
        matched_to = i;
    }
}

/// E275: a keyword (not `True`, `False`, `None`) touching the next token,
/// except `except*`, `yield)`, a colon or the end of the line.
pub fn check_after(line: &LogicalLine, report: &mut Report) {
    let source = line.source();
    for pair in line.tokens().windows(2) {
        let (keyword, next) = (&pair[0], &pair[1]);
        if keyword.end != next.start || type_of(keyword) != Type::Name {
            continue;
        }
        let (name, following) = (&source[keyword.range()], &source[next.range()]);
        let exempt = match (name, following) {
            ("except", "*") | ("yield", ")") | (_, "" | ":") => true,
            _ => matches!(type_of(next), Type::Newline | Type::Nl | Type::Dedent),
        };
        if is_keyword(name) && !is_singleton(name) && !exempt {
            let end = keyword.end;
            report.push_bytes(Code::E275, "missing whitespace after keyword", end..end);
        }
    }
}
