//! Emphasis: a bold or italic line standing in for a heading, spaces just
//! inside emphasis markers, and one marker character per file for emphasis
//! and for strong emphasis.
//!
//! markdownlint reads emphasis with micromark; what follows reproduces the
//! token boundaries it relies on from pulldown-cmark's events and the source
//! text (which runs of `*`/`_` stayed literal, which text would have been a
//! single token).

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Hit, Params};
use crate::document::{self, Document};

type Events<'a> = [(Event<'a>, Range<usize>)];

/// markdownlint's default `punctuation` for MD036.
const PUNCTUATION: &str = ".,;:!?。，；：！？";

/// MD049: emphasis written with one marker (`style`: consistent, asterisk,
/// underscore).
pub fn emphasis_style(doc: &Document, params: &Params) -> Vec<Hit> {
    marker_style(doc, params, false)
}

/// MD050: strong emphasis written with one marker (`style`: consistent,
/// asterisk, underscore).
pub fn strong_style(doc: &Document, params: &Params) -> Vec<Hit> {
    marker_style(doc, params, true)
}

fn marker_style(doc: &Document, params: &Params, strong: bool) -> Vec<Hit> {
    let mut expected = match params.string("style", "consistent") {
        "asterisk" => Some(b'*'),
        "underscore" => Some(b'_'),
        _ => None,
    };
    let (kind, width) = if strong { ("strong emphasis", 2) } else { ("emphasis", 1) };
    let bytes = doc.text.as_bytes();
    let mut hits = Vec::new();
    for (event, range) in &doc.events {
        match event {
            Event::Start(Tag::Strong) if strong => {}
            Event::Start(Tag::Emphasis) if !strong => {}
            _ => continue,
        }
        let Some(&marker) = bytes.get(range.start) else { continue };
        if !matches!(marker, b'*' | b'_') || range.len() < 2 * width {
            continue;
        }
        let want = *expected.get_or_insert(marker);
        if marker == want {
            continue;
        }
        // Underscores cannot emphasise part of a word: asterisks there stay.
        let inside_word = |at: Option<usize>| {
            at.and_then(|i| bytes.get(i)).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        };
        if want == b'_' && (inside_word(range.start.checked_sub(1)) || inside_word(Some(range.end)))
        {
            continue;
        }
        let message =
            format!("{kind} with {}; this file uses {}", marker_name(marker), marker_name(want));
        let close = range.end - width;
        for start in [range.start, close] {
            hits.push(Hit::new(doc.index.line_of(start), start..start + width, message.clone()));
        }
    }
    hits
}

fn marker_name(marker: u8) -> &'static str {
    if marker == b'*' { "asterisks" } else { "underscores" }
}

/// MD037: spaces just inside emphasis markers (`** bold **`). As in
/// markdownlint, the markers are the runs of `*` or `_` left literal in a
/// paragraph, heading or table cell (outside any emphasis or link), paired
/// in order per marker: the first of a pair followed by a space, or the
/// second preceded by one, is reported.
pub fn space_in_emphasis(doc: &Document, _: &Params) -> Vec<Hit> {
    let bytes = doc.text.as_bytes();
    let mut hits = Vec::new();
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut run: Option<Range<usize>> = None;
    let mut inline_depth = 0usize;
    let mut literal = false;
    let mut covered_to = 0usize;
    for (event, range) in &doc.events {
        match event {
            Event::Text(_) if literal => {}
            Event::Text(_) => {
                if inline_depth == 0 {
                    literal_runs(bytes, range.clone(), covered_to, &mut run, &mut runs);
                }
                covered_to = range.end;
            }
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {}
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Image { .. }) => {
                runs.extend(run.take());
                inline_depth += 1;
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image) => {
                inline_depth = inline_depth.saturating_sub(1);
            }
            Event::Start(tag) => {
                runs.extend(run.take());
                spaced_pairs(doc, &runs, &mut hits);
                runs.clear();
                literal = matches!(tag, Tag::CodeBlock(_) | Tag::MetadataBlock(_));
            }
            Event::End(_) => {
                runs.extend(run.take());
                spaced_pairs(doc, &runs, &mut hits);
                runs.clear();
                literal = false;
            }
            _ => runs.extend(run.take()),
        }
    }
    runs.extend(run.take());
    spaced_pairs(doc, &runs, &mut hits);
    hits
}

/// Extends `runs` with the runs of `*` or `_` in the text at `range`
/// (a run may continue from the previous text event); an escaped marker
/// (its backslash outside every text event) is no marker.
fn literal_runs(
    bytes: &[u8],
    range: Range<usize>,
    covered_to: usize,
    run: &mut Option<Range<usize>>,
    runs: &mut Vec<Range<usize>>,
) {
    for at in range.clone() {
        let b = bytes[at];
        if !matches!(b, b'*' | b'_') {
            runs.extend(run.take());
            continue;
        }
        let escaped = at == range.start && at > 0 && bytes[at - 1] == b'\\' && covered_to < at;
        if escaped {
            runs.extend(run.take());
            continue;
        }
        match run {
            Some(r) if r.end == at && bytes[r.start] == b => r.end = at + 1,
            _ => {
                runs.extend(run.take());
                *run = Some(at..at + 1);
            }
        }
    }
}

/// Pairs the runs of one text block per marker and reports the spaces.
fn spaced_pairs(doc: &Document, runs: &[Range<usize>], hits: &mut Vec<Hit>) {
    if runs.len() < 2 {
        return;
    }
    let bytes = doc.text.as_bytes();
    for marker in [b'*', b'_'] {
        for width in 1..=3 {
            let same: Vec<&Range<usize>> =
                runs.iter().filter(|r| r.len() == width && bytes[r.start] == marker).collect();
            for pair in same.chunks_exact(2) {
                let (open, close) = (pair[0], pair[1]);
                if let Some(spaces) = spaces_after(doc, open.end) {
                    hits.push(Hit::new(
                        doc.index.line_of(open.start),
                        spaces,
                        "spaces after the opening emphasis marker",
                    ));
                }
                if let Some(spaces) = spaces_before(doc, close.start) {
                    hits.push(Hit::new(
                        doc.index.line_of(close.start),
                        spaces,
                        "spaces before the closing emphasis marker",
                    ));
                }
            }
        }
    }
}

/// The whitespace at `at` when something other than whitespace follows it
/// on the same line.
fn spaces_after(doc: &Document, at: usize) -> Option<Range<usize>> {
    let line = doc.index.line_of(at);
    let start = doc.line_start(line);
    let rest = &doc.text[at.max(start)..start + doc.line(line).len()];
    let spaces = rest.len() - rest.trim_start().len();
    (spaces > 0 && spaces < rest.len()).then(|| at..at + spaces)
}

/// The whitespace just before `at` when something other than whitespace
/// precedes it on the same line.
fn spaces_before(doc: &Document, at: usize) -> Option<Range<usize>> {
    let start = doc.line_start(doc.index.line_of(at));
    let before = &doc.text[start..at.max(start)];
    let spaces = before.len() - before.trim_end().len();
    (spaces > 0 && spaces < before.len()).then(|| at - spaces..at)
}

/// MD036: a paragraph that is nothing but one emphasised or strong phrase
/// (not ending in `punctuation`), at the top level of the document, which
/// markdownlint also looks for inside HTML blocks.
pub fn emphasis_as_heading(doc: &Document, params: &Params) -> Vec<Hit> {
    let punctuation = params.string("punctuation", PUNCTUATION);
    let events = &doc.events;
    let mut hits = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => {
                depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph) if depth == 0 => {
                let end = matching_end(events, i);
                let (_, last) = doc.lines_of(range);
                if !doc.line(last).ends_with([' ', '\t'])
                    && let Some(inner) = lone_emphasis(doc.text, &events[i + 1..end], 0)
                    && !ends_with_any(&doc.text[inner.clone()], punctuation)
                {
                    hits.push(Hit::new(
                        doc.index.line_of(inner.start),
                        inner,
                        "emphasis used instead of a heading",
                    ));
                }
                i = end;
            }
            Event::Start(Tag::HtmlBlock) if depth == 0 => {
                in_html_block(doc, range, punctuation, &mut hits);
            }
            _ => {}
        }
        i += 1;
    }
    hits
}

fn ends_with_any(text: &str, punctuation: &str) -> bool {
    text.chars().next_back().is_some_and(|c| punctuation.contains(c))
}

/// The index of the event closing the one opened at `start`.
fn matching_end(events: &Events, start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1).max(start)
}

/// The content range of the only meaningful thing in a paragraph (`events`
/// are its inline events) when that is an emphasis or strong emphasis
/// holding plain text that micromark would read as a single token. Text
/// before byte `skip` is a prefix added by the caller and not counted.
fn lone_emphasis(text: &str, events: &Events, skip: usize) -> Option<Range<usize>> {
    let mut found = None;
    let mut meaningful = 0;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::InlineHtml(_) => {}
            Event::Text(t) => {
                let counts = if range.start < skip {
                    !text[skip.min(range.end)..range.end].trim().is_empty()
                } else {
                    let source = &text[range.clone()];
                    t.as_ref() != source || !source.trim().is_empty()
                };
                meaningful += usize::from(counts);
            }
            Event::Start(tag) => {
                let end = matching_end(events, i);
                if matches!(tag, Tag::Emphasis | Tag::Strong) {
                    found = Some((i, end));
                }
                meaningful += 1;
                i = end;
            }
            _ => meaningful += 1,
        }
        if meaningful > 1 {
            return None;
        }
        i += 1;
    }
    let (start, end) = found?;
    let width = if matches!(events[start].0, Event::Start(Tag::Strong)) { 2 } else { 1 };
    let outer = &events[start].1;
    if outer.len() <= 2 * width {
        return None;
    }
    let inner = outer.start + width..outer.end - width;
    let bytes = text.as_bytes();
    let mut covered_to = inner.start;
    for (event, range) in &events[start + 1..end] {
        match event {
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {}
            Event::Text(t) => {
                let escaped = range.start > 0
                    && bytes[range.start - 1] == b'\\'
                    && covered_to < range.start
                    && bytes.get(range.start).is_some_and(u8::is_ascii_punctuation);
                if escaped || t.as_ref() != &text[range.clone()] {
                    return None;
                }
                covered_to = range.end;
            }
            _ => return None,
        }
    }
    let content = &text[inner.clone()];
    if content.contains(['[', '\n', '\r'])
        || has_literal_autolink(content)
        || has_text_directive(content)
        || has_math(content)
    {
        return None;
    }
    Some(inner)
}

/// Whether GFM would turn part of `text` into a link by itself (a `www.`,
/// `http://` or `https://` address, or an e-mail address).
fn has_literal_autolink(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    for prefix in ["www.", "http://", "https://"] {
        for (at, _) in lower.match_indices(prefix) {
            let before_ok = at == 0
                || matches!(bytes[at - 1], b' ' | b'\t' | b'*' | b'_' | b'~' | b'(')
                || (prefix != "www." && !bytes[at - 1].is_ascii_alphabetic());
            let after = bytes.get(at + prefix.len());
            if before_ok && after.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80) {
                return true;
            }
        }
    }
    for (at, _) in lower.match_indices('@') {
        let local = at > 0 && is_email_local(bytes[at - 1]);
        let domain: &[u8] = &bytes[at + 1..];
        let label_end = domain
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')))
            .unwrap_or(domain.len());
        let domain = std::str::from_utf8(&domain[..label_end]).unwrap_or("");
        let domain = domain.trim_end_matches('.');
        // A dotted domain whose last label has no digit (`npm@1.0` is a
        // version).
        let last = domain.rsplit('.').next().unwrap_or("");
        let dotted = domain.contains('.')
            && !domain.starts_with('.')
            && !last.is_empty()
            && !last.contains(|c: char| c.is_ascii_digit())
            && !domain.ends_with(['-', '_']);
        if local && dotted {
            return true;
        }
    }
    false
}

fn is_email_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+')
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Whether `text` holds a text directive (`:name`), as markdownlint's
/// directive extension reads one: a colon not after a colon, a name that
/// neither ends in `-` or `_` nor is followed by another colon.
fn has_text_directive(text: &str) -> bool {
    let mut previous = None;
    for (at, c) in text.char_indices() {
        if c == ':' && previous != Some(':') {
            let rest = &text[at + 1..];
            let first = rest.chars().next();
            if first.is_some_and(|f| f.is_alphanumeric()) {
                let name_end = rest.find(|ch: char| !is_name_char(ch)).unwrap_or(rest.len());
                let name = &rest[..name_end];
                if !name.ends_with(['-', '_']) && !rest[name_end..].starts_with(':') {
                    return true;
                }
            }
        }
        previous = Some(c);
    }
    false
}

/// Whether `text` holds inline math (`$x$`): two runs of `$` as long as
/// each other.
fn has_math(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut lengths = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'$' && (at == 0 || bytes[at - 1] != b'\\') {
            let start = at;
            while at < bytes.len() && bytes[at] == b'$' {
                at += 1;
            }
            let length = at - start;
            if lengths.contains(&length) {
                return true;
            }
            lengths.push(length);
        } else {
            at += 1;
        }
    }
    false
}

/// markdownlint reads an HTML block (other than a comment) again as
/// Markdown with HTML blocks and indented code turned off, so a lone
/// emphasised line in it counts too: a line between blank lines (or the
/// block's ends) with only HTML tags around the emphasis.
fn in_html_block(doc: &Document, range: &Range<usize>, punctuation: &str, hits: &mut Vec<Hit>) {
    let source = doc.text[range.clone()].trim();
    if crate::comments::is_block_comment(source) {
        return;
    }
    let (first, last) = doc.lines_of(range);
    let last = last.min(doc.line_count().saturating_sub(1));
    for line in first..=last {
        let alone =
            (line == first || doc.is_blank(line - 1)) && (line == last || doc.is_blank(line + 1));
        let text = doc.line(line);
        if !alone || doc.is_blank(line) || text.ends_with([' ', '\t']) {
            continue;
        }
        let trimmed = text.trim_start();
        if starts_block(trimmed) {
            continue;
        }
        // A prefix keeps the line from reading as an HTML block again and
        // leaves the emphasis's surroundings as they were at a line start.
        let reparsed = format!("\\ {trimmed}");
        let events: Vec<(Event, Range<usize>)> =
            Parser::new_ext(&reparsed, document::options()).into_offset_iter().collect();
        let Some((Event::Start(Tag::Paragraph), paragraph)) = events.first() else { continue };
        if paragraph.end < reparsed.trim_end().len() {
            continue;
        }
        let end = matching_end(&events, 0);
        let Some(inner) = lone_emphasis(&reparsed, &events[1..end], 2) else { continue };
        if ends_with_any(&reparsed[inner.clone()], punctuation) {
            continue;
        }
        let offset = doc.line_start(line) + (text.len() - trimmed.len()) - 2;
        hits.push(Hit::new(
            line,
            offset + inner.start..offset + inner.end,
            "emphasis used instead of a heading",
        ));
    }
}

/// Whether a line starts a block other than a paragraph (heading, quote,
/// list item, fence, math block, directive).
fn starts_block(line: &str) -> bool {
    if line.starts_with(['#', '>', '`', '~']) || line.starts_with("$$") || line.starts_with("::") {
        return true;
    }
    let bullet = line.starts_with(['-', '+', '*'])
        && line[1..].chars().next().is_none_or(|c| c == ' ' || c == '\t');
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let ordered = (1..=9).contains(&digits)
        && line[digits..].starts_with(['.', ')'])
        && line[digits + 1..].chars().next().is_none_or(|c| c == ' ' || c == '\t');
    bullet || ordered
}

#[cfg(test)]
mod tests {
    use super::{has_literal_autolink, has_math, has_text_directive, starts_block};

    #[test]
    fn what_splits_micromark_text() {
        assert!(has_text_directive("Note:foo"));
        assert!(has_text_directive("at 10:30:00"));
        assert!(!has_text_directive("Note: foo"));
        assert!(!has_text_directive("https://example.com"));
        assert!(!has_text_directive("a::b"));
        assert!(has_math("$a$ b"));
        assert!(!has_math("cost $5"));
        assert!(has_literal_autolink("see https://example.com"));
        assert!(has_literal_autolink("www.example.com"));
        assert!(has_literal_autolink("me@example.com"));
        assert!(!has_literal_autolink("npm@1.0"));
    }

    #[test]
    fn block_starts() {
        assert!(starts_block("# x"));
        assert!(starts_block("- x"));
        assert!(starts_block("12. x"));
        assert!(!starts_block("**x**"));
        assert!(!starts_block("<p>**x**</p>"));
    }
}
