//! One parse of a Markdown file, shared by every rule: pulldown-cmark's
//! events with byte offsets (GFM options on), the headings and code blocks
//! they describe (and the lists, read on demand), and a per-line mask of
//! code blocks, HTML blocks and front matter, so line rules never look
//! inside them by accident.

mod lists;

use std::cell::OnceCell;
use std::ops::Range;

use lintgate_engine::source::LineIndex;
use pulldown_cmark::{
    BrokenLink, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

pub use lists::List;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Text,
    /// Inside a fenced or indented code block, fences included.
    Code,
    Html,
    FrontMatter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingStyle {
    Atx,
    AtxClosed,
    Setext,
}

impl HeadingStyle {
    pub fn name(self) -> &'static str {
        match self {
            HeadingStyle::Atx => "atx",
            HeadingStyle::AtxClosed => "atx_closed",
            HeadingStyle::Setext => "setext",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub style: HeadingStyle,
    /// 0-based line of the heading text (the first line of a setext heading).
    pub line: usize,
    /// The last line (the underline of a setext heading).
    pub last_line: usize,
    pub range: Range<usize>,
    /// The heading's text, as rendered (inline markup removed).
    pub text: String,
    /// The text its anchor is made from: `text` without image descriptions.
    pub anchor_text: String,
    /// An explicit `{#id}`.
    pub id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// The fence character for fenced blocks (`` ` `` or `~`).
    pub fence: Option<char>,
    pub info: String,
    pub first_line: usize,
    pub last_line: usize,
}

/// A link reference definition (`[label]: destination`), the first one of
/// its label (later ones are ignored by Markdown, and found by MD053).
#[derive(Debug, Clone)]
pub struct Definition {
    /// The label as markdownlint compares it: lower case, inner whitespace
    /// collapsed.
    pub label: String,
    pub destination: String,
    pub range: Range<usize>,
}

/// A reference-style link or image whose label no definition has
/// (`[text][nowhere]`); the parser leaves it as plain text.
#[derive(Debug, Clone)]
pub struct BrokenReference {
    pub label: String,
    pub kind: LinkType,
    pub range: Range<usize>,
}

pub struct Document<'a> {
    pub text: &'a str,
    /// `text` with the inside of HTML comments hidden, as markdownlint
    /// shows lines to its line rules (`None`: the file has no comment).
    cleared: Option<String>,
    pub index: &'a LineIndex,
    pub kinds: Vec<LineKind>,
    pub headings: Vec<Heading>,
    pub code_blocks: Vec<CodeBlock>,
    /// Every event with its byte range, in document order.
    pub events: Vec<(Event<'a>, Range<usize>)>,
    /// Lines of the front matter block, if the file starts with one.
    pub front_matter: Option<Range<usize>>,
    /// Link reference definitions, in document order.
    pub definitions: Vec<Definition>,
    /// Read by the first list rule that asks (see [`Document::lists`]).
    lists: OnceCell<Vec<List>>,
    pub broken_references: Vec<BrokenReference>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

impl<'a> Document<'a> {
    pub fn parse(text: &'a str, index: &'a LineIndex) -> Document<'a> {
        let mut broken_references = Vec::new();
        let record_broken = |link: BrokenLink<'a>| {
            broken_references.push(BrokenReference {
                label: normalize_label(&link.reference),
                kind: link.link_type,
                range: link.span,
            });
            None
        };
        let mut parser =
            Parser::new_with_broken_link_callback(text, options(), Some(record_broken))
                .into_offset_iter();
        let events: Vec<(Event<'a>, Range<usize>)> = parser.by_ref().collect();
        let mut definitions: Vec<Definition> = parser
            .reference_definitions()
            .iter()
            .map(|(label, def)| Definition {
                label: normalize_label(label),
                destination: def.dest.to_string(),
                range: def.span.clone(),
            })
            .collect();
        drop(parser);
        definitions.sort_by_key(|d| d.range.start);
        // A label the parser looked up twice is reported once.
        broken_references.sort_by_key(|b| (b.range.start, b.range.end));
        broken_references.dedup_by_key(|b| b.range.clone());
        let mut doc = Document {
            text,
            cleared: crate::comments::hidden(text),
            index,
            kinds: vec![LineKind::Text; index.line_count()],
            headings: Vec::new(),
            code_blocks: Vec::new(),
            events: Vec::new(),
            front_matter: None,
            definitions,
            broken_references,
            lists: OnceCell::new(),
        };
        doc.read(&events);
        doc.events = events;
        doc
    }

    fn read(&mut self, events: &[(Event<'a>, Range<usize>)]) {
        let mut heading: Option<Heading> = None;
        let mut image_depth = 0usize;
        for (event, range) in events {
            match event {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let (line, last_line) = self.lines_of(range);
                    heading = Some(Heading {
                        level: level_number(*level),
                        style: self.heading_style(range.start, line, last_line),
                        line,
                        last_line,
                        range: range.clone(),
                        text: String::new(),
                        anchor_text: String::new(),
                        id: id.as_ref().map(|id| id.to_string()),
                    });
                }
                Event::End(TagEnd::Heading(_)) => self.headings.extend(heading.take()),
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
                Event::Text(t) | Event::Code(t) => {
                    if let Some(h) = heading.as_mut() {
                        h.text.push_str(t);
                        if image_depth == 0 {
                            h.anchor_text.push_str(t);
                        }
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let (first_line, last_line) = self.lines_of(range);
                    let (fence, info) = match kind {
                        CodeBlockKind::Fenced(info) => {
                            let line = self.from(range.start, first_line).trim_start();
                            (line.chars().next(), info.to_string())
                        }
                        CodeBlockKind::Indented => (None, String::new()),
                    };
                    self.mark(first_line, last_line, LineKind::Code);
                    self.code_blocks.push(CodeBlock { fence, info, first_line, last_line });
                }
                Event::Start(Tag::HtmlBlock) => {
                    let (first, last) = self.lines_of(range);
                    self.mark(first, last, LineKind::Html);
                }
                Event::Start(Tag::MetadataBlock(_)) => {
                    let (first, last) = self.lines_of(range);
                    self.mark(first, last, LineKind::FrontMatter);
                    if first == 0 {
                        self.front_matter = Some(first..last + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// First and last 0-based line of a byte range (a range ending in a
    /// line break ends on that line).
    pub fn lines_of(&self, range: &Range<usize>) -> (usize, usize) {
        let first = self.index.line_of(range.start);
        let last = self.index.line_of(range.end.saturating_sub(1).max(range.start));
        (first, last)
    }

    fn mark(&mut self, first: usize, last: usize, kind: LineKind) {
        for line in first..=last.min(self.kinds.len().saturating_sub(1)) {
            self.kinds[line] = kind;
        }
    }

    fn heading_style(&self, start: usize, line: usize, last_line: usize) -> HeadingStyle {
        let from_start = self.from(start, line);
        if last_line > line || !from_start.trim_start().starts_with('#') {
            return HeadingStyle::Setext;
        }
        let trimmed = from_start.trim_end();
        let content = trimmed.trim_start().trim_start_matches('#');
        if trimmed.ends_with('#')
            && !content.trim().is_empty()
            && content.trim_end_matches('#').ends_with([' ', '\t'])
        {
            HeadingStyle::AtxClosed
        } else {
            HeadingStyle::Atx
        }
    }

    /// The rest of `line` from byte `offset` (inside a block quote or list
    /// item, where the construct starts after its container's markers).
    pub fn from(&self, offset: usize, line: usize) -> &'a str {
        let range = self.index.line_range(self.text, line);
        &self.text[offset.clamp(range.start, range.end)..range.end]
    }

    /// A byte range of the text with the inside of HTML comments hidden.
    pub fn visible(&self, range: Range<usize>) -> &str {
        &self.cleared.as_deref().unwrap_or(self.text)[range]
    }

    /// The text of 0-based line `line` as written (comments not hidden).
    pub fn source_line(&self, line: usize) -> &'a str {
        &self.text[self.index.line_range(self.text, line)]
    }

    /// The text of 0-based line `line`, without its line break, with the
    /// inside of HTML comments hidden (each byte a `.`, so offsets hold).
    pub fn line(&self, line: usize) -> &str {
        let text = self.cleared.as_deref().unwrap_or(self.text);
        &text[self.index.line_range(self.text, line)]
    }

    /// The lists, in the order they start; read once, for the list rules.
    pub fn lists(&self) -> &[List] {
        self.lists.get_or_init(|| lists::collect(self))
    }

    pub fn line_count(&self) -> usize {
        self.kinds.len()
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.index.line_range(self.text, line).start
    }

    pub fn is_blank(&self, line: usize) -> bool {
        self.line(line).trim().is_empty()
    }
}

/// A link label as markdownlint compares labels: lower case, trimmed, runs
/// of whitespace as one space.
pub fn normalize_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
