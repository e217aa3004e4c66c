//! SC2086: an unquoted `$var` is split into words and globbed.

use tree_sitter::Node;

use super::Rule;
use super::quoting::{is_array_expansion, splits};
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2086", kinds: &["simple_expansion", "expansion"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    // `$@` and arrays are SC2068's, `$*` is its own case.
    if is_array_expansion(text, true) || text == "$*" || text == "${*}" {
        return;
    }
    if ctx.vars.expansion_is_safe(node, ctx.text) || !splits(ctx) {
        return;
    }
    ctx.report(
        "SC2086",
        node,
        format!(
            "`{text}` is unquoted: its value is split into words and globbed; write \"{text}\""
        ),
    );
}
