//! Block quotes, thematic breaks and tables.

use pulldown_cmark::{Event, Tag};

use super::{Hit, Params};
use crate::document::{Document, LineKind};

/// MD035: one thematic break style per file (`style`: consistent or the
/// exact text, e.g. `---`).
pub fn hr_style(doc: &Document, params: &Params) -> Vec<Hit> {
    let mut expected: Option<String> = match params.string("style", "consistent") {
        "consistent" => None,
        style => Some(style.to_string()),
    };
    let mut hits = Vec::new();
    for (event, range) in &doc.events {
        if let Event::Rule = event {
            let text = doc.text[range.clone()].trim().to_string();
            let want = expected.get_or_insert_with(|| text.clone()).clone();
            if text != want {
                hits.push(Hit::new(
                    doc.index.line_of(range.start),
                    range.clone(),
                    format!("thematic break `{text}`; this file uses `{want}`"),
                ));
            }
        }
    }
    hits
}

/// MD058: a blank line before and after each table.
pub fn blanks_around_tables(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    let last = doc.line_count().saturating_sub(1);
    for (event, range) in &doc.events {
        let Event::Start(Tag::Table(_)) = event else { continue };
        let (first, end) = doc.lines_of(range);
        if first > 0 && !super::blank_lines::separates(doc, first - 1) {
            hits.push(Hit::line(doc, first, "table needs a blank line above"));
        }
        let after = end + 1;
        let at_end = after > last || (after == last && doc.line(after).is_empty());
        if !at_end && !super::blank_lines::separates(doc, after) {
            hits.push(Hit::line(doc, end, "table needs a blank line below"));
        }
    }
    hits
}

/// MD027: more than one space after a block quote's `>`.
pub fn multiple_space_blockquote(doc: &Document, _: &Params) -> Vec<Hit> {
    let items: Vec<(std::ops::Range<usize>, (usize, usize))> = doc
        .events
        .iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::Item)))
        .map(|(_, r)| (r.clone(), doc.lines_of(r)))
        .collect();
    let mut hits = Vec::new();
    for (event, range) in &doc.events {
        let Event::Start(Tag::BlockQuote(_)) = event else { continue };
        let (first, last) = doc.lines_of(range);
        // Continuation lines of the quote's list items are indented for the
        // item (items are in document order: the quote's are one run).
        let from = items.partition_point(|(r, _)| r.start < range.start);
        let continuations: Vec<(usize, usize)> = items[from..]
            .iter()
            .take_while(|(r, _)| r.start < range.end)
            .filter(|(r, _)| r.end <= range.end)
            .map(|&(_, lines)| lines)
            .collect();
        for line in first..=last {
            if doc.kinds[line] != LineKind::Text
                || continuations.iter().any(|&(a, b)| line > a && line <= b)
            {
                continue;
            }
            let text = doc.line(line);
            let mut rest = text.trim_start();
            let mut after_marker = "";
            while let Some(next) = rest.strip_prefix('>') {
                after_marker = next;
                rest = next.trim_start_matches(' ');
                if !rest.starts_with('>') {
                    break;
                }
            }
            let spaces = after_marker.len() - after_marker.trim_start_matches(' ').len();
            if spaces > 1
                && !after_marker.trim().is_empty()
                && !after_marker.trim_start().starts_with('>')
            {
                let start = doc.line_start(line) + (text.len() - after_marker.len()) + 1;
                hits.push(Hit::new(
                    line,
                    start..start + spaces - 1,
                    "more than one space after the block quote's `>`",
                ));
            }
        }
    }
    hits.sort_by_key(|h| h.range.start);
    hits.dedup_by_key(|h| h.range.start);
    hits
}

/// MD028: a blank line between two block quotes (Markdown reads them as
/// two quotes; renderers differ).
pub fn blanks_in_blockquote(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut quotes: Vec<(usize, usize)> = Vec::new();
    let mut depth_end = 0usize;
    for (event, range) in &doc.events {
        if let Event::Start(Tag::BlockQuote(_)) = event
            && range.start >= depth_end
        {
            quotes.push(doc.lines_of(range));
            depth_end = range.end;
        }
    }
    let mut hits = Vec::new();
    for pair in quotes.windows(2) {
        let (end, next) = (pair[0].1, pair[1].0);
        if next > end + 1 && (end + 1..next).all(|l| doc.is_blank(l)) {
            hits.extend(
                (end + 1..next).map(|l| Hit::line(doc, l, "blank line between two block quotes")),
            );
        }
    }
    hits
}
