//! MD013: long lines.

use super::{Hit, LineSet, Params};
use crate::document::{Document, LineKind};

/// Lines longer than `line_length` (80) characters; headings and code
/// blocks have their own limits and can be left out (`headings`,
/// `code_blocks`, `tables`). Unless `strict`, a line may run past the limit
/// when nothing after it contains whitespace (a long URL or path); `stern`
/// allows that only on lines without whitespace past the limit at all.
pub fn line_length(doc: &Document, params: &Params) -> Vec<Hit> {
    let limit = params.number("line_length", 80);
    let heading_limit = params.number("heading_line_length", limit);
    let code_limit = params.number("code_block_line_length", limit);
    let check_code = params.boolean("code_blocks", true);
    let check_tables = params.boolean("tables", true);
    let check_headings = params.boolean("headings", true);
    let strict = params.boolean("strict", false);
    let stern = params.boolean("stern", false);
    // Most files have no long line: skip the structure they would need.
    // (A line's UTF-16 length is at most its UTF-8 length.)
    let shortest = limit.min(heading_limit).min(code_limit);
    if (0..doc.line_count()).all(|line| doc.line(line).len() <= shortest) {
        return Vec::new();
    }
    let mut heading_lines = LineSet::new(doc);
    for heading in &doc.headings {
        heading_lines.insert(heading.line, heading.line);
    }
    let table_lines = table_lines(doc);
    let (definition_lines, link_only_lines) = link_lines(doc);
    let mut hits = Vec::new();
    for line in 0..doc.line_count() {
        let (kind, limit) = match doc.kinds[line] {
            LineKind::FrontMatter => continue,
            LineKind::Code if !check_code => continue,
            LineKind::Code => ("code block line", code_limit),
            _ if heading_lines.contains(line) => {
                if !check_headings {
                    continue;
                }
                ("heading", heading_limit)
            }
            _ if table_lines.contains(line) && !check_tables => continue,
            _ => ("line", limit),
        };
        let text = doc.line(line);
        // Lengths as markdownlint counts them: UTF-16 code units.
        let length = utf16_len(text);
        // Unless strict or stern, the last word may run past the limit if
        // it starts within it (a long URL).
        let counted = if strict || stern {
            length
        } else {
            let last_word = text.len() - text.trim_end_matches(|c: char| !c.is_whitespace()).len();
            length - utf16_len(&text[text.len() - last_word..]) + 1
        };
        // markdownlint never reports a line exactly at the limit, even when
        // a trailing space counts as a word running past it.
        if counted <= limit
            || length == limit
            || definition_lines.contains(line)
            || (!strict && link_only_lines.contains(line))
            || (stern && not_wrappable(text))
        {
            continue;
        }
        let cut = byte_at_utf16(text, limit);
        let start = doc.line_start(line) + cut;
        hits.push(Hit::new(
            line,
            start..start + text.len() - cut,
            format!("{kind} is {length} characters long (at most {limit})"),
        ));
    }
    hits
}

fn is_bare_url(doc: &Document, text: &str, range: &std::ops::Range<usize>) -> bool {
    let word = text.trim();
    !word.is_empty()
        && !word.contains(char::is_whitespace)
        && super::inline::bare_url_in(doc.text, range.clone())
}

fn table_lines(doc: &Document) -> LineSet {
    use pulldown_cmark::{Event, Tag};
    let mut lines = LineSet::new(doc);
    for (event, range) in &doc.events {
        if let Event::Start(Tag::Table(_)) = event {
            let (first, last) = doc.lines_of(range);
            lines.insert(first, last);
        }
    }
    lines
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The byte offset of UTF-16 position `at` (clamped to the text).
fn byte_at_utf16(text: &str, at: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= at {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// A line that cannot be wrapped: optional `#`/`>` markers, then one word.
fn not_wrappable(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| c == '#' || c == '>' || c.is_whitespace());
    !rest.contains(char::is_whitespace)
}

/// Lines of link reference definitions and footnotes, and lines with a link, image or
/// autolink but no plain text of a paragraph (both exempt, as in
/// markdownlint, which counts only a paragraph's own text: a heading or
/// table row with a link is exempt, a space between two links is text).
fn link_lines(doc: &Document) -> (LineSet, LineSet) {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut link_lines = LineSet::new(doc);
    let mut text_lines = LineSet::new(doc);
    // Whether the innermost block holding text is a paragraph (a tight list
    // item's text is one, without the parser saying so).
    let mut in_paragraph: Vec<bool> = Vec::new();
    // Inline containers open around the current event.
    let mut depth = 0usize;
    for (event, range) in &doc.events {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item) => in_paragraph.push(true),
            Event::Start(Tag::Heading { .. } | Tag::TableCell) => in_paragraph.push(false),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => {
                in_paragraph.pop();
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                let (first, last) = doc.lines_of(range);
                link_lines.insert(first, last);
                depth += 1;
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => depth += 1,
            Event::End(
                TagEnd::Link
                | TagEnd::Image
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough,
            ) => depth = depth.saturating_sub(1),
            Event::Text(t) if in_paragraph.last() == Some(&true) && depth == 0 => {
                let (first, last) = doc.lines_of(range);
                // A bare URL alone is an autolink, not text.
                let lines =
                    if is_bare_url(doc, t, range) { &mut link_lines } else { &mut text_lines };
                lines.insert(first, last);
            }
            _ => {}
        }
    }
    let mut link_only = LineSet::new(doc);
    for line in (0..doc.line_count()).filter(|l| link_lines.contains(*l)) {
        if !text_lines.contains(line) {
            link_only.insert(line, line);
        }
    }
    let mut definitions = LineSet::new(doc);
    for (line, _) in super::references::definition_lines(doc) {
        definitions.insert(line, line);
    }
    // A footnote's text is part of its definition, every line of it.
    for (event, range) in &doc.events {
        if let Event::Start(Tag::FootnoteDefinition(_)) = event {
            let (first, last) = doc.lines_of(range);
            definitions.insert(first, last);
        }
    }
    (definitions, link_only)
}
