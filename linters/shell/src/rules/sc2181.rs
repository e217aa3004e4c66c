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

/// `[ $? -ne 0 ]`, `[[ $? == 0 ]]`, `(( $? != 0 ))`: the whole test is a
/// comparison of `$?` with zero (ShellCheck's scope: other values, like
/// `[ $? -eq 1 ]`, are real uses of the status).
fn compared_in_test(ctx: &Ctx) -> bool {
    let mut up = ctx.up().skip_while(|a| a.kind() == "string");
    let Some(comparison) = up.next().filter(|a| a.kind() == "binary_expression") else {
        return false;
    };
    let other = [comparison.child_by_field_name("left"), comparison.child_by_field_name("right")]
        .into_iter()
        .flatten()
        .map(|side| ctx.text_of(side).trim_matches(['"', '\'']))
        .filter(|side| *side != "$?")
        .collect::<Vec<_>>();
    if other != ["0"] {
        return false;
    }
    match up.next() {
        Some(test) if test.kind() == "test_command" => true,
        Some(compound) if compound.kind() == "compound_statement" => {
            ctx.text_of(compound).starts_with("((")
        }
        _ => false,
    }
}
