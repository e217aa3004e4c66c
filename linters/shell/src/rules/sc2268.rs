//! SC2268: `[ "x$a" = "xyes" ]`, the x-prefix that old shells needed.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2268", kinds: &["binary_expression", "command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let (left, operator, right) = if node.kind() == "command" {
        if command_name(node, ctx.text) != Some("test") {
            return;
        }
        let args = arguments(node);
        let [left, operator, right] = args.as_slice() else { return };
        (*left, ctx.text_of(*operator), *right)
    } else {
        if node
            .parent()
            .is_none_or(|p| p.kind() != "test_command" && p.kind() != "binary_expression")
        {
            return;
        }
        let (Some(left), Some(operator), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("operator"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        (left, ctx.text_of(operator), right)
    };
    if !matches!(operator, "=" | "==" | "!=") {
        return;
    }
    if node.kind() == "binary_expression" && !ctx.up().any(|a| a.kind() == "test_command") {
        return;
    }
    if x_prefixed(left, ctx.text) && x_prefixed(right, ctx.text) {
        ctx.report(
            "SC2268",
            left,
            "the `x` prefix on both sides of a comparison is a workaround no current shell needs; compare the values themselves",
        );
    }
}

/// The word's text, once quotes are removed, starts with `x` or `X`.
fn x_prefixed(word: Node, text: &str) -> bool {
    let raw = &text[word.byte_range()];
    let unquoted = raw.trim_start_matches(['"', '\'']);
    unquoted.starts_with(['x', 'X'])
}
