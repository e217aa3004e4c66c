//! Code blocks: languages, and one style per file.

use super::{Hit, Params};
use crate::document::Document;

/// MD040: a fenced code block names its language.
pub fn language(doc: &Document, _: &Params) -> Vec<Hit> {
    doc.code_blocks
        .iter()
        .filter(|b| b.fence.is_some() && b.info.trim().is_empty())
        .map(|b| {
            Hit::line(
                doc,
                b.first_line,
                "fenced code block without a language (```python, ```text, ...)",
            )
        })
        .collect()
}

/// MD046: every code block fenced, or every one indented (`style`:
/// consistent, fenced, indented).
pub fn block_style(doc: &Document, params: &Params) -> Vec<Hit> {
    let style = params.string("style", "consistent");
    let mut expected = match style {
        "fenced" => Some(true),
        "indented" => Some(false),
        _ => None,
    };
    let mut hits = Vec::new();
    for block in &doc.code_blocks {
        let fenced = block.fence.is_some();
        let want = *expected.get_or_insert(fenced);
        if fenced != want {
            let (is, should) = if fenced { ("fenced", "indented") } else { ("indented", "fenced") };
            hits.push(Hit::line(
                doc,
                block.first_line,
                format!("{is} code block; this file's code blocks are {should}"),
            ));
        }
    }
    hits
}

/// MD048: one fence character per file (`style`: consistent, backtick, tilde).
pub fn fence_style(doc: &Document, params: &Params) -> Vec<Hit> {
    let mut expected = match params.string("style", "consistent") {
        "backtick" => Some('`'),
        "tilde" => Some('~'),
        _ => None,
    };
    let mut hits = Vec::new();
    for block in &doc.code_blocks {
        let Some(fence) = block.fence else { continue };
        let want = *expected.get_or_insert(fence);
        if fence != want {
            hits.push(Hit::line(
                doc,
                block.first_line,
                format!("code fence `{fence}`; this file fences with `{want}`"),
            ));
        }
    }
    hits
}
