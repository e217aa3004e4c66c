//! D200–D213: white space in and around docstrings, as pydocstyle checks
//! it. Each finding is reported at the docstring; the comment on each check
//! says what a fix would edit.

use super::definitions::Definition;
use super::docstring::{Docstring, is_blank, leading_space, py_strip};
use crate::codes::{Code, Report};

pub fn check(definition: &Definition, doc: &Docstring, report: &mut Report) {
    let range = doc.range;
    let lines: Vec<&str> = doc.value_lines().collect();
    // D200 (fix: join the lines between the quotes): one line of text on
    // several lines.
    if lines.len() > 1 && lines.iter().filter(|l| !is_blank(l)).count() == 1 {
        report.push(Code::D200, "one-line docstring should fit on one line", range);
    }
    if definition.is_function() {
        around_function(doc, report);
    }
    if definition.is_class() {
        around_class(doc, report);
    }
    // D205 (fix: insert or remove lines after the summary line).
    let stripped: Vec<&str> = py_strip(&doc.value).split('\n').collect();
    if stripped.len() > 1 {
        let blanks = stripped[1..].iter().take_while(|l| is_blank(l)).count();
        if blanks != 1 {
            report.push(
                Code::D205,
                "1 blank line required between summary line and description",
                range,
            );
        }
    }
    indentation(doc, report);
    // D209 (fix: put the closing quotes on a line of their own).
    let text_lines = lines.iter().filter(|l| !is_blank(l)).count();
    if text_lines > 1 {
        let last = doc.raw_lines().next_back().unwrap_or_default().trim();
        if last != r#"""""# && last != "'''" {
            report.push(
                Code::D209,
                "multi-line docstring closing quotes should be on a separate line",
                range,
            );
        }
    }
    // D210 (fix: remove the spaces next to the quotes).
    if lines[0].starts_with(' ') || (lines.len() == 1 && lines[0].ends_with(' ')) {
        report.push(Code::D210, "no whitespaces allowed surrounding docstring text", range);
    }
    // D212/D213 (fix: move the summary up to the quotes, or down).
    if lines.len() > 1 {
        let first = doc.raw_lines().next().unwrap_or_default().trim().to_lowercase();
        let quotes_alone = ["", "u", "r", "ur"]
            .iter()
            .any(|prefix| [r#"""""#, "'''"].iter().any(|q| first == format!("{prefix}{q}")));
        if quotes_alone {
            report.push(
                Code::D212,
                "multi-line docstring summary should start at the first line",
                range,
            );
        } else {
            report.push(
                Code::D213,
                "multi-line docstring summary should start at the second line",
                range,
            );
        }
    }
}

/// Blank lines right above the docstring (down to the `def`/`class` line)
/// and right below it (within the definition).
fn blanks_around(doc: &Docstring) -> (usize, usize, bool) {
    let above: Vec<&str> = doc.before.split('\n').collect();
    let above = &above[..above.len() - 1];
    let before = above.iter().rev().take_while(|l| is_blank(l)).count();
    let below: Vec<&str> = doc.after.split('\n').skip(1).collect();
    let after = below.iter().take_while(|l| is_blank(l)).count();
    let only_blanks_below = below.iter().all(|l| is_blank(l));
    (before, after, only_blanks_below)
}

/// D201/D202 (fix: delete the blank lines).
fn around_function(doc: &Docstring, report: &mut Report) {
    let (before, after, only_blanks_below) = blanks_around(doc);
    if before != 0 {
        report.push(
            Code::D201,
            format!("no blank lines allowed before function docstring (found {before})"),
            doc.range,
        );
    }
    // One blank line before an inner function or class is allowed.
    if !only_blanks_below && after != 0 && !(after == 1 && inner_definition_follows(doc.after)) {
        report.push(
            Code::D202,
            format!("no blank lines allowed after function docstring (found {after})"),
            doc.range,
        );
    }
}

/// `re.match(r"\s+(?:(?:class|def|async def)\s|@)", after)`.
fn inner_definition_follows(after: &str) -> bool {
    let code = after.trim_start_matches(super::docstring::is_py_space);
    if code.len() == after.len() {
        return false;
    }
    let keyword = |word: &str| {
        code.strip_prefix(word)
            .and_then(|rest| rest.chars().next())
            .is_some_and(super::docstring::is_py_space)
    };
    code.starts_with('@') || keyword("class") || keyword("def") || keyword("async def")
}

/// D203/D204/D211 (fix: insert or delete blank lines).
fn around_class(doc: &Docstring, report: &mut Report) {
    let (before, after, only_blanks_below) = blanks_around(doc);
    if before != 0 {
        report.push(
            Code::D211,
            format!("no blank lines allowed before class docstring (found {before})"),
            doc.range,
        );
    }
    if before != 1 {
        report.push(
            Code::D203,
            format!("1 blank line required before class docstring (found {before})"),
            doc.range,
        );
    }
    if !only_blanks_below && after != 1 {
        report.push(
            Code::D204,
            format!("1 blank line required after class docstring (found {after})"),
            doc.range,
        );
    }
}

/// D206/D207/D208 (fix: re-indent the lines). The lines after the first
/// (and not continuing a line that ends with `\`) are compared with the
/// text before the opening quotes, as strings, as pydocstyle compares them.
fn indentation(doc: &Docstring, report: &mut Report) {
    let lines: Vec<&str> = doc.raw_lines().collect();
    if lines.len() < 2 {
        return;
    }
    let indents: Vec<&str> = (1..lines.len())
        .filter(|&i| !lines[i - 1].ends_with('\\'))
        .map(|i| lines[i])
        .filter(|line| !is_blank(line))
        .map(leading_space)
        .collect();
    let indent = doc.indent;
    let mut chars: Vec<char> =
        indents.iter().flat_map(|i| i.chars()).chain(indent.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    if chars == ['\t', ' '] {
        report.push(Code::D206, "docstring should be indented with spaces, not tabs", doc.range);
    }
    let over = (indents.len() > 1
        && indents[..indents.len() - 1].iter().min().is_some_and(|m| *m > indent))
        || indents.last().is_some_and(|last| *last > indent);
    if over {
        report.push(Code::D208, "docstring is over-indented", doc.range);
    }
    if indents.iter().min().is_some_and(|m| *m < indent) {
        report.push(Code::D207, "docstring is under-indented", doc.range);
    }
}
