//! E111–E117: the indentation of each logical line against the previous
//! one (pycodestyle's `indentation`); comment-only lines get E114–E116.

use super::super::Context;
use crate::codes::{Code, Report};
use crate::logical::LogicalLines;

pub const CODES: &[Code] =
    &[Code::E111, Code::E112, Code::E113, Code::E114, Code::E115, Code::E116, Code::E117];

pub fn check(lines: &LogicalLines, context: &Context, report: &mut Report) {
    let size = context.indent_size;
    // pycodestyle expects one tab (eight columns) per level in a file
    // indented with tabs, whatever `indent-size` says.
    let expected_step = if lines.indent_char == Some('\t') { 8 } else { 4 };
    for line in lines.iter() {
        let comment = line.is_comment_only();
        let (level, previous) = (line.indent_level(), line.previous_indent_level());
        let at = line.start();
        let end = line.tokens().iter().find(|t| t.start >= at).map_or(at, |t| t.end);
        let mut push = |code: Code, what: &str| {
            let message = if comment { format!("{what} (comment)") } else { what.to_string() };
            report.push_bytes(code, message, at..end);
        };
        if size != 0 && level % size != 0 {
            let code = if comment { Code::E114 } else { Code::E111 };
            push(code, &format!("indentation is not a multiple of {size}"));
        }
        let opens_block = line.previous_text().ends_with(':');
        if opens_block && level <= previous {
            push(if comment { Code::E115 } else { Code::E112 }, "expected an indented block");
        } else if !opens_block && level > previous {
            push(if comment { Code::E116 } else { Code::E113 }, "unexpected indentation");
        }
        if opens_block && level > previous + expected_step {
            push(Code::E117, "over-indented");
        }
    }
}
