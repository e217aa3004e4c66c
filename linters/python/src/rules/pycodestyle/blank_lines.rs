//! E3: blank lines (E301–E306), pycodestyle's `blank_lines` check: two
//! blank lines around top-level definitions, one between methods, none
//! after a decorator, never more than two (one inside a block).
//!
//! pycodestyle decides from the logical line's text and blank-line counts,
//! and for one-liner groups and nested definitions from the raw physical
//! lines around it (comments and string bodies included); so does this.

use super::Context;
use super::physical::{PhysicalLines, first_word, is_space, strip};
use crate::codes::{Code, Report};
use crate::logical::{LogicalLine, LogicalLines, expand_indent};

pub const CODES: &[Code] =
    &[Code::E301, Code::E302, Code::E303, Code::E304, Code::E305, Code::E306];

const TOP_LEVEL: usize = 2;
const METHOD: usize = 1;

pub fn check(lines: &LogicalLines, _context: &Context, report: &mut Report) {
    let physical = PhysicalLines::new(lines.source);
    for line in lines.iter() {
        if let Some((code, message)) = blank_lines(&line, &physical) {
            let start = line.start();
            report.push_bytes(code, message, start..start);
        }
    }
}

fn blank_lines(line: &LogicalLine, physical: &PhysicalLines) -> Option<(Code, String)> {
    let text = line.text();
    let (blank_lines, blank_before) = (line.blank_lines(), line.blank_before());
    let indent_level = line.indent_level();
    let previous = line.previous_text();
    if previous.is_empty() && blank_before < TOP_LEVEL {
        // Nothing is expected before the first statement.
        return None;
    }
    if previous.starts_with('@') {
        return (blank_lines > 0)
            .then(|| (Code::E304, format!("blank line after a decorator ({blank_lines} found)")));
    }
    if blank_lines > TOP_LEVEL || (indent_level > 0 && blank_lines == METHOD + 1) {
        return Some((Code::E303, format!("too many blank lines ({blank_lines})")));
    }
    // The 1-based row flake8 is on when it checks the line: its last.
    let line_number = line
        .tokens()
        .last()
        .map_or(0, |token| physical.end_row(token.start, token.end))
        .min(physical.len().saturating_sub(1))
        + 1;
    if starts_top_level(text) {
        if blank_before == 0 && is_one_liner(indent_level, physical, line_number) {
            return None;
        }
        if indent_level == 0 {
            return (blank_before != TOP_LEVEL).then(|| {
                (
                    Code::E302,
                    format!("expected {TOP_LEVEL} blank lines before a top-level definition, found {blank_before}"),
                )
            });
        }
        if blank_before == METHOD
            || line.previous_indent_level() < indent_level
            || starts_with_docstring(previous)
        {
            return None;
        }
        if in_function(indent_level, physical, line_number) {
            return Some((
                Code::E306,
                format!("expected {METHOD} blank line before a nested definition, found 0"),
            ));
        }
        return Some((
            Code::E301,
            format!("expected {METHOD} blank line between methods, found 0"),
        ));
    }
    let after_definition = line
        .previous_unindented()
        .is_some_and(|l| l.text().starts_with("def ") || l.text().starts_with("class "));
    if !text.is_empty() && indent_level == 0 && blank_before != TOP_LEVEL && after_definition {
        return Some((
            Code::E305,
            format!(
                "expected {TOP_LEVEL} blank lines after a function or class, found {blank_before}"
            ),
        ));
    }
    None
}

/// pycodestyle's `^(async\s+def\s+|def\s+|class\s+|@)`.
fn starts_top_level(text: &str) -> bool {
    if text.starts_with('@') {
        return true;
    }
    if keyword_then_space(text, "def").is_some() || keyword_then_space(text, "class").is_some() {
        return true;
    }
    keyword_then_space(text, "async")
        .and_then(|rest| keyword_then_space(rest.trim_start_matches(is_space), "def"))
        .is_some()
}

/// `text` after `keyword` and at least one space.
fn keyword_then_space<'t>(text: &'t str, keyword: &str) -> Option<&'t str> {
    text.strip_prefix(keyword).filter(|rest| rest.starts_with(is_space))
}

/// pycodestyle's `^(async\s+def|def)\b`.
pub fn starts_def(text: &str) -> bool {
    match first_word(text) {
        "def" => true,
        "async" => {
            let rest = &text["async".len()..];
            let after = rest.trim_start_matches(is_space);
            after.len() < rest.len() && first_word(after) == "def"
        }
        _ => false,
    }
}

/// pycodestyle's `u?r?["']` at the start.
fn starts_with_docstring(text: &str) -> bool {
    let text = text.strip_prefix('u').unwrap_or(text);
    let text = text.strip_prefix('r').unwrap_or(text);
    text.starts_with(['"', '\''])
}

/// pycodestyle's `_is_one_liner`: the definition starting here (after its
/// decorators) is followed by nothing indented deeper than this line, so
/// it and its neighbours may go without blank lines. Read from the raw
/// physical lines, as pycodestyle does.
fn is_one_liner(indent_level: usize, physical: &PhysicalLines, line_number: usize) -> bool {
    let mut index = line_number - 1;
    let previous_indent = if index < 1 { 0 } else { expand_indent(physical.get(index - 1)) };
    if previous_indent > indent_level {
        return false;
    }
    loop {
        if index >= physical.len() {
            return false;
        }
        let row = strip(physical.get(index));
        if !row.starts_with('@') && starts_top_level(row) {
            break;
        }
        index += 1;
    }
    match (index + 1..physical.len()).find(|&i| !strip(physical.get(i)).is_empty()) {
        None => true,
        Some(next) => expand_indent(physical.get(next)) <= indent_level,
    }
}

/// Whether the nearest less indented physical line above, searching up to
/// the top level, starts a function (E306) rather than a class (E301).
fn in_function(indent_level: usize, physical: &PhysicalLines, line_number: usize) -> bool {
    let Some(from) = line_number.checked_sub(TOP_LEVEL) else { return false };
    let mut ancestor_level = indent_level;
    for index in (0..=from.min(physical.len().saturating_sub(1))).rev() {
        let row = physical.get(index);
        if strip(row).is_empty() {
            continue;
        }
        let level = expand_indent(row);
        if level < ancestor_level {
            ancestor_level = level;
            if starts_def(row.trim_start_matches(is_space)) {
                return true;
            }
            if ancestor_level == 0 {
                return false;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_starts_as_pycodestyle_matches_them() {
        assert!(starts_top_level("async  def f():"));
        assert!(starts_top_level("class\tC:"));
        assert!(starts_top_level("@property"));
        assert!(!starts_top_level("default = 1"));
        assert!(!starts_top_level("async with x:"));
        assert!(starts_def("def(x)"));
        assert!(starts_def("async def f"));
        assert!(!starts_def("define = 1"));
        assert!(!starts_def("asyncdef f"));
        assert!(starts_with_docstring("ur'''x'''"));
        assert!(!starts_with_docstring("b'x'"));
    }
}
