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
    let rows = Rows::new(&physical);
    for line in lines.iter() {
        if let Some((code, message)) = blank_lines(&line, &physical, &rows) {
            let start = line.start();
            report.push_bytes(code, message, start..start);
        }
    }
}

fn blank_lines(
    line: &LogicalLine,
    physical: &PhysicalLines,
    rows: &Rows,
) -> Option<(Code, String)> {
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
        if blank_before == 0 && is_one_liner(indent_level, rows, line_number) {
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
        if in_function(indent_level, rows, line_number) {
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

/// What pycodestyle reads of the physical lines, per line, so that its
/// scans up and down the file become lookups (pycodestyle's own scans are
/// quadratic on a long class of methods without blank lines).
struct Rows {
    /// `expand_indent` of each line.
    indent: Vec<usize>,
    blank: Vec<bool>,
    /// The line starts with `def` or `async def` after its indentation.
    function: Vec<bool>,
    /// The nearest line above that is not blank and is less indented.
    parent: Vec<Option<usize>>,
    /// The first definition line at or after each line.
    next_definition: Vec<Option<usize>>,
    /// The first non-blank line after each line.
    next_text: Vec<Option<usize>>,
}

impl Rows {
    fn new(physical: &PhysicalLines) -> Rows {
        let n = physical.len();
        let (mut indent, mut blank) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut definition, mut function) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for row in 0..n {
            let text = physical.get(row);
            let stripped = strip(text);
            indent.push(expand_indent(text));
            blank.push(stripped.is_empty());
            definition.push(!stripped.starts_with('@') && starts_top_level(stripped));
            function.push(starts_def(text.trim_start_matches(is_space)));
        }
        // A stack of (indent, line) with indents strictly increasing.
        let mut parent = vec![None; n];
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for row in (0..n).filter(|&row| !blank[row]) {
            while stack.last().is_some_and(|&(level, _)| level >= indent[row]) {
                stack.pop();
            }
            parent[row] = stack.last().map(|&(_, line)| line);
            stack.push((indent[row], row));
        }
        let (mut next_definition, mut next_text) = (vec![None; n], vec![None; n]);
        let (mut definition_at, mut text_at) = (None, None);
        for row in (0..n).rev() {
            next_text[row] = text_at;
            if !blank[row] {
                text_at = Some(row);
            }
            // A definition line: not a decorator, once stripped.
            if definition[row] {
                definition_at = Some(row);
            }
            next_definition[row] = definition_at;
        }
        Rows { indent, blank, function, parent, next_definition, next_text }
    }

    fn indent(&self, row: usize) -> usize {
        self.indent.get(row).copied().unwrap_or(0)
    }
}

/// pycodestyle's `_is_one_liner`: the definition starting here (after its
/// decorators) is followed by nothing indented deeper than this line, so
/// it and its neighbours may go without blank lines. Read from the raw
/// physical lines, from the line's last row on, as pycodestyle does.
fn is_one_liner(indent_level: usize, rows: &Rows, line_number: usize) -> bool {
    let index = line_number - 1;
    let previous_indent = if index < 1 { 0 } else { rows.indent(index - 1) };
    if previous_indent > indent_level {
        return false;
    }
    let Some(found) = rows.next_definition.get(index).copied().flatten() else {
        // The end of the file while looking for the definition.
        return false;
    };
    match rows.next_text[found] {
        None => true,
        Some(next) => rows.indent(next) <= indent_level,
    }
}

/// Whether the nearest less indented physical line above, searching up to
/// the top level, starts a function (E306) rather than a class (E301).
fn in_function(indent_level: usize, rows: &Rows, line_number: usize) -> bool {
    let Some(from) = line_number.checked_sub(TOP_LEVEL) else { return false };
    // The nearest non-blank line at or above `from`, then up its parents
    // to the first one less indented than the definition.
    let Some(mut row) =
        (0..=from.min(rows.blank.len().saturating_sub(1))).rev().find(|&row| !rows.blank[row])
    else {
        return false;
    };
    loop {
        if rows.indent(row) < indent_level {
            break;
        }
        match rows.parent[row] {
            Some(parent) => row = parent,
            None => return false,
        }
    }
    // Each less indented ancestor in turn, until a function or the top.
    loop {
        if rows.function[row] {
            return true;
        }
        if rows.indent(row) == 0 {
            return false;
        }
        match rows.parent[row] {
            Some(parent) => row = parent,
            None => return false,
        }
    }
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
