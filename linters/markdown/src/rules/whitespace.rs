//! Whitespace at line ends, tabs, and the file's last line break.

use super::{Hit, Params};
use crate::document::{Document, LineKind};

/// MD009: trailing whitespace, except exactly `br_spaces` (a hard line
/// break) unless `strict`; lines inside code blocks (fences excepted) are
/// left alone unless `code_blocks`.
pub fn trailing_spaces(doc: &Document, params: &Params) -> Vec<Hit> {
    let br_spaces = params.number("br_spaces", 2);
    let strict = params.boolean("strict", false);
    let code_blocks = params.boolean("code_blocks", false);
    let expected = if br_spaces < 2 { 0 } else { br_spaces };
    let inside_code = code_interiors(doc);
    let mut hits = Vec::new();
    for (line, in_code) in inside_code.into_iter().enumerate() {
        if doc.kinds[line] == LineKind::FrontMatter || (!code_blocks && in_code) {
            continue;
        }
        let text = doc.line(line);
        let kept = text.trim_end().len();
        // Counted in characters (a no-break space is one), as markdownlint does.
        let trailing = text[kept..].chars().count();
        if trailing == 0 || (trailing == expected && !strict) {
            continue;
        }
        let start = doc.line_start(line) + kept;
        let allowed = if expected == 0 { "0".to_string() } else { format!("0 or {expected}") };
        hits.push(Hit::new(
            line,
            start..start + text.len() - kept,
            format!("trailing whitespace: {trailing} (expected {allowed})"),
        ));
    }
    hits
}

/// Lines inside code blocks, without the fence lines of fenced ones.
fn code_interiors(doc: &Document) -> Vec<bool> {
    let mut inside = vec![false; doc.line_count()];
    for block in &doc.code_blocks {
        let (first, last) = match block.fence {
            Some(_) => (block.first_line + 1, block.last_line.saturating_sub(1)),
            None => (block.first_line, block.last_line),
        };
        for line in first..=last.min(inside.len().saturating_sub(1)) {
            if line >= first {
                inside[line] = true;
            }
        }
    }
    inside
}

/// MD010: hard tabs, in code blocks too unless `code_blocks = false`.
pub fn hard_tabs(doc: &Document, params: &Params) -> Vec<Hit> {
    let code_blocks = params.boolean("code_blocks", true);
    let mut hits = Vec::new();
    for line in 0..doc.line_count() {
        match doc.kinds[line] {
            LineKind::FrontMatter => continue,
            LineKind::Code if !code_blocks => continue,
            _ => {}
        }
        let text = doc.line(line);
        let start = doc.line_start(line);
        let mut at = 0;
        while let Some(found) = memchr::memchr(b'\t', &text.as_bytes()[at..]) {
            let tab = at + found;
            let run = text[tab..].bytes().take_while(|&b| b == b'\t').count();
            hits.push(Hit::new(
                line,
                start + tab..start + tab + run,
                "hard tab: indent and align with spaces",
            ));
            at = tab + run;
        }
    }
    hits
}

/// MD047: the file ends with exactly one line break (a final HTML
/// comment needs none).
pub fn trailing_newline(doc: &Document, _: &Params) -> Vec<Hit> {
    let text = doc.text;
    if text.is_empty() || text.ends_with('\n') {
        return Vec::new();
    }
    let line = doc.line_count() - 1;
    if crate::comments::without(doc.line(line)).trim().is_empty() {
        return Vec::new();
    }
    vec![Hit::new(line, text.len()..text.len(), "the file does not end with a line break")]
}
