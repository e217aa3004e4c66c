//! Whitespace around operators: E221–E224 on the logical line's text
//! (pycodestyle's `whitespace_around_operator`).

use super::push_text;
use super::tokens::is_space;
use crate::codes::{Code, Report};
use crate::logical::LogicalLine;

pub const CODES: &[Code] = &[Code::E221, Code::E222, Code::E223, Code::E224];

fn is_operator_char(byte: u8) -> bool {
    matches!(
        byte,
        b'-' | b'+' | b'*' | b'/' | b'|' | b'!' | b'<' | b'=' | b'>' | b'%' | b'&' | b'^'
    )
}

/// pycodestyle's regex `[^,\s](\s*)(?:[-+*/|!<=>%&^]+|:=)(\s*)`, found
/// leftmost and without overlap: an operator is a run of operator
/// characters (`=-` is one), and what precedes it must not be a comma.
pub fn check(line: &LogicalLine, report: &mut Report) {
    let text = line.text().as_bytes();
    let space_run = |from: usize| text[from..].iter().take_while(|b| is_space(**b)).count();
    let mut i = 0;
    while i < text.len() {
        if text[i] == b',' || is_space(text[i]) {
            i += 1;
            continue;
        }
        let before = i + 1;
        let operator = before + space_run(before);
        let operator_len = match text.get(operator) {
            Some(b) if is_operator_char(*b) => {
                text[operator..].iter().take_while(|b| is_operator_char(**b)).count()
            }
            Some(b':') if text.get(operator + 1) == Some(&b'=') => 2,
            _ => {
                i += 1;
                continue;
            }
        };
        let after = operator + operator_len;
        let end = after + space_run(after);
        let before_messages = ["tab before operator", "multiple spaces before operator"];
        report_space(line, report, before, operator, [Code::E223, Code::E221], before_messages);
        let after_messages = ["tab after operator", "multiple spaces after operator"];
        report_space(line, report, after, end, [Code::E224, Code::E222], after_messages);
        i = end;
    }
}

/// `codes` and `messages`: for a tab, then for multiple spaces.
fn report_space(
    line: &LogicalLine,
    report: &mut Report,
    start: usize,
    end: usize,
    [tab, spaces]: [Code; 2],
    [tab_message, spaces_message]: [&'static str; 2],
) {
    let space = &line.text().as_bytes()[start..end];
    if space.contains(&b'\t') {
        push_text(report, line, tab, tab_message, start, end - start);
    } else if space.len() > 1 {
        push_text(report, line, spaces, spaces_message, start, end - start);
    }
}
