//! The anchors a Markdown file offers to links: each heading's slug as
//! GitHub writes it (lower case, punctuation dropped, spaces to `-`,
//! repeats numbered `-1`, `-2`) and as GitLab writes it (runs of `-`
//! collapsed), explicit `{#id}` attributes, and HTML `id` / `name`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::Event;

use crate::document::{Document, Heading};

pub fn of(doc: &Document) -> HashSet<String> {
    let mut anchors = on_github(doc);
    anchors.extend(numbered(doc.headings.iter().map(|h| gitlab_slug(&slug_source(h)))));
    anchors
}

/// The anchors GitHub renders: heading slugs (repeats numbered), `{#id}`
/// attributes, HTML `id` / `name` values.
pub fn on_github(doc: &Document) -> HashSet<String> {
    let mut anchors: HashSet<String> =
        numbered(doc.headings.iter().map(|h| github_slug(&slug_source(h)))).into_iter().collect();
    anchors.extend(doc.headings.iter().filter_map(|h| h.id.clone()));
    html_anchors(doc, &mut anchors);
    anchors
}

/// `id` and `name` values in the file's HTML, inline or in blocks.
fn html_anchors(doc: &Document, anchors: &mut HashSet<String>) {
    for (event, _) in &doc.events {
        if let Event::Html(html) | Event::InlineHtml(html) = event {
            html_ids(html, anchors);
        }
    }
}

/// The text a heading's slug comes from. GitHub renders `{#id}` as text,
/// so it is part of the slug as well as an anchor of its own.
fn slug_source(heading: &Heading) -> Cow<'_, str> {
    match &heading.id {
        Some(id) => Cow::Owned(format!("{} {{#{id}}}", heading.anchor_text.trim_end())),
        None => Cow::Borrowed(&heading.anchor_text),
    }
}

/// `a`, `a`, `a` -> `a`, `a-1`, `a-2`; empty slugs give no anchor.
fn numbered(slugs: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for slug in slugs.filter(|s| !s.is_empty()) {
        let count = seen.entry(slug.clone()).or_insert(0);
        out.push(if *count == 0 { slug } else { format!("{slug}-{count}") });
        *count += 1;
    }
    out
}

/// Whether `fragment` names an anchor (`#top` always does, as on GitHub).
pub fn matches(anchors: &HashSet<String>, fragment: &str) -> bool {
    fragment == "top" || anchors.contains(fragment)
}

/// GitHub's slug: lower case; letters, marks, numbers, connector
/// punctuation and `-` kept; spaces to `-`; everything else dropped.
pub fn github_slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' => Some(c),
            c if c.is_alphanumeric() || is_mark(c) || is_connector(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Combining marks of the common blocks (accents written as a separate
/// code point, emoji variation selectors).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}')
}

/// Unicode's connector punctuation (`_` and its look-alikes).
fn is_connector(c: char) -> bool {
    matches!(
        c,
        '_' | '\u{203F}' | '\u{2040}' | '\u{2054}' | '\u{FE33}' | '\u{FE34}' | '\u{FE4D}'
            ..='\u{FE4F}' | '\u{FF3F}'
    )
}

fn gitlab_slug(text: &str) -> String {
    let mut out = String::new();
    for c in github_slug(text).chars() {
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    out
}

/// `id="x"` and `name="x"` attributes in a piece of HTML.
fn html_ids(html: &str, anchors: &mut HashSet<String>) {
    for key in ["id=", "name="] {
        let mut rest = html;
        while let Some(at) = rest.find(key) {
            let before = rest[..at].chars().last();
            rest = &rest[at + key.len()..];
            if before.is_some_and(|c| !c.is_whitespace()) {
                continue;
            }
            let quote = rest.chars().next();
            let value = match quote {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next(),
                _ => rest.split(|c: char| c.is_whitespace() || c == '>').next(),
            };
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                anchors.insert(value.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_duplicates_ids_and_html() {
        let text = "# Tips & Tricks\n\n## Tips & Tricks\n\n## Café: déjà vu!\n\n## Custom {#my-id}\n\n<a name=\"legacy\"></a>\n<div id='box'></div>\n";
        let index = lintgate_engine::source::LineIndex::new(text);
        let doc = Document::parse(text, &index);
        let anchors = of(&doc);
        for a in [
            "tips--tricks",
            "tips--tricks-1",
            "tips-tricks",
            "café-déjà-vu",
            "my-id",
            "legacy",
            "box",
        ] {
            assert!(anchors.contains(a), "{a} missing from {anchors:?}");
        }
        assert!(matches(&anchors, "top") && !matches(&anchors, "Tips--Tricks"));
    }
}
