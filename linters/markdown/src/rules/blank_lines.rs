//! Blank lines: runs of them, and the ones headings and fences need.

use super::{Hit, Params};
use crate::document::{Document, LineKind};

/// MD012: more than `maximum` consecutive blank lines outside code blocks.
pub fn multiple_blanks(doc: &Document, params: &Params) -> Vec<Hit> {
    let maximum = params.number("maximum", 1);
    let mut hits = Vec::new();
    let mut run = 0;
    for line in 0..doc.line_count() {
        // Blank lines inside HTML blocks (comments) count too.
        let blank = !matches!(doc.kinds[line], LineKind::Code | LineKind::FrontMatter)
            && doc.is_blank(line);
        run = if blank { run + 1 } else { 0 };
        if run > maximum {
            hits.push(Hit::line(
                doc,
                line,
                format!("{run} blank lines in a row (at most {maximum})"),
            ));
        }
    }
    hits
}

/// A line that separates blocks: empty, or only `>` markers, spaces and
/// HTML comments.
pub fn separates(doc: &Document, line: usize) -> bool {
    crate::comments::without(doc.line(line))
        .trim_matches(|c: char| c.is_whitespace() || c == '>')
        .is_empty()
}

/// MD022: `lines_above` / `lines_below` blank lines around each heading
/// (none needed at the start or end of the file).
pub fn around_headings(doc: &Document, params: &Params) -> Vec<Hit> {
    let above = params.number("lines_above", 1);
    let below = params.number("lines_below", 1);
    let mut hits = Vec::new();
    for heading in &doc.headings {
        let blank_above = (1..=above)
            .take_while(|i| heading.line >= *i)
            .filter(|i| {
                let line = heading.line - i;
                separates(doc, line) || doc.kinds[line] == LineKind::FrontMatter
            })
            .count();
        let needed_above = above.min(heading.line);
        if blank_above < needed_above {
            hits.push(Hit::line(
                doc,
                heading.line,
                format!("heading needs {above} blank line(s) above (found {blank_above})"),
            ));
        }
        let last = doc.line_count() - 1;
        let end_of_file = |line: usize| line > last || (line == last && doc.line(line).is_empty());
        let mut blank_below = 0;
        let mut needed_below = below;
        for i in 1..=below {
            let line = heading.last_line + i;
            if end_of_file(line) {
                needed_below = i - 1;
                break;
            }
            if separates(doc, line) {
                blank_below += 1;
            } else {
                break;
            }
        }
        if blank_below < needed_below {
            hits.push(Hit::line(
                doc,
                heading.line,
                format!("heading needs {below} blank line(s) below (found {blank_below})"),
            ));
        }
    }
    hits
}

/// MD031: a blank line before and after each fenced code block.
pub fn around_fences(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    let last = doc.line_count().saturating_sub(1);
    for block in doc.code_blocks.iter().filter(|b| b.fence.is_some()) {
        if block.first_line > 0 && !separates(doc, block.first_line - 1) {
            hits.push(Hit::line(
                doc,
                block.first_line,
                "fenced code block needs a blank line above",
            ));
        }
        let after = block.last_line + 1;
        let at_end = after > last || (after == last && doc.line(after).is_empty());
        if !at_end && !separates(doc, after) {
            hits.push(Hit::line(
                doc,
                block.last_line,
                "fenced code block needs a blank line below",
            ));
        }
    }
    hits
}
