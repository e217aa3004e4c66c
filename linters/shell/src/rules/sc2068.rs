//! SC2068: an unquoted `$@` or `${array[@]}` splits each element again.

use tree_sitter::Node;

use super::Rule;
use super::quoting::{is_array_expansion, splits};
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2068", kinds: &["simple_expansion", "expansion"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    if !is_array_expansion(text, false) {
        return;
    }
    // Unlike other words, a `for` list is split again too.
    let in_for_list =
        ctx.up().find(|a| a.kind() != "concatenation").is_some_and(|a| a.kind() == "for_statement");
    if in_for_list || splits(ctx) {
        ctx.report(
            "SC2068",
            node,
            format!("unquoted `{text}` splits every element again; write \"{text}\""),
        );
    }
}
