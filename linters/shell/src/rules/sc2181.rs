//! SC2181: testing `$?` instead of the command itself.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2181", kinds: &["simple_expansion"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if ctx.text_of(node) == "$?" && compared_in_test(ctx) {
        ctx.report(
            "SC2181",
            node,
            "test the command directly (`if cmd; then`) instead of comparing `$?`",
        );
    }
}

/// `[ $? -ne 0 ]`, `[[ $? == 0 ]]`, `(( $? != 0 ))`: a comparison in a test.
fn compared_in_test(ctx: &Ctx) -> bool {
    let mut compared = false;
    for ancestor in ctx.up() {
        match ancestor.kind() {
            "string" | "concatenation" => {}
            "binary_expression" => compared = true,
            "test_command" => return compared,
            "compound_statement" => return compared && ctx.text_of(ancestor).starts_with("(("),
            _ => return false,
        }
    }
    false
}
