//! The http(s) links of one Markdown file, with their positions.

use lintgate_engine::source::{LineIndex, Position};
use pulldown_cmark::{Event, Parser, Tag};

pub struct Link {
    pub path: String,
    /// The URL without its `#fragment` (servers never see it).
    pub url: String,
    pub start: Position,
    pub end: Position,
}

/// Links and images (inline, reference and `<autolink>`) to http(s) URLs.
pub fn links(path: &str, text: &str) -> Vec<Link> {
    let index = LineIndex::new(text);
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(text, crate::document::options()).into_offset_iter() {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            event
        else {
            continue;
        };
        let url = dest_url.trim();
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            continue;
        }
        let url = url.split('#').next().unwrap_or(url);
        found.push(Link {
            path: path.to_string(),
            url: url.to_string(),
            start: index.position(text, range.start),
            end: index.position(text, range.end),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::links;

    #[test]
    fn http_links_images_and_autolinks_only() {
        let text = "# T\n\n[a](https://example.com/a#part) ![i](http://example.com/i.png)\n<https://example.com/auto> [rel](./x.md) [mail](mailto:a@b.c)\n\n[ref]\n\n[ref]: HTTPS://example.com/ref\n";
        let found: Vec<(String, u32)> =
            links("a.md", text).into_iter().map(|l| (l.url, l.start.line)).collect();
        assert_eq!(
            found,
            [
                ("https://example.com/a".to_string(), 3),
                ("http://example.com/i.png".to_string(), 3),
                ("https://example.com/auto".to_string(), 4),
                ("HTTPS://example.com/ref".to_string(), 6),
            ]
        );
    }
}
