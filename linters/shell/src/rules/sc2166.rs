//! SC2166: `-a`/`-o` joining two tests inside `[ ]`.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2166", kinds: &["test_operator"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let operator = ctx.text_of(node);
    if !matches!(operator, "-a" | "-o") {
        return;
    }
    // Binary only: a unary `-a file` is a file test.
    if node.parent().is_none_or(|p| p.kind() != "binary_expression") {
        return;
    }
    // `[ ]` only: inside `[[ ]]` these are errors of their own.
    let Some(test) = ctx.up().find(|a| a.kind() == "test_command") else { return };
    if ctx.text_of(test).starts_with("[[") {
        return;
    }
    let (joined, better) =
        if operator == "-a" { ("and", "[ p ] && [ q ]") } else { ("or", "[ p ] || [ q ]") };
    ctx.report(
        "SC2166",
        node,
        format!("`{operator}` ({joined}) inside one `[ ]` is ambiguous in POSIX; write `{better}`"),
    );
}
