//! E2: whitespace (E201–E275), pycodestyle 2.15's checks one for one.
//! Those pycodestyle writes as regexes over the logical line's text are
//! small scanners here that find what the regex finds, in the same order.

mod brackets;
mod comments;
mod keywords;
mod missing;
mod operators;
mod parameters;
mod tokens;

use super::Context;
use crate::codes::{Code, Report};
use crate::logical::{LogicalLine, LogicalLines};

pub const CODES: &[Code] = &[
    Code::E201,
    Code::E202,
    Code::E203,
    Code::E204,
    Code::E211,
    Code::E221,
    Code::E222,
    Code::E223,
    Code::E224,
    Code::E225,
    Code::E226,
    Code::E227,
    Code::E228,
    Code::E231,
    Code::E241,
    Code::E242,
    Code::E251,
    Code::E252,
    Code::E261,
    Code::E262,
    Code::E265,
    Code::E266,
    Code::E271,
    Code::E272,
    Code::E273,
    Code::E274,
    Code::E275,
];

type Check = fn(&LogicalLine, &mut Report);

const CHECKS: &[(&[Code], Check)] = &[
    (brackets::CODES, brackets::check),
    (brackets::COMMA_CODES, brackets::check_commas),
    (keywords::CODES, keywords::check),
    (keywords::AFTER_CODES, keywords::check_after),
    (operators::CODES, operators::check),
    (parameters::BEFORE_CODES, parameters::check_before),
    (parameters::EQUALS_CODES, parameters::check_equals),
    (comments::CODES, comments::check),
];

pub fn check(lines: &LogicalLines, _context: &Context, report: &mut Report) {
    let checks: Vec<Check> =
        CHECKS.iter().filter(|(codes, _)| report.any_enabled(codes)).map(|(_, c)| *c).collect();
    let missing = report.any_enabled(missing::CODES);
    let mut brackets = Vec::new();
    for line in lines.iter() {
        for check in &checks {
            check(&line, report);
        }
        if missing {
            missing::check(&line, &mut brackets, report);
        }
    }
}

/// Reports `len` bytes at `offset` in the line's text, at the place in the
/// file flake8 maps that offset to.
fn push_text(
    report: &mut Report,
    line: &LogicalLine,
    code: Code,
    message: impl Into<String>,
    offset: usize,
    len: usize,
) {
    let start = line.file_offset(offset);
    let end = line.file_offset(offset + len).max(start);
    report.push_bytes(code, message, start..end);
}

#[cfg(test)]
mod tests;
