//! SC2048: unquoted `$*` or `${array[*]}`, which splits every element again.

use tree_sitter::Node;

use super::Rule;
use super::quoting::{is_array_expansion, splits};
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2048", kinds: &["simple_expansion", "expansion"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    // The `@` forms are SC2068's.
    if !is_array_expansion(text, true) || is_array_expansion(text, false) {
        return;
    }
    let in_for_list =
        ctx.up().find(|a| a.kind() != "concatenation").is_some_and(|a| a.kind() == "for_statement");
    if in_for_list || splits(ctx) {
        let all = if text.contains('[') { "\"${array[@]}\"" } else { "\"$@\"" };
        ctx.report(
            "SC2048",
            node,
            format!(
                "unquoted `{text}` splits every element again; write {all} to keep each one whole"
            ),
        );
    }
}
