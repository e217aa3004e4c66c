//! D200–D419: what a docstring looks like (its body is read as written,
//! between the quotes, as pydocstyle reads it).

use super::definitions::Definition;
use crate::codes::{Code, Report};
use crate::syntax::ast;
use crate::syntax::{TextRange, docstring_quotes};

pub fn check(definition: &Definition, text: &str, report: &mut Report) {
    let Some(docstring) = definition.docstring else { return };
    let range = docstring.range;
    let Some(quotes) = docstring_quotes(docstring) else { return };
    let body = &text[quotes.body.clone()];
    if body.trim().is_empty() {
        report.push(Code::D419, "docstring is empty", range);
        return;
    }
    let lines: Vec<&str> = universal_lines(body).collect();
    let content: Vec<&str> = universal_lines(body.trim()).collect();
    if body.contains(r#"""""#) {
        // `"""` in the text (escaped or not): only `'''` holds it cleanly.
        if !quotes.triple || quotes.triple_double {
            report.push(Code::D300, "use triple single quotes `'''`", range);
        }
    } else if !quotes.triple_double {
        report.push(Code::D300, r#"use triple double quotes `"""`"#, range);
    }
    if content.len() == 1 && lines.len() > 1 {
        report.push(Code::D200, "one-line docstring should fit on one line", range);
    }
    let blank_after_summary = content.iter().skip(1).take_while(|l| l.trim().is_empty()).count();
    if quotes.triple && content.len() > 1 && blank_after_summary != 1 {
        report.push(
            Code::D205,
            "1 blank line required between summary line and description",
            range,
        );
    }
    if content.len() > 1 && !lines.last().is_some_and(|l| l.trim().is_empty()) {
        report.push(
            Code::D209,
            "multi-line docstring closing quotes should be on a separate line",
            range,
        );
    }
    let first = lines[0];
    if !first.trim().is_empty()
        && (first.starts_with(char::is_whitespace) || first.ends_with(char::is_whitespace))
    {
        report.push(Code::D210, "no whitespaces allowed surrounding docstring text", range);
    }
    if let Some(summary_end) = summary_last_line(&lines) {
        let line = summary_end.trim_end();
        if !line.ends_with('.') && !line.ends_with('\\') {
            report.push(Code::D400, "first line should end with a period", range);
        }
    }
    if definition.is_function() {
        capitalized(body, range, report);
        blank_lines_around(definition, docstring, text, report);
    }
}

/// D403: the first word starts with a capital (ASCII words only, as
/// pydocstyle checks).
fn capitalized(body: &str, range: TextRange, report: &mut Report) {
    let Some(word) = body.split_whitespace().next() else { return };
    let word = word.trim_end_matches('.');
    if !word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
        return;
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return };
    if first.is_ascii_lowercase() {
        let fixed: String = first.to_ascii_uppercase().to_string() + chars.as_str();
        report.push(
            Code::D403,
            format!("first word of the docstring should be capitalized: `{word}` -> `{fixed}`"),
            range,
        );
    }
}

/// D201/D202: blank lines right before and after a function's docstring.
fn blank_lines_around(
    definition: &Definition,
    docstring: &ast::ExprStringLiteral,
    text: &str,
    report: &mut Report,
) {
    let range = docstring.range;
    let start = range.start().to_usize();
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    // The lines above the docstring's line, nearest first.
    let above = text[..line_start].strip_suffix('\n').unwrap_or(&text[..line_start]);
    let above = above.strip_suffix('\r').unwrap_or(above);
    let before = universal_lines(above).rev().take_while(|l| l.trim().is_empty()).count();
    let header_start = definition.stmt_range().map_or(0, |r| r.start().to_usize());
    if before > 0 && line_start > header_start {
        report.push(
            Code::D201,
            format!("no blank lines allowed before function docstring (found {before})"),
            range,
        );
    }
    // The docstring alone in the body: what follows is not the function's.
    if definition.body.len() < 2 {
        return;
    }
    let end = range.end().to_usize();
    let rest = &text[end..];
    let mut following = universal_lines(rest).skip(1);
    let after = following.clone().take_while(|l| l.trim().is_empty()).count();
    if after == 0 {
        return;
    }
    let next = following.find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let inner_definition = next.is_some_and(|line| {
        let code = line.trim_start();
        line.len() > code.len()
            && (code.starts_with("def ")
                || code.starts_with("class ")
                || code.starts_with("async def ")
                || code.starts_with('@'))
    });
    if after == 1 && inner_definition {
        return;
    }
    report.push(
        Code::D202,
        format!("no blank lines allowed after function docstring (found {after})"),
        range,
    );
}

/// The last line of the summary paragraph (the first run of non-blank
/// lines, ended early by a section underline such as `---`). `None` for a
/// docstring that starts with a field list (`:param x:`).
fn summary_last_line<'a>(lines: &[&'a str]) -> Option<&'a str> {
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    let first = lines[start].trim();
    if [":param", ":type", ":raises", ":return", ":rtype"].iter().any(|p| first.starts_with(p)) {
        return None;
    }
    let underline = |line: &str| {
        let line = line.trim();
        !line.is_empty() && line.chars().all(|c| "-~=#".contains(c))
    };
    // A docstring that opens with a section name ("Parameters", "Args:").
    if SECTIONS.contains(&first.trim_end_matches(':')) {
        return None;
    }
    // The first line counts when it is an overline (`====` over a title),
    // not when it is all there is (`"""-----"""`, a separator).
    let rest = lines[start + 1..].iter().take_while(|l| !l.trim().is_empty() && !underline(l));
    let last = rest.last().copied().unwrap_or(lines[start]);
    let alone = lines.iter().filter(|l| !l.trim().is_empty()).count() == 1;
    (!(alone && underline(last))).then_some(last)
}

/// Google and NumPy section names.
#[rustfmt::skip]
const SECTIONS: &[&str] = &[
    "Args", "Arguments", "Attention", "Attributes", "Caution", "Danger", "Error", "Example",
    "Examples", "Extended Summary", "Hint", "Important", "Keyword Args", "Keyword Arguments",
    "Methods", "Note", "Notes", "Other Args", "Other Arguments", "Other Params",
    "Other Parameters", "Parameters", "Raises", "Receives", "References", "Return", "Returns",
    "See Also", "Short Summary", "Tip", "Todo", "Warning", "Warnings", "Warns", "Yield", "Yields",
];

/// Lines split at `\n`, `\r\n` and `\r`, as Python reads source.
fn universal_lines(text: &str) -> impl DoubleEndedIterator<Item = &str> + Clone {
    text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line))
}
