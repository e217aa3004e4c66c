//! MD051: links to `#fragment` in the same file that no heading or anchor
//! provides. Fragments compare percent-decoded and case-sensitively, as
//! browsers do.

use std::collections::HashMap;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use regex::Regex;

use super::{Hit, Params};
use crate::anchors;
use crate::document::Document;
use crate::links::percent_decode;

/// MD051: an inline link or a definition whose destination is `#fragment`
/// and no heading slug (GitHub's rules), `{#id}`, HTML `id` or `<a name>`
/// matches; `#top` and GitHub's line links (`#L10`, `#L10C2-L12`) always
/// do. `ignore_case` accepts a match in another case; `ignored_pattern`
/// is a regular expression of fragments to leave alone.
pub fn link_fragments(doc: &Document, params: &Params) -> Vec<Hit> {
    let ignore_case = params.boolean("ignore_case", false);
    let ignored = match params.string("ignored_pattern", "") {
        "" => None,
        pattern => Regex::new(pattern).ok(),
    };
    let mut known = anchors::on_github(doc);
    known.insert("top".to_string());
    // Each anchor by its lower case, for "did you mean" on a case mismatch.
    let by_lower: HashMap<String, &String> =
        known.iter().map(|anchor| (anchor.to_lowercase(), anchor)).collect();
    let check = |written: &str, line: usize, range: std::ops::Range<usize>| {
        let fragment = &percent_decode(written);
        if known.contains(fragment.as_str())
            || is_line_link(fragment)
            || ignored.as_ref().is_some_and(|re| re.is_match(fragment))
        {
            return None;
        }
        let message = match by_lower.get(&fragment.to_lowercase()) {
            Some(_) if ignore_case => return None,
            Some(expected) => format!("`#{written}` differs in case from the anchor `#{expected}`"),
            None => format!("no heading or anchor `#{written}` in this file"),
        };
        Some(Hit::new(line, range, message))
    };
    let mut hits = Vec::new();
    let mut in_heading = false;
    for (event, range) in &doc.events {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url, .. }) => {
                let Some(fragment) = dest_url.strip_prefix('#').filter(|f| !f.is_empty()) else {
                    continue;
                };
                // DocFX tab headings (`# [Linux](#tab/linux)`) are not links.
                if in_heading && fragment.starts_with("tab/") {
                    continue;
                }
                hits.extend(check(fragment, doc.index.line_of(range.start), range.clone()));
            }
            _ => {}
        }
    }
    for definition in &doc.definitions {
        if let Some(fragment) = definition.destination.strip_prefix('#').filter(|f| !f.is_empty()) {
            let line = doc.index.line_of(definition.range.start);
            hits.extend(check(fragment, line, definition.range.clone()));
        }
    }
    hits.sort_by_key(|hit| hit.range.start);
    hits
}

/// GitHub's links to source lines: `L10`, `L10C2`, `L10-L12`, `L10C1-L12C5`
/// (a range needs both ends).
fn is_line_link(fragment: &str) -> bool {
    let position = |text: &str| -> bool {
        let Some(rest) = text.strip_prefix('L') else { return false };
        let (line, column) = rest.split_once('C').unwrap_or((rest, "1"));
        [line, column].iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    match fragment.split_once('-') {
        Some((start, end)) => position(start) && position(end),
        None => position(fragment) && !fragment.contains('C'),
    }
}

#[cfg(test)]
mod tests {
    use super::is_line_link;

    #[test]
    fn line_links() {
        for yes in ["L10", "L1-L20", "L1C2-L3C4", "L1-L3C4"] {
            assert!(is_line_link(yes), "{yes}");
        }
        for no in ["L", "L10C2", "l10", "L10-", "Lx", "L1-20"] {
            assert!(!is_line_link(no), "{no}");
        }
    }
}
