//! Table rows as written: leading and trailing pipes (MD055) and the
//! number of cells (MD056). Rows are read from the source, since the
//! parser neither keeps the pipes nor the cells past the header's count.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Hit, Params};
use crate::document::Document;

/// One row of a table, delimiter row included.
struct Row {
    line: usize,
    /// Byte range of the row's text (container markers and indentation
    /// left out).
    range: std::ops::Range<usize>,
    leading_pipe: bool,
    trailing_pipe: bool,
    cells: usize,
}

/// MD055: rows whose leading or trailing pipe differs from `style`
/// (`leading_and_trailing`, `leading_only`, `trailing_only`,
/// `no_leading_or_trailing`; `consistent`, the default, takes the style of
/// the document's first row).
pub fn pipe_style(doc: &Document, params: &Params) -> Vec<Hit> {
    let mut expected = match params.string("style", "consistent") {
        "consistent" => None,
        "leading_only" => Some((true, false)),
        "trailing_only" => Some((false, true)),
        "no_leading_or_trailing" => Some((false, false)),
        _ => Some((true, true)),
    };
    let mut hits = Vec::new();
    for row in tables(doc).into_iter().flatten() {
        let (leading, trailing) = *expected.get_or_insert((row.leading_pipe, row.trailing_pipe));
        let detail = format!(
            "this row is {}; expected {}",
            style_name(row.leading_pipe, row.trailing_pipe),
            style_name(leading, trailing)
        );
        let mut report = |missing: bool, which: &str, at: std::ops::Range<usize>| {
            let problem = if missing { "missing" } else { "unexpected" };
            hits.push(Hit::new(row.line, at, format!("{problem} {which} pipe ({detail})")));
        };
        if row.leading_pipe != leading {
            report(leading, "leading", row.range.start..row.range.start + 1);
        }
        if row.trailing_pipe != trailing {
            report(trailing, "trailing", row.range.end.saturating_sub(1)..row.range.end);
        }
    }
    hits
}

/// MD056: rows with more or fewer cells than the table's header row.
pub fn column_count(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    for table in tables(doc) {
        let Some(expected) = table.first().map(|row| row.cells) else { continue };
        for row in &table {
            let detail = match row.cells.cmp(&expected) {
                std::cmp::Ordering::Equal => continue,
                std::cmp::Ordering::Less => "the row will be missing data",
                std::cmp::Ordering::Greater => "the extra data will be missing",
            };
            let message =
                format!("{} cell(s) in this row; expected {expected} ({detail})", row.cells);
            hits.push(Hit::new(row.line, row.range.clone(), message));
        }
    }
    hits
}

fn style_name(leading: bool, trailing: bool) -> &'static str {
    match (leading, trailing) {
        (true, true) => "leading_and_trailing",
        (true, false) => "leading_only",
        (false, true) => "trailing_only",
        (false, false) => "no_leading_or_trailing",
    }
}

/// Every table's rows in order: header, delimiter, body.
fn tables(doc: &Document) -> Vec<Vec<Row>> {
    let mut tables = Vec::new();
    let mut current: Vec<Row> = Vec::new();
    for (event, range) in &doc.events {
        match event {
            Event::Start(Tag::TableHead) => {
                let line = doc.index.line_of(range.start);
                current.push(row(doc, line, range.start));
                // The delimiter row is the next line, inside as many block
                // quotes as the header.
                if line + 1 < doc.line_count() {
                    let header_prefix = &doc.text[doc.line_start(line)..range.start];
                    let quotes = header_prefix.matches('>').count();
                    let start = doc.line_start(line + 1);
                    current.push(row(
                        doc,
                        line + 1,
                        start + after_quotes(doc.line(line + 1), quotes),
                    ));
                }
            }
            Event::Start(Tag::TableRow) => {
                current.push(row(doc, doc.index.line_of(range.start), range.start));
            }
            Event::End(TagEnd::Table) => tables.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    tables
}

fn row(doc: &Document, line: usize, offset: usize) -> Row {
    let rest = doc.from(offset, line);
    let start = offset.max(doc.line_start(line)) + (rest.len() - rest.trim_start().len());
    let text = rest.trim();
    let pipes = unescaped_pipes(text);
    let leading_pipe = pipes.first() == Some(&0);
    // A lone `|` is a leading pipe only.
    let trailing_pipe = text.len() > 1 && pipes.last() == Some(&(text.len() - 1));
    let cells = pipes.len() + 1 - usize::from(leading_pipe) - usize::from(trailing_pipe);
    Row { line, range: start..start + text.len(), leading_pipe, trailing_pipe, cells }
}

/// The bytes of `line` up to and including its `quotes`-th `>` marker.
fn after_quotes(line: &str, quotes: usize) -> usize {
    if quotes == 0 {
        return 0;
    }
    line.match_indices('>').nth(quotes - 1).map_or(0, |(i, _)| i + 1)
}

/// Byte offsets of the `|` that divide cells (a backslash escapes one).
fn unescaped_pipes(text: &str) -> Vec<usize> {
    let mut pipes = Vec::new();
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'\\' => escaped = !escaped,
            b'|' if !escaped => pipes.push(i),
            _ => escaped = false,
        }
        if b != b'\\' {
            escaped = false;
        }
    }
    pipes
}

#[cfg(test)]
mod tests {
    use super::unescaped_pipes;

    #[test]
    fn escaped_pipes_do_not_divide() {
        assert_eq!(unescaped_pipes(r"| a \| b | c |"), [0, 9, 13]);
        assert_eq!(unescaped_pipes(r"a \\| b"), [4]);
    }
}
