//! Links, images and URLs in text.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Hit, Params};
use crate::document::Document;

/// MD042: a link with no destination (or only `#`).
pub fn empty_links(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (event, range) in &doc.events {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && matches!(dest_url.trim(), "" | "#")
        {
            let line = doc.index.line_of(range.start);
            hits.push(Hit::new(line, range.clone(), "link without a destination"));
        }
    }
    hits
}

/// MD045: an image without alternative text (Markdown or HTML `<img>`;
/// `aria-hidden="true"` images need none).
pub fn no_alt_text(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut open: Option<(std::ops::Range<usize>, bool)> = None;
    for (event, range) in &doc.events {
        match event {
            Event::Start(Tag::Image { .. }) => open = Some((range.clone(), false)),
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => {
                if let Some((_, has_text)) = open.as_mut() {
                    *has_text = true;
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((range, false)) = open.take() {
                    hits.push(Hit::new(
                        doc.index.line_of(range.start),
                        range,
                        "image without alternative text",
                    ));
                }
            }
            // A block's HTML arrives a line at a time: read the block whole.
            Event::Start(Tag::HtmlBlock) => images_without_alt(doc, range.clone(), &mut hits),
            Event::InlineHtml(_) => images_without_alt(doc, range.clone(), &mut hits),
            _ => {}
        }
    }
    hits
}

fn images_without_alt(doc: &Document, range: std::ops::Range<usize>, hits: &mut Vec<Hit>) {
    let html = doc.visible(range.clone()).to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = html[at..].find("<img") {
        let start = at + found;
        let end = html[start..].find('>').map_or(html.len(), |e| start + e);
        let tag = &html[start..end];
        at = end;
        let has_alt =
            tag.match_indices("alt=").any(|(i, _)| tag[..i].ends_with(char::is_whitespace));
        if !has_alt && !tag.contains("aria-hidden=\"true\"") {
            let offset = range.start + start;
            hits.push(Hit::new(
                doc.index.line_of(offset),
                offset..range.start + end,
                "image without alternative text",
            ));
        }
    }
}

/// MD039: link text with spaces just inside its brackets (`[ text ](url)`).
pub fn space_in_links(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (event, range) in &doc.events {
        let Event::Start(Tag::Link { .. }) = event else { continue };
        let source = &doc.text[range.clone()];
        let Some(label) = source.strip_prefix('[').and_then(label_of) else { continue };
        if label.trim().is_empty() {
            continue;
        }
        if label.starts_with(char::is_whitespace) || label.ends_with(char::is_whitespace) {
            hits.push(Hit::new(
                doc.index.line_of(range.start),
                range.clone(),
                "spaces inside the link text's brackets",
            ));
        }
    }
    hits
}

/// The text up to the `]` that closes the opening `[`.
fn label_of(rest: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' if depth == 0 => return Some(&rest[..i]),
            ']' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// MD034: a bare URL or e-mail address in text (not in a link, code or
/// HTML), as GFM would auto-link it: at the start of text or after
/// whitespace, `*`, `_`, `~` or `(`.
pub fn bare_urls(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut in_link = 0usize;
    let mut in_code = false;
    for (event, range) in &doc.events {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if in_link == 0 && !in_code && bare_url_in(doc.text, range.clone()) => {
                hits.push(Hit::new(
                    doc.index.line_of(range.start),
                    range.clone(),
                    "bare URL: write it as <URL> or a [link](URL)",
                ));
            }
            _ => {}
        }
    }
    hits
}

fn autolink_may_follow(before: Option<char>) -> bool {
    before.is_none_or(|c| c.is_whitespace() || matches!(c, '*' | '_' | '~' | '('))
}

/// Whether `text[range]` holds an auto-linkable URL or address (the
/// character before one may lie before the range).
pub(super) fn bare_url_in(full: &str, range: std::ops::Range<usize>) -> bool {
    let text = &full[..range.end];
    for scheme in ["https://", "http://"] {
        let mut at = range.start;
        while let Some(found) = text[at..].find(scheme) {
            let start = at + found;
            at = start + scheme.len();
            let host = text[at..].chars().next();
            if autolink_may_follow(text[..start].chars().last())
                && host.is_some_and(|c| c.is_alphanumeric())
            {
                return true;
            }
        }
    }
    // user@example.com
    let mut at = range.start;
    while let Some(found) = text[at..].find('@') {
        let at_sign = at + found;
        at = at_sign + 1;
        let local_start = text[..at_sign]
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+')))
            .map_or(0, |(i, c)| i + c.len_utf8())
            .max(range.start);
        let local = &text[local_start..at_sign];
        let domain: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            .collect();
        let domain = domain.trim_end_matches('.');
        // GFM's extended e-mail autolink (as micromark reads it): any text,
        // a dotted domain whose last label has no digit (`npm@1.5.0` is a
        // version, `npm@3.x` an address).
        let last_label = domain.rsplit('.').next().unwrap_or("");
        if !local.is_empty()
            && domain.contains('.')
            && domain.ends_with(|c: char| c.is_ascii_alphanumeric())
            && !last_label.contains(|c: char| c.is_ascii_digit())
        {
            return true;
        }
    }
    false
}

/// Whether a tag's closing `>` is the first thing on a later line, which
/// markdownlint reads as a block quote marker, not the end of a tag
/// (`<p` / `>text</p>`); `/>` there still closes the tag.
fn closes_at_line_start(after_name: &str) -> bool {
    let mut quote = None;
    let mut line_start = false;
    for c in after_name.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return line_start,
            (None, '\n') => line_start = true,
            (None, c) if c.is_whitespace() => {}
            (None, _) => line_start = false,
        }
    }
    false
}

/// MD033: an opening HTML tag (inline or in an HTML block), unless its
/// element is in `allowed_elements`.
pub fn inline_html(doc: &Document, params: &Params) -> Vec<Hit> {
    let allowed: Vec<String> = params
        .strings("allowed_elements", &[])
        .iter()
        .map(|element| element.to_ascii_lowercase())
        .collect();
    let mut hits = Vec::new();
    for (event, range) in &doc.events {
        if !matches!(event, Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_)) {
            continue;
        }
        let html = &doc.text[range.clone()];
        let mut at = 0;
        while let Some(found) = html[at..].find('<') {
            let start = at + found;
            let rest = &html[start + 1..];
            if rest.starts_with("!--") {
                at = rest.find("-->").map_or(html.len(), |e| start + 1 + e + 3);
                continue;
            }
            at = start + 1;
            let name: String =
                rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let after = rest[name.len()..].chars().next();
            if !after.is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
                || closes_at_line_start(&rest[name.len()..])
            {
                continue;
            }
            if !allowed.contains(&name.to_ascii_lowercase()) {
                let offset = range.start + start;
                hits.push(Hit::new(
                    doc.index.line_of(offset),
                    offset..offset + 1 + name.len(),
                    format!("inline HTML element `<{name}>`"),
                ));
            }
        }
    }
    hits
}
