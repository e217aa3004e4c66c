//! SC2206: `arr=($var)` splits and globs the value into the array.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2206", kinds: &["simple_expansion", "expansion"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let direct =
        ctx.up().find(|a| a.kind() != "concatenation").is_some_and(|a| a.kind() == "array");
    let text = ctx.text_of(node);
    // Only numbers are exempt here: a plain word still becomes an element
    // per word, or none when empty.
    if !direct || ctx.vars.is_numeric(node, ctx.text) {
        return;
    }
    ctx.report("SC2206", node, format!("`{text}` is split and globbed into array elements; quote it, or split on purpose with `read -a` or `mapfile`"));
}
