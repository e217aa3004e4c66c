//! Lists: marker style, indentation, numbering, the space after markers
//! and the blank lines around them (markdownlint's MD004, MD005, MD007,
//! MD029, MD030 and MD032).

use super::{Hit, Params};
use crate::document::{Document, LineKind, List};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bullet {
    Asterisk,
    Dash,
    Plus,
}

impl Bullet {
    fn of(marker: &str) -> Bullet {
        match marker {
            "-" => Bullet::Dash,
            "+" => Bullet::Plus,
            _ => Bullet::Asterisk,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Bullet::Asterisk => "asterisk",
            Bullet::Dash => "dash",
            Bullet::Plus => "plus",
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Bullet::Asterisk => "*",
            Bullet::Dash => "-",
            Bullet::Plus => "+",
        }
    }

    /// The style a sublist takes when it would repeat its parent's.
    fn next(self) -> Bullet {
        match self {
            Bullet::Dash => Bullet::Plus,
            Bullet::Plus => Bullet::Asterisk,
            Bullet::Asterisk => Bullet::Dash,
        }
    }
}

/// MD004: one bullet character for unordered lists (`style`: consistent,
/// asterisk, dash, plus, or sublist: each nesting level differs from its
/// parent's and stays the same through the file).
pub fn ul_style(doc: &Document, params: &Params) -> Vec<Hit> {
    let style = params.string("style", "consistent");
    let mut expected = match style {
        "consistent" | "sublist" => None,
        "asterisk" => Some(Bullet::Asterisk),
        "plus" => Some(Bullet::Plus),
        // markdownlint reads an unknown style as `dash`.
        _ => Some(Bullet::Dash),
    };
    let sublist = style == "sublist";
    let mut by_depth: Vec<Option<Bullet>> = Vec::new();
    let mut hits = Vec::new();
    for list in doc.lists().iter().filter(|l| !l.ordered) {
        for item in &list.items {
            let actual = Bullet::of(&doc.text[item.marker.clone()]);
            let want = if sublist {
                if by_depth.len() <= list.depth {
                    by_depth.resize(list.depth + 1, None);
                }
                let parent = list.depth.checked_sub(1).and_then(|d| by_depth[d]);
                *by_depth[list.depth].get_or_insert(if parent == Some(actual) {
                    actual.next()
                } else {
                    actual
                })
            } else {
                *expected.get_or_insert(actual)
            };
            if actual != want {
                hits.push(Hit::new(
                    item.line,
                    item.marker.clone(),
                    format!(
                        "list marker `{}` ({}); expected `{}` ({})",
                        actual.symbol(),
                        actual.name(),
                        want.symbol(),
                        want.name()
                    ),
                ));
            }
        }
    }
    hits
}

/// The hit range markdownlint gives indentation findings: the line from
/// its start to the end of the marker.
fn to_marker(doc: &Document, line: usize, marker_end: usize) -> std::ops::Range<usize> {
    doc.line_start(line)..marker_end
}

/// MD005: the items of one list start in the same column (ordered lists
/// may instead align the ends of their numbers: ` 9.` over `10.`).
pub fn list_indent(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    for list in doc.lists() {
        let Some(first) = list.items.first() else { continue };
        let expected = first.column;
        let expected_end = first.column + first.marker.len();
        let mut right_aligned = false;
        for item in &list.items {
            let range = to_marker(doc, item.line, item.marker.end);
            if !list.ordered {
                if item.column != expected {
                    hits.push(Hit::new(
                        item.line,
                        range,
                        format!(
                            "list item indented {} space(s); its list's items are at {expected}",
                            item.column
                        ),
                    ));
                }
                continue;
            }
            if item.column == expected && !right_aligned {
                continue;
            }
            let end = item.column + item.marker.len();
            if end == expected_end {
                right_aligned = true;
            } else {
                let message = if right_aligned {
                    format!(
                        "list number ends in column {end}; its list's numbers end in column {expected_end}"
                    )
                } else {
                    format!(
                        "list item indented {} space(s); its list's items are at {expected}",
                        item.column
                    )
                };
                hits.push(Hit::new(item.line, range, message));
            }
        }
    }
    hits
}

/// MD007: unordered lists indented by `indent` (2) spaces per level
/// (`start_indented` / `start_indent` for the top level). Lists inside an
/// ordered list are left alone; block quotes start a new level 0.
pub fn ul_indent(doc: &Document, params: &Params) -> Vec<Hit> {
    let indent = match params.number("indent", 2) {
        0 => 2,
        n => n,
    };
    let start = if params.boolean("start_indented", false) {
        match params.number("start_indent", indent) {
            0 => indent,
            n => n,
        }
    } else {
        0
    };
    let mut hits = Vec::new();
    for list in doc.lists() {
        let Some(nesting) = list.bullet_nesting else { continue };
        let base = if list.in_footnote { 4 } else { 0 };
        let expected = base + start + nesting * indent;
        for item in &list.items {
            // Inside a block quote, indentation counts from the last `>`
            // and the one space after it.
            let actual = item.column - item.quote.min(item.column);
            if actual != expected {
                hits.push(Hit::new(
                    item.line,
                    to_marker(doc, item.line, item.marker.end),
                    format!("list item indented {actual} space(s); expected {expected}"),
                ));
            }
        }
    }
    hits
}

/// MD029: ordered list numbers all `1.`, or counting up from 0 or 1
/// (`style`: one_or_ordered, one, zero, ordered). With one_or_ordered, a
/// list whose first two numbers are `1.` `1.` is read as all ones.
pub fn ol_prefix(doc: &Document, params: &Params) -> Vec<Hit> {
    let style = params.string("style", "one_or_ordered");
    let mut hits = Vec::new();
    for list in doc.lists().iter().filter(|l| l.ordered) {
        let counting = match &list.items[..] {
            [first, second, ..] => second.value != 1 || first.value == 0,
            _ => false,
        };
        let starts_at_zero = list.items.first().is_some_and(|i| i.value == 0);
        let (mut expected, step, example) = match style {
            "one" => (1, 0, "1/1/1"),
            "zero" => (0, 0, "0/0/0"),
            "ordered" => (u64::from(!(counting && starts_at_zero)), 1, "1/2/3"),
            _ if counting => (u64::from(!starts_at_zero), 1, "1/2/3"),
            _ => (1, 0, "1/1/1"),
        };
        for item in &list.items {
            if item.value != expected {
                hits.push(Hit::new(
                    item.line,
                    item.marker.clone(),
                    format!(
                        "list number {}; expected {expected} (style {example})",
                        &doc.text[item.marker.start..item.marker.end - 1]
                    ),
                ));
            }
            expected = expected.saturating_add(step);
        }
    }
    hits
}

/// MD030: spaces between a list marker and the item's text (`ul_single`,
/// `ol_single` for lists whose items are one line each, `ul_multi`,
/// `ol_multi` otherwise; all 1).
pub fn marker_space(doc: &Document, params: &Params) -> Vec<Hit> {
    let read = |key| match params.number(key, 1) {
        0 => 1,
        n => n,
    };
    let (ul_single, ol_single, ul_multi, ol_multi) =
        (read("ul_single"), read("ol_single"), read("ul_multi"), read("ol_multi"));
    let mut hits = Vec::new();
    for list in doc.lists() {
        let single = list.last_line + 1 - list.first_line == list.items.len();
        let expected = match (list.ordered, single) {
            (false, true) => ul_single,
            (true, true) => ol_single,
            (false, false) => ul_multi,
            (true, false) => ol_multi,
        };
        for item in &list.items {
            let Some(space) = &item.space else { continue };
            let actual = doc.text[space.clone()].chars().count();
            if actual != expected {
                hits.push(Hit::new(
                    item.line,
                    space.clone(),
                    format!("{actual} space(s) after the list marker; expected {expected}"),
                ));
            }
        }
    }
    hits
}

/// MD032: a blank line (or the file's edge) above and below each list
/// that is not inside another list.
pub fn blanks_around(doc: &Document, _: &Params) -> Vec<Hit> {
    let separated = |line: usize| {
        line >= doc.line_count()
            || doc.kinds[line] == LineKind::FrontMatter
            || crate::comments::is_blank_for_lists(doc.line(line))
    };
    let mut hits = Vec::new();
    for list in doc.lists().iter().filter(|l: &&List| l.depth == 0) {
        if list.items.is_empty() {
            continue;
        }
        if list.first_line > 0 && !separated(list.first_line - 1) {
            hits.push(Hit::line(doc, list.first_line, "list needs a blank line above"));
        }
        if !separated(list.last_line + 1) {
            hits.push(Hit::line(doc, list.last_line, "list needs a blank line below"));
        }
    }
    hits
}
