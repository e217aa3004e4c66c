//! The anchors a Markdown file offers to links: each heading's slug as
//! GitHub writes it (lower case, punctuation dropped, spaces to `-`,
//! repeats numbered `-1`, `-2`) and as GitLab writes it (runs of `-`
//! collapsed), explicit `{#id}` attributes, and HTML `id` / `name`.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag};

use crate::document::Document;

pub fn of(doc: &Document) -> HashSet<String> {
    let mut anchors = HashSet::new();
    let mut github_seen: HashMap<String, usize> = HashMap::new();
    let mut gitlab_seen: HashMap<String, usize> = HashMap::new();
    for heading in &doc.headings {
        for (slug, seen) in [
            (github_slug(&heading.text), &mut github_seen),
            (gitlab_slug(&heading.text), &mut gitlab_seen),
        ] {
            let count = seen.entry(slug.clone()).or_insert(0);
            anchors.insert(if *count == 0 { slug.clone() } else { format!("{slug}-{count}") });
            *count += 1;
        }
    }
    for (event, _) in &doc.events {
        match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => {
                anchors.insert(id.to_string());
            }
            Event::Html(html) | Event::InlineHtml(html) => html_ids(html, &mut anchors),
            _ => {}
        }
    }
    anchors
}

/// Whether `fragment` names an anchor (`#top` always does, as on GitHub).
pub fn matches(anchors: &HashSet<String>, fragment: &str) -> bool {
    fragment == "top" || anchors.contains(fragment)
}

pub fn github_slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
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
