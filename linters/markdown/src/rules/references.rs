//! Reference-style links: labels nothing defines (MD052) and definitions
//! nothing uses or that repeat an earlier label (MD053). Labels compare as
//! markdownlint compares them (lower case, whitespace collapsed); footnotes
//! count as labels `^name`.

use std::collections::HashSet;

use pulldown_cmark::{Event, LinkType, Tag};

use super::{Hit, LineSet, Params};
use crate::document::{BrokenReference, Document, LineKind, normalize_label};

/// MD052: `[text][label]` or `[label][]` whose label is not defined
/// (`[label]` alone too with `shortcut_syntax`); `ignored_labels` default to
/// `x`, the task-list look-alike.
pub fn undefined_references(doc: &Document, params: &Params) -> Vec<Hit> {
    let shortcuts = params.boolean("shortcut_syntax", false);
    let ignored: Vec<String> =
        params.strings("ignored_labels", &["x"]).iter().map(|l| normalize_label(l)).collect();
    let mut hits = Vec::new();
    for broken in &doc.broken_references {
        let checked = match broken.kind {
            LinkType::Reference | LinkType::Collapsed => true,
            LinkType::Shortcut => shortcuts,
            _ => false,
        };
        let Some(label) = label_as_markdownlint_reads(&doc.text[broken.range.clone()], broken)
        else {
            continue;
        };
        if checked && !ignored.contains(&label) {
            let line = doc.index.line_of(broken.range.start);
            let message = format!("missing link or image reference definition `{label}`");
            hits.push(Hit::new(line, broken.range.clone(), message));
        }
    }
    hits
}

/// The label markdownlint checks for `[text][label]`: none when the text is
/// a single code span (``[`Type::method`][]``, rustdoc's intra-doc links,
/// which it leaves alone); the text when the label is one.
fn label_as_markdownlint_reads(source: &str, broken: &BrokenReference) -> Option<String> {
    let is_code = |part: &str| part.len() >= 2 && part.starts_with('`') && part.ends_with('`');
    let inner = source.strip_prefix('!').unwrap_or(source);
    let Some(inner) = inner.strip_prefix('[').and_then(|s| s.strip_suffix(']')) else {
        return Some(broken.label.clone());
    };
    let (text, label) = inner.split_once("][").unwrap_or((inner, ""));
    if is_code(text.trim()) {
        return None;
    }
    if is_code(label.trim()) {
        return Some(normalize_label(text));
    }
    Some(broken.label.clone())
}

/// MD053: a definition no link or image uses, and every later definition
/// of a label already defined; `ignored_definitions` default to `//`, the
/// comment idiom `[//]: # (...)`.
pub fn unused_definitions(doc: &Document, params: &Params) -> Vec<Hit> {
    let ignored: HashSet<String> =
        params.strings("ignored_definitions", &["//"]).iter().map(|l| normalize_label(l)).collect();
    let used = used_labels(doc);
    let mut hits = Vec::new();
    let mut report = |line: usize, what: &str, label: &str| {
        if !ignored.contains(label) {
            let message = format!("{what} link or image reference definition `{label}`");
            hits.push(Hit::line(doc, line, message));
        }
    };
    let mut defined: HashSet<String> = HashSet::new();
    for definition in &doc.definitions {
        defined.insert(definition.label.clone());
        if !used.contains(&definition.label) {
            report(doc.index.line_of(definition.range.start), "unused", &definition.label);
        }
    }
    let first_lines: HashSet<usize> =
        doc.definitions.iter().map(|d| doc.index.line_of(d.range.start)).collect();
    let mut footnotes_seen = HashSet::new();
    for (event, range) in &doc.events {
        if let Event::Start(Tag::FootnoteDefinition(name)) = event {
            let label = format!("^{}", normalize_label(name));
            let line = doc.index.line_of(range.start);
            if !footnotes_seen.insert(label.clone()) {
                report(line, "duplicate", &label);
            } else if !used.contains(&label) {
                report(line, "unused", &label);
            }
        }
    }
    for (line, label) in definition_lines(doc) {
        if defined.contains(&label) && !first_lines.contains(&line) {
            report(line, "duplicate", &label);
        }
    }
    hits.sort_by_key(|hit| hit.line);
    hits
}

/// Labels that links, images and footnote references use, defined or not.
fn used_labels(doc: &Document) -> HashSet<String> {
    let mut used = HashSet::new();
    for (event, _) in &doc.events {
        match event {
            Event::Start(Tag::Link { link_type, id, .. } | Tag::Image { link_type, id, .. })
                if is_reference(*link_type) =>
            {
                used.insert(normalize_label(id));
            }
            Event::FootnoteReference(name) => {
                used.insert(format!("^{}", normalize_label(name)));
            }
            _ => {}
        }
    }
    for broken in &doc.broken_references {
        used.insert(broken.label.clone());
    }
    used
}

fn is_reference(kind: LinkType) -> bool {
    matches!(
        kind,
        LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown
    )
}

/// Lines that hold a definition, valid or repeated: a `[label]:` start
/// (after any block quote markers and indentation) on a text line that no
/// paragraph, heading, table or inline text covers; the parser drops repeated
/// definitions without a trace, so they are found here.
pub(super) fn definition_lines(doc: &Document) -> Vec<(usize, String)> {
    let mut covered = LineSet::new(doc);
    for (event, range) in &doc.events {
        // A tight list item's text comes without a paragraph around it.
        if let Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Table(_))
        | Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_) = event
        {
            let (first, last) = doc.lines_of(range);
            covered.insert(first, last);
        }
    }
    let mut found = Vec::new();
    for line in 0..doc.line_count() {
        if covered.contains(line) || doc.kinds[line] != LineKind::Text {
            continue;
        }
        if let Some(label) = definition_label(without_containers(doc.line(line))) {
            found.push((line, normalize_label(label)));
        }
    }
    found
}

/// A line without the block quote markers, list markers and indentation
/// of the containers it starts in.
fn without_containers(line: &str) -> &str {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let marker = match trimmed.as_bytes().get(digits) {
            Some(b'-' | b'*' | b'+') if digits == 0 => 1,
            Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
            _ => return trimmed,
        };
        if !trimmed[marker..].starts_with([' ', '\t']) {
            return trimmed;
        }
        rest = &trimmed[marker..];
    }
}

/// `label` of a line starting `[label]:` (a label of at least one
/// character, not ending in a backslash).
fn definition_label(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('[')?;
    let end = rest.find(']')?;
    let label = &rest[..end];
    let valid = !label.is_empty() && !label.ends_with('\\') && !label.starts_with('^');
    (valid && rest[end + 1..].starts_with(':')).then_some(label)
}
