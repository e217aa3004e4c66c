//! SC2044: `for f in $(find ...)` breaks on names with spaces.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2044", kinds: &["for_statement"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if let Some(value) = loop_over(node, ctx.text, "find") {
        ctx.report("SC2044", value, "looping over `find` output splits names on spaces; use `find -exec` or a `while read` loop");
    }
}

/// The `for` list item that is a command substitution running `program`.
pub fn loop_over<'t>(node: Node<'t>, text: &str, program: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    let values: Vec<Node> = node.children_by_field_name("value", &mut cursor).collect();
    values.into_iter().find(|value| {
        value.kind() == "command_substitution"
            && value.named_child(0).is_some_and(|command| {
                command.kind() == "command"
                    && crate::context::command_name(command, text) == Some(program)
            })
    })
}
