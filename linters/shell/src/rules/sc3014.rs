//! SC3014: `==` inside `[ ]` in a POSIX sh script.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC3014", kinds: &["binary_expression"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if !ctx.dialect.is_posix() {
        return;
    }
    let Some(operator) = node.child_by_field_name("operator") else { return };
    if ctx.text_of(operator) != "==" {
        return;
    }
    let in_single_bracket = ctx
        .up()
        .find(|a| {
            !matches!(
                a.kind(),
                "binary_expression" | "unary_expression" | "parenthesized_expression"
            )
        })
        .is_some_and(|a| a.kind() == "test_command" && !ctx.text_of(a).starts_with("[["));
    if in_single_bracket {
        ctx.report("SC3014", operator, "`==` in `[ ]` is not POSIX; use `=`");
    }
}
