//! Shell sessions in code blocks.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Hit, Params};
use crate::document::Document;

/// MD014: a code block whose every non-empty line starts with a `$ `
/// prompt, so none shows a command's output: the prompts only get in the
/// way of copying the commands.
pub fn commands_show_output(doc: &Document, _: &Params) -> Vec<Hit> {
    let mut hits = Vec::new();
    // The block's lines with content: (line, start of the content, content).
    let mut lines: Vec<(usize, usize, String)> = Vec::new();
    let mut in_block = false;
    for (event, range) in &doc.events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_block = true;
                lines.clear();
            }
            Event::Text(text) if in_block => {
                // Text that is the source itself may hold several lines.
                let pieces: Vec<(usize, &str)> = if doc.text[range.clone()] == **text {
                    let mut offset = range.start;
                    text.split_inclusive('\n')
                        .map(|piece| {
                            offset += piece.len();
                            (offset - piece.len(), piece)
                        })
                        .collect()
                } else {
                    vec![(range.start, text.as_ref())]
                };
                for (start, piece) in pieces {
                    let line = doc.index.line_of(start);
                    match lines.last_mut() {
                        Some((last, _, content)) if *last == line => content.push_str(piece),
                        _ => lines.push((line, start, piece.to_string())),
                    }
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                in_block = false;
                prompts_only(doc, &lines, &mut hits);
            }
            _ => {}
        }
    }
    hits
}

fn prompts_only(doc: &Document, lines: &[(usize, usize, String)], hits: &mut Vec<Hit>) {
    let mut found: Vec<(usize, Range<usize>)> = Vec::new();
    for (line, start, content) in lines {
        let content = content.trim_end_matches(['\n', '\r']);
        if content.is_empty() {
            continue;
        }
        let indent = content.len() - content.trim_start().len();
        let rest = &content[indent..];
        let Some(after) = rest.strip_prefix('$') else { return };
        let spaces = after.len() - after.trim_start().len();
        if spaces == 0 {
            return;
        }
        // The content may not map byte for byte onto the source (tabs):
        // point at the line's `$` when it can be found.
        let source_line = doc.line(*line);
        let line_start = doc.line_start(*line);
        let dollar = source_line[start.saturating_sub(line_start).min(source_line.len())..]
            .find('$')
            .map_or(*start, |i| start.max(&line_start) + i);
        let line_end = line_start + source_line.len();
        let dollar = dollar.min(line_end);
        found.push((*line, dollar..(dollar + 1 + spaces).min(line_end)));
    }
    for (line, range) in found {
        hits.push(Hit::new(line, range, "`$` prompt before a command whose output is not shown"));
    }
}
