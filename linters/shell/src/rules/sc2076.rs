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
    if matches!(right.kind(), "string" | "raw_string") {
        ctx.report("SC2076", right, "a quoted pattern after `=~` matches literally; leave the regex unquoted (or put it in a variable)");
    }
}
