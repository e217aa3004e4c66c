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
        (negated_operand(left).unwrap_or(left), ctx.text_of(operator), right)
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

/// `! "x$a"`: tree-sitter reads `[ ! "x$a" = x ]` as `(! "x$a") = x`.
fn negated_operand(left: Node) -> Option<Node> {
    if left.kind() != "unary_expression" {
        return None;
    }
    let operand =
        left.named_child(u32::try_from(left.named_child_count().checked_sub(1)?).ok()?)?;
    (left.start_byte() < operand.start_byte()).then_some(operand)
}

/// The word's text, once quotes are removed, starts with `x` or `X`.
fn x_prefixed(word: Node, text: &str) -> bool {
    let raw = &text[word.byte_range()];
    let unquoted = raw.trim_start_matches(['"', '\'']);
    unquoted.starts_with(['x', 'X'])
}
