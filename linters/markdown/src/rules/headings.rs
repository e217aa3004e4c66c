//! Headings: levels, styles, spacing after `#`, placement, duplicates.

use std::collections::HashSet;

use super::{Hit, Params};
use crate::document::{Document, Heading, HeadingStyle, LineKind};

/// MD001: heading levels go down one at a time (`#` then `###` skips one).
pub fn increment(doc: &Document, params: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    // A front matter title is the level-1 heading before the first one.
    let mut previous: Option<u8> = front_matter_title(doc, params).then_some(1);
    for h in &doc.headings {
        if let Some(prev) = previous
            && h.level > prev + 1
        {
            hits.push(Hit::line(
                doc,
                h.line,
                format!(
                    "heading level {} after level {prev}: expected level {}",
                    h.level,
                    prev + 1
                ),
            ));
        }
        previous = Some(h.level);
    }
    hits
}

/// MD003: one heading style per file (`style`: consistent, atx,
/// atx_closed, setext, setext_with_atx, setext_with_atx_closed).
pub fn style(doc: &Document, params: &Params) -> Vec<Hit> {
    let configured = params.string("style", "consistent");
    let mut expected: Option<&str> = match configured {
        "consistent" => None,
        other => Some(other),
    };
    let mut hits = Vec::new();
    for h in &doc.headings {
        let actual = h.style.name();
        let want = *expected.get_or_insert(actual);
        let ok = match want {
            "setext_with_atx" => {
                if h.level <= 2 {
                    h.style == HeadingStyle::Setext
                } else {
                    h.style == HeadingStyle::Atx
                }
            }
            "setext_with_atx_closed" => {
                if h.level <= 2 {
                    h.style == HeadingStyle::Setext
                } else {
                    h.style == HeadingStyle::AtxClosed
                }
            }
            want => want == actual,
        };
        if !ok {
            hits.push(Hit::line(
                doc,
                h.line,
                format!("{actual} heading; this file's headings are {want}"),
            ));
        }
    }
    hits
}

/// Lines that could hold ATX-looking text: not code, HTML or front matter.
fn text_lines<'d>(doc: &'d Document) -> impl Iterator<Item = usize> + 'd {
    (0..doc.line_count()).filter(|&l| doc.kinds[l] == LineKind::Text)
}

fn is_heading_line(doc: &Document, line: usize) -> bool {
    doc.headings.iter().any(|h| h.line == line)
}

/// MD018: `#Heading`, a heading without the space after its hashes.
pub fn missing_space_atx(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    for line in text_lines(doc) {
        // As markdownlint: the line starts with the hashes, and a line
        // ending in `#` is a closed heading (MD020's) or not one at all.
        let text = doc.line(line);
        let hashes = text.len() - text.trim_start_matches('#').len();
        let after = text[hashes..].chars().next();
        let keycap = matches!(after, Some('\u{fe0f}' | '\u{20e3}'));
        if (1..=6).contains(&hashes)
            && after.is_some_and(|c| !c.is_whitespace() && c != '#')
            && !keycap
            && !text.trim_end().ends_with('#')
            && !is_heading_line(doc, line)
        {
            hits.push(Hit::line(
                doc,
                line,
                "no space after the heading's `#`: it is not a heading",
            ));
        }
    }
    hits
}

/// The hashes and the spaces after them on an ATX heading's line.
fn atx_prefix(doc: &Document, h: &Heading) -> Option<(usize, usize)> {
    if h.style == HeadingStyle::Setext {
        return None;
    }
    let line_start = doc.line_start(h.line);
    let text = doc.from(h.range.start, h.line);
    let indent = text.len() - text.trim_start().len();
    let rest = &text[indent..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let spaces = rest[hashes..].len() - rest[hashes..].trim_start_matches([' ', '\t']).len();
    Some((h.range.start.max(line_start) - line_start + indent + hashes, spaces))
}

/// MD019: more than one space after an ATX heading's hashes.
pub fn multiple_space_atx(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    for h in &doc.headings {
        if h.style != HeadingStyle::Atx {
            continue;
        }
        if let Some((end, spaces)) = atx_prefix(doc, h)
            && spaces > 1
            && !doc.line(h.line)[end..].trim().is_empty()
        {
            let start = doc.line_start(h.line) + end;
            hits.push(Hit::new(
                h.line,
                start..start + spaces,
                "more than one space after the heading's `#`",
            ));
        }
    }
    hits
}

/// MD023: a heading indented from its margin: the line's start, or the
/// content column of the list item it is in.
pub fn start_left(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    for h in &doc.headings {
        let start = doc.line_start(h.line);
        let before = &doc.text[start..h.range.start.max(start)];
        if before.is_empty() || before.contains(|c: char| !c.is_whitespace()) {
            // At the margin, or after a list marker or `>` on the same line.
            continue;
        }
        let margin = item_content_column(doc, h.range.start).unwrap_or(0);
        if before.len() > margin {
            hits.push(Hit::new(
                h.line,
                start + margin..start + before.len(),
                "heading does not start at the beginning of the line",
            ));
        }
    }
    hits
}

/// The byte column where the innermost list item around `offset` puts its
/// content (after the marker and up to four spaces).
fn item_content_column(doc: &Document, offset: usize) -> Option<usize> {
    use pulldown_cmark::{Event, Tag};
    let item = doc
        .events
        .iter()
        .filter(|(event, range)| {
            matches!(event, Event::Start(Tag::Item)) && range.start < offset && offset < range.end
        })
        .map(|(_, range)| range.start)
        .next_back()?;
    let line = doc.index.line_of(item);
    let column = item - doc.line_start(line);
    let text = doc.from(item, line);
    let marker = match text.chars().next()? {
        '-' | '*' | '+' => 1,
        _ => text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len() + 1,
    };
    let spaces = text[marker.min(text.len())..].len()
        - text[marker.min(text.len())..].trim_start_matches(' ').len();
    Some(column + marker + if (1..=4).contains(&spaces) { spaces } else { 1 })
}

/// MD024: two headings with the same text (`siblings_only`: only under
/// the same parent heading).
pub fn duplicate(doc: &Document, params: &Params) -> Vec<Hit> {
    let siblings_only = params.boolean("siblings_only", false);
    let mut hits = Vec::new();
    let mut seen: HashSet<(Vec<String>, String)> = HashSet::new();
    let mut parents: Vec<(u8, String)> = Vec::new();
    for h in &doc.headings {
        while parents.last().is_some_and(|(level, _)| *level >= h.level) {
            parents.pop();
        }
        let scope: Vec<String> = if siblings_only {
            parents.iter().map(|(_, t)| t.clone()).collect()
        } else {
            Vec::new()
        };
        let text = raw_text(doc, h);
        if !seen.insert((scope, text.clone())) {
            hits.push(Hit::line(
                doc,
                h.line,
                format!("another heading has the same text: `{text}`"),
            ));
        }
        parents.push((h.level, text));
    }
    hits
}

/// A heading's source text: markup kept, hashes and spacing around removed
/// (markdownlint compares headings as written).
fn raw_text(doc: &Document, h: &Heading) -> String {
    let text = doc.from(h.range.start, h.line).trim();
    match h.style {
        HeadingStyle::Setext => text.to_string(),
        _ => {
            let content = text.trim_start_matches('#').trim();
            let closed = content.trim_end_matches('#');
            if closed.len() < content.len() && closed.ends_with([' ', '\t']) {
                closed.trim_end()
            } else {
                content
            }
            .to_string()
        }
    }
}

fn front_matter_title(doc: &Document, params: &Params) -> bool {
    let key = params.string("front_matter_title", "title");
    let Some(lines) = &doc.front_matter else { return false };
    !key.is_empty()
        && lines.clone().any(|l| {
            // `title:`, `"Title" =`: the key in any case, optionally quoted.
            let text = doc.line(l).trim_start();
            let text = text.strip_prefix('"').unwrap_or(text);
            text.get(..key.len()).is_some_and(|k| k.eq_ignore_ascii_case(key)) && {
                let rest = &text[key.len()..];
                let rest = rest.strip_prefix('"').unwrap_or(rest);
                rest.trim_start().starts_with([':', '='])
            }
        })
}

/// MD025: more than one top-level heading (`level`, default 1), when the
/// first one is the document's title (nothing but front matter, blank lines
/// and HTML comments before it) or front matter has a `title:`.
pub fn single_title(doc: &Document, params: &Params) -> Vec<Hit> {
    let level = params.number("level", 1) as u8;
    let mut matching = doc.headings.iter().filter(|h| h.level == level);
    let Some(first) = matching.next() else { return Vec::new() };
    let from_front_matter = front_matter_title(doc, params);
    if !from_front_matter && first_content_line(doc) != Some(first.line) {
        return Vec::new();
    }
    let title = "a second top-level heading: the document has one title";
    let others = if from_front_matter {
        doc.headings.iter().filter(|h| h.level == level).collect::<Vec<_>>()
    } else {
        matching.collect()
    };
    others.into_iter().map(|h| Hit::line(doc, h.line, title)).collect()
}

/// The first line with content: not front matter, blank, or an HTML comment.
fn first_content_line(doc: &Document) -> Option<usize> {
    let mut comment_start = None;
    for line in 0..doc.line_count() {
        if doc.kinds[line] == LineKind::FrontMatter || doc.is_blank(line) {
            continue;
        }
        let text = doc.source_line(line).trim();
        if comment_start.is_none() && !text.starts_with("<!--") {
            return Some(line);
        }
        let start = *comment_start.get_or_insert(line);
        if !text.contains("-->") {
            continue;
        }
        comment_start = None;
        if !text.ends_with("-->") {
            return Some(line);
        }
        // markdownlint skips only a comment it would call one.
        let first = doc.line_start(start);
        let comment = doc.text[first..doc.line_start(line) + doc.source_line(line).len()].trim();
        if !crate::comments::is_block_comment(comment) {
            return Some(start);
        }
    }
    None
}

/// MD026: a heading ending in punctuation (`punctuation`, default `.,;:!`
/// and their full-width forms).
pub fn trailing_punctuation(doc: &Document, params: &Params) -> Vec<Hit> {
    let punctuation = params.string("punctuation", ".,;:!。，；：！");
    let mut hits = Vec::new();
    for h in &doc.headings {
        let text = doc.line(h.line);
        let content = match h.style {
            HeadingStyle::Setext => text.trim_end(),
            _ => text.trim_end().trim_end_matches('#').trim_end(),
        };
        let Some(last) = content.chars().last() else { continue };
        if punctuation.contains(last) && !ends_with_entity(content) {
            let start = doc.line_start(h.line) + content.len() - last.len_utf8();
            hits.push(Hit::new(
                h.line,
                start..start + last.len_utf8(),
                format!("heading ends with punctuation `{last}`"),
            ));
        }
    }
    hits
}

/// `&copy;` ends in `;` without being punctuation.
fn ends_with_entity(text: &str) -> bool {
    text.rfind('&').is_some_and(|at| {
        let entity = &text[at + 1..text.len() - 1];
        !entity.is_empty() && entity.chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
    })
}

/// MD041: the file starts with a top-level heading (after front matter
/// and HTML comments; an HTML `<h1>` counts; a front matter `title:` is
/// enough).
pub fn first_line(doc: &Document, params: &Params) -> Vec<Hit> {
    let level = params.number("level", 1) as u8;
    if front_matter_title(doc, params) {
        return Vec::new();
    }
    let Some(line) = first_content_line(doc) else { return Vec::new() };
    let ok = match doc.headings.iter().find(|h| h.line == line) {
        Some(h) => h.level == level,
        None => html_heading_level(doc.line(line)) == Some(level),
    };
    if ok {
        Vec::new()
    } else {
        vec![Hit::line(doc, line, format!("the first line is not a level-{level} heading"))]
    }
}

/// `<h2 ...>` -> 2.
fn html_heading_level(line: &str) -> Option<u8> {
    let rest = line.trim_start().strip_prefix('<')?;
    let mut chars = rest.chars();
    let (h, digit, after) = (chars.next()?, chars.next()?, chars.next());
    let level = digit.to_digit(10)? as u8;
    ((h == 'h' || h == 'H')
        && (1..=6).contains(&level)
        && after.is_none_or(|c| c == '>' || c.is_whitespace()))
    .then_some(level)
}

/// A closed ATX heading line: hashes, spaces, content, spaces, an optional
/// escaped `#`, hashes (markdownlint's reading, as a line pattern).
fn closed_atx() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"^(#+)([ \t]*)([^# \t\\]|[^# \t][^#]*?[^# \t\\])([ \t]*)((?:\\#)?)(#+)(\s*)$",
        )
        .expect("a valid pattern")
    })
}

/// MD020: a closed ATX heading without a space inside its hashes
/// (`##Title##`, `## Title##`).
pub fn missing_space_closed_atx(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    for line in (0..doc.line_count()).filter(|&l| doc.kinds[l] == LineKind::Text) {
        let Some(m) = closed_atx().captures(doc.line(line)) else { continue };
        let no_left = m[2].is_empty();
        let no_right = m[4].is_empty() || !m[5].is_empty();
        if no_left || no_right {
            hits.push(Hit::line(doc, line, "closed heading without a space inside its `#`s"));
        }
    }
    hits
}

/// MD021: more than one space inside a closed ATX heading's hashes.
pub fn multiple_space_closed_atx(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    for h in doc.headings.iter().filter(|h| h.style == HeadingStyle::AtxClosed) {
        let text = doc.from(h.range.start, h.line).trim_start();
        let Some(m) = closed_atx().captures(text) else { continue };
        if m[2].len() > 1 || m[4].len() > 1 {
            hits.push(Hit::line(
                doc,
                h.line,
                "more than one space inside the closed heading's `#`s",
            ));
        }
    }
    hits
}
