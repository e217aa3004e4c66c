//! SC2155: `local x=$(cmd)` hides the exit status of `cmd`.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2155", kinds: &["declaration_command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let keyword = ctx.text_of(node).split_whitespace().next().unwrap_or_default();
    if !matches!(keyword, "local" | "export" | "declare" | "readonly" | "typeset") {
        return;
    }
    let mut cursor = node.walk();
    let assignments: Vec<Node> =
        node.named_children(&mut cursor).filter(|c| c.kind() == "variable_assignment").collect();
    for assignment in assignments {
        let Some(value) = assignment.child_by_field_name("value") else { continue };
        if contains_command_substitution(value) {
            ctx.report("SC2155", assignment, format!("`{keyword}` succeeds whatever the command substitution returns; declare first, then assign"));
        }
    }
}

fn contains_command_substitution(node: Node) -> bool {
    if node.kind() == "command_substitution" {
        return true;
    }
    if !matches!(node.kind(), "string" | "concatenation") {
        return false;
    }
    let mut cursor = node.walk();

    node.named_children(&mut cursor).any(contains_command_substitution)
}
