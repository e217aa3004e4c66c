//! SC2076: a quoted right-hand side of `=~` matches literally, not as a regex.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2076", kinds: &["binary_expression"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let Some(operator) = node.child_by_field_name("operator") else { return };
    if ctx.text_of(operator) != "=~" {
        return;
    }
    let Some(right) = node.child_by_field_name("right") else { return };
    // A quoted pattern without regex syntax matches the same either way.
    let literal = ctx.text_of(right);
    let has_regex_syntax = literal[1..literal.len().saturating_sub(1)]
        .contains(['.', '^', '$', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '\\']);
    if matches!(right.kind(), "string" | "raw_string") && has_regex_syntax {
        ctx.report("SC2076", right, "a quoted pattern after `=~` matches literally; leave the regex unquoted (or put it in a variable)");
    }
}
