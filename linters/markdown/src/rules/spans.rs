//! Spans: reversed link syntax and spaces just inside code spans.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Hit, Params};
use crate::document::{Document, LineKind};

/// MD011: `(text)[destination]`, link syntax with the brackets swapped.
/// As in markdownlint, a pattern over each line outside code blocks and
/// code spans (`[^` footnotes and a following `(` excepted), not a parse.
pub fn reversed_links(doc: &Document, _: &Params) -> Vec<Hit> {
    let spans: Vec<Range<usize>> = doc
        .events
        .iter()
        .filter(|(event, _)| matches!(event, Event::Code(_)))
        .map(|(_, range)| range.clone())
        .collect();
    let mut hits = Vec::new();
    for line in 0..doc.line_count() {
        if matches!(doc.kinds[line], LineKind::Code | LineKind::FrontMatter) {
            continue;
        }
        let start = doc.line_start(line);
        for found in reversed_in(doc.line(line)) {
            let found = start + found.start..start + found.end;
            // markdownlint counts a match starting just after a code span as
            // overlapping it.
            let first = spans.partition_point(|s| s.end < found.start);
            if spans.get(first).is_some_and(|s| s.start < found.end) {
                continue;
            }
            hits.push(Hit::new(line, found, "reversed link syntax: write [text](destination)"));
        }
    }
    hits
}

/// The byte ranges of `(text)[destination]` in a line, scanned left to
/// right without overlaps: not after a backslash, `text` without
/// parentheses, `destination` not starting with `^`, neither ending in a
/// backslash, and no `(` right after.
fn reversed_in(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut found = Vec::new();
    // Every match holds `)[`; most lines have none.
    if memchr::memmem::find(bytes, b")[").is_none() {
        return found;
    }
    // Where the next parenthesis and closing bracket are, from a position
    // at or after the last lookup (positions only grow: linear).
    let mut next_paren = (0usize, None::<usize>);
    let mut next_close = (0usize, None::<usize>);
    let seek = |cache: &mut (usize, Option<usize>), from: usize, want: &dyn Fn(u8) -> bool| {
        if cache.0 > from && cache.1.is_none_or(|p| p >= from) {
            return cache.1;
        }
        let at = bytes[from.min(bytes.len())..].iter().position(|b| want(*b)).map(|p| from + p);
        *cache = (from.max(at.unwrap_or(bytes.len())) + 1, at);
        at
    };
    let mut at = 0;
    while at < bytes.len() {
        // The opening parenthesis is the line's first character, or follows
        // one that is not a backslash (that character is part of the match).
        let mut candidates = [None, None];
        if at == 0 && bytes[0] == b'(' {
            candidates[0] = Some(0);
        }
        if bytes[at] != b'\\' && bytes.get(at + 1) == Some(&b'(') {
            candidates[1] = Some(at + 1);
        }
        let mut matched = None;
        for open in candidates.into_iter().flatten() {
            matched = (|| {
                let close = seek(&mut next_paren, open + 1, &|b| b == b'(' || b == b')')?;
                if bytes[close] != b')' || close == open + 1 || bytes.get(close + 1) != Some(&b'[')
                {
                    return None;
                }
                let dest = close + 2;
                if matches!(bytes.get(dest), None | Some(b']' | b'^')) {
                    return None;
                }
                let end = seek(&mut next_close, dest + 1, &|b| b == b']')?;
                if bytes.get(end + 1) == Some(&b'(') {
                    return None;
                }
                Some((open, close, end))
            })();
            if matched.is_some() {
                break;
            }
        }
        match matched {
            Some((open, close, end)) => {
                if bytes[close - 1] != b'\\' && bytes[end - 1] != b'\\' {
                    found.push(open..end + 1);
                }
                at = end + 1;
            }
            None => at += 1,
        }
    }
    found
}

/// MD038: spaces just inside a code span's backticks beyond the one space
/// of padding CommonMark strips (`` ` code ` `` is fine, `` `code ` `` is
/// not); a space before a backtick that would otherwise end the span is
/// allowed.
pub fn space_in_code(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut containers: Vec<Container> = Vec::new();
    for (event, range) in &doc.events {
        match event {
            Event::Start(Tag::BlockQuote(_)) => containers.push(Container::Quote),
            Event::Start(Tag::Item) => containers.push(Container::Item(range.start)),
            Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => {
                containers.pop();
            }
            Event::Code(_) => code_span(doc, range, &containers, &mut hits),
            _ => {}
        }
    }
    hits
}

/// What a container takes from the start of each of its lines.
#[derive(Clone, Copy)]
enum Container {
    /// `>` and one optional space.
    Quote,
    /// Indentation up to the column its content starts in; holds the
    /// item's start, the column is worked out only for the rare code span
    /// that continues onto another line (per item it would be quadratic on
    /// a line of many markers).
    Item(usize),
}

/// The column a list item's content starts in (its marker's column, the
/// marker and the spaces after it, or one space when there are more than
/// four or none).
fn content_column(doc: &Document, item_start: usize) -> usize {
    let line = doc.index.line_of(item_start);
    let start = doc.line_start(line);
    let text = doc.line(line);
    let marker_at = item_start.clamp(start, start + text.len()) - start;
    let rest = &text[marker_at..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if digits > 0 { digits + 1 } else { 1 }.min(rest.len());
    let after = &rest[marker..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    let gap = if after.trim().is_empty() || spaces > 4 || spaces == 0 { 1 } else { spaces };
    columns(&text[..marker_at]) + marker + gap
}

/// The width of `text` in columns (tabs to the next multiple of four).
fn columns(text: &str) -> usize {
    text.chars().fold(0, |col, c| if c == '\t' { col + 4 - col % 4 } else { col + 1 })
}

/// The bytes the containers take from the start of a continuation line
/// (stopping at the first container the line does not continue).
fn container_prefix(doc: &Document, line: &str, containers: &[Container]) -> usize {
    let bytes = line.as_bytes();
    let mut at = 0;
    let mut col = 0;
    for container in containers {
        match container {
            Container::Quote => {
                let indent = bytes[at..].iter().take_while(|b| **b == b' ').count().min(3);
                if bytes.get(at + indent) != Some(&b'>') {
                    break;
                }
                at += indent + 1;
                col += indent + 1;
                if bytes.get(at) == Some(&b' ') {
                    at += 1;
                    col += 1;
                }
            }
            Container::Item(item_start) => {
                let content = content_column(doc, *item_start);
                let mut end = at;
                let mut end_col = col;
                while end_col < content {
                    match bytes.get(end) {
                        Some(b' ') => end_col += 1,
                        Some(b'\t') => end_col += 4 - end_col % 4,
                        _ => break,
                    }
                    end += 1;
                }
                if end_col < content {
                    break;
                }
                at = end;
                col = end_col;
            }
        }
    }
    at
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    Space,
    Data,
    LineEnding,
}

fn code_span(doc: &Document, range: &Range<usize>, containers: &[Container], hits: &mut Vec<Hit>) {
    let source = &doc.text[range.clone()];
    let ticks = source.bytes().take_while(|b| *b == b'`').count();
    if source.len() < 2 * ticks + 1 || !source.ends_with(&"`".repeat(ticks)) {
        return;
    }
    // The content as micromark's pieces: each space, runs of anything
    // else, line endings; continuation lines lose their containers'
    // prefixes (block quote markers, list item indentation), and only those.
    let content = range.start + ticks..range.end - ticks;
    let mut pieces: Vec<(Piece, Range<usize>)> = Vec::new();
    let text = &doc.text[content.clone()];
    let mut offset = content.start;
    for (n, mut line) in text.split('\n').enumerate() {
        if n > 0 {
            pieces.push((Piece::LineEnding, offset - 1..offset));
            let strip = container_prefix(doc, line, containers);
            offset += strip;
            line = &line[strip..];
        }
        let body = line.strip_suffix('\r').unwrap_or(line);
        let mut at = 0;
        for (i, c) in body.char_indices() {
            if c == ' ' {
                if at < i {
                    pieces.push((Piece::Data, offset + at..offset + i));
                }
                pieces.push((Piece::Space, offset + i..offset + i + 1));
                at = i + 1;
            }
        }
        if at < body.len() {
            pieces.push((Piece::Data, offset + at..offset + body.len()));
        }
        offset += line.len() + 1;
    }
    // One space (or line ending) at each end is padding when both ends
    // have one and something else lies between.
    let (mut head, mut tail) = (0, pieces.len());
    let blank = |p: &Piece| matches!(p, Piece::Space | Piece::LineEnding);
    let padded = pieces.len() > 2
        && blank(&pieces[0].0)
        && blank(&pieces[pieces.len() - 1].0)
        && pieces[1..pieces.len() - 1].iter().any(|(p, _)| *p == Piece::Data);
    if padded {
        head = 1;
        tail -= 1;
    }
    // Data: what lies between line endings.
    let mut datas: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for (piece, r) in &pieces[head..tail] {
        if *piece == Piece::LineEnding {
            datas.extend(current.take());
        } else {
            current = Some(current.map_or(r.clone(), |c| c.start..r.end));
        }
    }
    datas.extend(current);
    let (Some(first), Some(last)) = (datas.first(), datas.last()) else { return };
    let first_text = &doc.text[first.clone()];
    let leading = first_text.len() - first_text.trim_start().len();
    if leading > 0 && leading < first_text.len() {
        let backtick = first_text[leading..].starts_with('`');
        let count = first_text[..leading].chars().count() - usize::from(backtick && !padded);
        if count > 0 {
            let at = first.start;
            hits.push(Hit::new(
                doc.index.line_of(at),
                at..at + leading,
                "spaces inside the code span's opening backticks",
            ));
        }
    }
    let last_text = &doc.text[last.clone()];
    let trailing = last_text.len() - last_text.trim_end().len();
    if trailing > 0 && trailing < last_text.len() {
        let backtick = last_text[..last_text.len() - trailing].ends_with('`');
        let count = last_text[last_text.len() - trailing..].chars().count()
            - usize::from(backtick && !padded);
        if count > 0 {
            let at = last.end - trailing;
            hits.push(Hit::new(
                doc.index.line_of(at),
                at..last.end,
                "spaces inside the code span's closing backticks",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::reversed_in;

    fn found(line: &str) -> Vec<&str> {
        reversed_in(line).into_iter().map(|r| &line[r]).collect()
    }

    #[test]
    fn reversed_links_as_markdownlint_matches_them() {
        assert_eq!(found("(a)[b]"), ["(a)[b]"]);
        assert_eq!(found("x(a)[b] and (c)[d]"), ["(a)[b]", "(c)[d]"]);
        assert_eq!(found("((a)[b]"), ["(a)[b]"]);
        assert_eq!(found("(a)(b)[c]"), ["(b)[c]"]);
        assert!(found(r"\(a)[b]").is_empty());
        assert!(found(r"(a\)[b]").is_empty());
        assert!(found(r"(a)[b\]").is_empty());
        assert!(found("(a)[^1]").is_empty());
        assert!(found("(a)[b](c)").is_empty());
        assert!(found("(a)[]").is_empty());
        assert!(found("(a)[b").is_empty());
        assert!(found("(a) [b]").is_empty());
    }

    #[test]
    fn long_lines_stay_linear() {
        let line = "(a)[b".repeat(200_000);
        assert!(found(&line).is_empty());
    }
}
