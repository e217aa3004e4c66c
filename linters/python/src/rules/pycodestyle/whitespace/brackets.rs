//! Whitespace inside brackets and around punctuation, read from the
//! logical line's text: E201–E204 (pycodestyle's `extraneous_whitespace`)
//! and E241/E242 (`whitespace_around_comma`).

use super::push_text;
use super::tokens::is_space;
use crate::codes::{Code, Report};
use crate::logical::LogicalLine;

pub const CODES: &[Code] = &[Code::E201, Code::E202, Code::E203, Code::E204];
pub const COMMA_CODES: &[Code] = &[Code::E241, Code::E242];

/// E201–E203 as pycodestyle's regex `[\[({][ \t]|[ \t][\]}),;:](?!=)` finds
/// them: leftmost, without overlap (so in `( )` only the `(` counts), and
/// not before a `,`-preceded closer (`(1, )`); then E204.
pub fn check(line: &LogicalLine, report: &mut Report) {
    let text = line.text().as_bytes();
    let blank = |b: u8| b == b' ' || b == b'\t';
    let mut i = 0;
    while i + 1 < text.len() {
        let (here, next) = (text[i], text[i + 1]);
        if matches!(here, b'[' | b'(' | b'{') && blank(next) {
            if report.enabled(Code::E201) {
                let message = format!("whitespace after `{}`", here as char);
                push_text(report, line, Code::E201, message, i + 1, 1);
            }
            i += 2;
        } else if blank(here)
            && matches!(next, b']' | b'}' | b')' | b',' | b';' | b':')
            && text.get(i + 2) != Some(&b'=')
        {
            // Python's `line[found - 1]`: the last character when found is 0.
            let before = if i == 0 { text[text.len() - 1] } else { text[i - 1] };
            let code = if matches!(next, b']' | b'}' | b')') { Code::E202 } else { Code::E203 };
            if before != b',' && report.enabled(code) {
                let message = format!("whitespace before `{}`", next as char);
                push_text(report, line, code, message, i, 1);
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    if text.first() == Some(&b'@') && text.get(1).is_some_and(|b| is_space(*b)) {
        push_text(report, line, Code::E204, "whitespace after decorator `@`", 1, 1);
    }
}

/// E241/E242: pycodestyle's `[,;:]\s*(?:  |\t)`, which matches a run of
/// whitespace after the punctuation that holds a tab (E242) or else two
/// spaces in a row (E241).
pub fn check_commas(line: &LogicalLine, report: &mut Report) {
    let text = line.text().as_bytes();
    for (i, &punct) in text.iter().enumerate() {
        if !matches!(punct, b',' | b';' | b':') {
            continue;
        }
        let run = text[i + 1..].iter().take_while(|b| is_space(**b)).count();
        let space = &text[i + 1..i + 1 + run];
        let (code, what) = if space.contains(&b'\t') {
            (Code::E242, "tab")
        } else if space.windows(2).any(|pair| pair == b"  ") {
            (Code::E241, "multiple spaces")
        } else {
            continue;
        };
        if !report.enabled(code) {
            continue;
        }
        let message = format!("{what} after `{}`", punct as char);
        push_text(report, line, code, message, i + 1, run);
    }
}
