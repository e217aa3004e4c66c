//! Every list of a document with what the list rules compare: each item's
//! marker (where it is, what it is, the whitespace after it), how the list
//! is nested, and the last line that holds any of its content. Built in one
//! pass over the events, with a stack, so deep nesting costs no more than
//! flat lists.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::Document;

pub struct List {
    pub ordered: bool,
    /// How many lists enclose this one (ordered or not).
    pub depth: usize,
    /// For an unordered list, how many unordered lists enclose it up to the
    /// nearest block quote; `None` when an ordered list comes first (or
    /// for an ordered list).
    pub bullet_nesting: Option<usize>,
    /// Inside a footnote definition.
    pub in_footnote: bool,
    /// 0-based line of the first item's marker.
    pub first_line: usize,
    /// 0-based last line holding any of the list's content (trailing
    /// blank lines are not the list's).
    pub last_line: usize,
    pub items: Vec<Item>,
    /// Opened where micromark reads it as interrupting a block (see
    /// [`interrupted`]).
    interrupting: bool,
}

pub struct Item {
    pub line: usize,
    /// The last line holding any of the item's content.
    pub last_line: usize,
    /// Byte range of the marker (`-`, `*`, `+`, or digits and `.`/`)`).
    pub marker: Range<usize>,
    /// Characters from the start of the line to the marker.
    pub column: usize,
    /// Characters from the start of the line to the end of the last block
    /// quote marker before the item's marker (`>` and one space), or 0.
    pub quote: usize,
    /// The number of an ordered item.
    pub value: u64,
    /// The whitespace between the marker and the item's content, as
    /// CommonMark counts it: all of it when it is at most four columns
    /// wide, else only its first character (the rest is indented code).
    /// `None` when nothing follows the marker on its line.
    pub space: Option<Range<usize>>,
}

enum Open {
    List,
    BlockQuote,
    Footnote,
    Other,
}

/// The block micromark's flow still has open where a container starts:
/// a list starting there is read as interrupting it (see [`interrupted`]).
#[derive(Clone, Copy)]
enum Flow {
    Closed,
    /// A paragraph (or a tight item's text) ending on this line.
    Paragraph(usize),
    /// An indented code block, open across the blank lines after it.
    IndentedCode,
}

/// The lists of `doc`, in the order they start.
pub(super) fn collect(doc: &Document) -> Vec<List> {
    let mut lists: Vec<List> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // Indices of the open lists, innermost last.
    let mut open_lists: Vec<usize> = Vec::new();
    let mut footnotes = 0usize;
    let mut in_indented_code = false;
    let mut flow = Flow::Closed;
    let mut cursor = Cursor::default();
    // The block quotes and lists that enclose the current event, innermost
    // last: `Some(list)` or `None` for a block quote.
    let mut scopes: Vec<Option<usize>> = Vec::new();
    // The last line of a container that has just ended.
    let mut closed_container: Option<usize> = None;
    for (event, range) in &doc.events {
        let just_closed = closed_container.take();
        let flow_before = flow;
        flow = Flow::Closed;
        let mut content_line = None;
        match event {
            Event::Start(Tag::List(start)) => {
                flow = flow_before;
                let ordered = start.is_some();
                let bullet_nesting = if ordered {
                    None
                } else {
                    match scopes.last() {
                        Some(Some(parent)) => lists[*parent].bullet_nesting.map(|n| n + 1),
                        _ => Some(0),
                    }
                };
                let line = doc.index.line_of(range.start);
                let interrupting = match flow_before {
                    Flow::Closed => false,
                    Flow::Paragraph(end) => line == end + 1,
                    Flow::IndentedCode => true,
                };
                lists.push(List {
                    ordered,
                    depth: open_lists.len(),
                    bullet_nesting,
                    in_footnote: footnotes > 0,
                    first_line: line,
                    last_line: line,
                    items: Vec::new(),
                    interrupting,
                });
                stack.push(Open::List);
                scopes.push(Some(lists.len() - 1));
                open_lists.push(lists.len() - 1);
            }
            Event::End(TagEnd::List(_)) => {
                closed_container = last_content_line(doc, range);
                stack.pop();
                scopes.pop();
                // What the list holds, its parent holds.
                content_line = open_lists.pop().map(|done| lists[done].last_line);
            }
            Event::Start(Tag::Item) => {
                flow = flow_before;
                stack.push(Open::Other);
                let Some(&list) = open_lists.last() else { continue };
                let Some(item) = read_item(doc, &mut cursor, range.start, lists[list].ordered)
                else {
                    continue;
                };
                if lists[list].items.is_empty() {
                    lists[list].first_line = item.line;
                }
                content_line = Some(item.line);
                lists[list].items.push(item);
            }
            Event::End(TagEnd::Item) => {
                closed_container = last_content_line(doc, range);
                stack.pop();
                if let Some(&list) = open_lists.last() {
                    let last_line = lists[list].last_line;
                    if let Some(item) = lists[list].items.last_mut() {
                        item.last_line = last_line.max(item.line);
                    }
                }
            }
            // Containers: their ranges run over trailing blank lines; their
            // content counts, and their first line.
            Event::Start(Tag::BlockQuote(_)) => {
                flow = flow_before;
                stack.push(Open::BlockQuote);
                scopes.push(None);
                content_line = Some(doc.index.line_of(range.start));
            }
            Event::Start(Tag::FootnoteDefinition(_)) => {
                stack.push(Open::Footnote);
                footnotes += 1;
                content_line = Some(doc.index.line_of(range.start));
            }
            Event::Start(tag) => {
                // Code on the line right after a container ends leaves
                // micromark no open block (mostly: its handling of lazy
                // lines is subtler than this).
                if let Tag::CodeBlock(CodeBlockKind::Indented) = tag {
                    in_indented_code =
                        just_closed.is_none_or(|end| doc.index.line_of(range.start) > end + 1);
                }
                stack.push(Open::Other);
                content_line = last_content_line(doc, range);
            }
            Event::End(end) => {
                if matches!(end, TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) {
                    closed_container = last_content_line(doc, range);
                }
                match stack.pop() {
                    Some(Open::Footnote) => footnotes -= 1,
                    Some(Open::BlockQuote) => {
                        scopes.pop();
                    }
                    _ => {}
                }
                match end {
                    TagEnd::CodeBlock if in_indented_code => flow = Flow::IndentedCode,
                    TagEnd::Paragraph
                    | TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Superscript
                    | TagEnd::Subscript
                    | TagEnd::Link
                    | TagEnd::Image => {
                        if let Some(line) = last_content_line(doc, range) {
                            flow = Flow::Paragraph(line);
                        }
                    }
                    _ => {}
                }
                if let TagEnd::CodeBlock = end {
                    in_indented_code = false;
                }
            }
            Event::Rule => content_line = last_content_line(doc, range),
            // Inline content: of a paragraph, or of a tight item.
            _ => {
                content_line = last_content_line(doc, range);
                let previous = match flow_before {
                    Flow::Paragraph(line) => Some(line),
                    _ => None,
                };
                if let Some(line) = content_line.or(previous) {
                    flow = Flow::Paragraph(line);
                }
            }
        }
        if let (Some(line), Some(&list)) = (content_line, open_lists.last()) {
            lists[list].last_line = lists[list].last_line.max(line);
        }
    }
    interrupted(doc, &mut lists);
    lists
}

/// micromark (markdownlint's parser) reads a list as interrupting the
/// block before it in two places where CommonMark does not: after an
/// indented code block (which it keeps open across the blank lines after
/// it), and inside a new container that itself interrupts a paragraph
/// (`text` over `> 2. item`). A first item numbered other than `1` or with
/// nothing after its marker is then paragraph text, and so is each item
/// right below it that could not interrupt a paragraph either.
/// pulldown-cmark starts the list; the rules follow markdownlint and see
/// only what remains.
fn interrupted(doc: &Document, lists: &mut Vec<List>) {
    let can_interrupt = |item: &Item| {
        item.space.is_some() && {
            let marker = &doc.text[item.marker.clone()];
            marker.len() == 1 || marker.starts_with("1") && marker.len() == 2
        }
    };
    // The last line of the paragraph the dropped items became, and the
    // depth of their list: a list right below it interrupts that
    // paragraph, under the same rules.
    let mut paragraph: Option<(usize, usize)> = None;
    for list in lists.iter_mut() {
        let continues = paragraph.take().is_some_and(|(end, depth)| {
            depth == list.depth && list.items.first().is_some_and(|i| i.line == end + 1)
        });
        if !(list.interrupting || continues) || list.items.first().is_none_or(can_interrupt) {
            continue;
        }
        let mut text_end = list.items[0].last_line;
        let mut dropped = 1;
        for item in &list.items[1..] {
            if item.line != text_end + 1 || can_interrupt(item) {
                break;
            }
            text_end = item.last_line;
            dropped += 1;
        }
        list.items.drain(..dropped);
        match list.items.first() {
            Some(first) => list.first_line = first.line,
            None => paragraph = Some((text_end, list.depth)),
        }
    }
    lists.retain(|l| !l.items.is_empty());
}

/// The line of the last non-blank character of `range` (`None` when it is
/// all blank).
fn last_content_line(doc: &Document, range: &Range<usize>) -> Option<usize> {
    let trimmed = doc.text[range.clone()].trim_end();
    (!trimmed.is_empty()).then(|| doc.index.line_of(range.start + trimmed.len() - 1))
}

/// A position in a line, with what the list rules count up to it; items
/// that share a line (`- - x`) are read in order, so each line is scanned
/// once however many markers it holds.
#[derive(Default)]
struct Cursor {
    line: usize,
    offset: usize,
    chars: usize,
    /// Columns with tabs expanded (stops every four).
    width: usize,
    /// Characters up to the end of the last block quote marker (`>` and
    /// one space after it).
    quote: usize,
    after_quote: bool,
}

impl Cursor {
    fn advance(&mut self, line: usize, text: &str, to: usize) {
        if line != self.line || to < self.offset {
            *self = Cursor { line, ..Cursor::default() };
        }
        for c in text[self.offset..to].chars() {
            self.chars += 1;
            self.width = if c == '\t' { (self.width / 4 + 1) * 4 } else { self.width + 1 };
            if c == '>' {
                self.quote = self.chars;
                self.after_quote = true;
            } else {
                if self.after_quote && (c == ' ' || c == '\t') {
                    self.quote = self.chars;
                }
                self.after_quote = false;
            }
        }
        self.offset = to;
    }
}

/// The item whose range starts at `start` (pulldown-cmark starts it at the
/// indentation before the marker, or at the marker).
fn read_item(doc: &Document, cursor: &mut Cursor, start: usize, ordered: bool) -> Option<Item> {
    let line = doc.index.line_of(start);
    let line_start = doc.line_start(line);
    let text = doc.line(line);
    let from = start.checked_sub(line_start)?;
    let rest = text.get(from..)?;
    let marker_start = from + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    let after = &text[marker_start..];
    let (marker_len, value) = if ordered {
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || !after[digits..].starts_with(['.', ')']) {
            return None;
        }
        (digits + 1, after[..digits].parse().unwrap_or(u64::MAX))
    } else {
        if !after.starts_with(['-', '*', '+']) {
            return None;
        }
        (1, 0)
    };
    let marker_end = marker_start + marker_len;
    cursor.advance(line, text, marker_start);
    let column = cursor.chars;
    let quote = cursor.quote;
    cursor.advance(line, text, marker_end);
    let width = cursor.width;
    let tail = &text[marker_end..];
    let blank_len = tail.len() - tail.trim_start_matches([' ', '\t']).len();
    let space = if blank_len == 0 || blank_len == tail.len() {
        None
    } else {
        let mut end_width = width;
        for c in tail[..blank_len].chars() {
            end_width = if c == '\t' { (end_width / 4 + 1) * 4 } else { end_width + 1 };
        }
        let len = if end_width - width <= 4 { blank_len } else { 1 };
        Some(line_start + marker_end..line_start + marker_end + len)
    };
    Some(Item {
        line,
        last_line: line,
        marker: line_start + marker_start..line_start + marker_end,
        column,
        quote,
        value,
        space,
    })
}
