//! SC2064: `trap "... $var ..."` expands when the trap is set, not when it fires.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2064", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if command_name(node, ctx.text) != Some("trap") {
        return;
    }
    let Some(action) = arguments(node).into_iter().next() else { return };
    if action.kind() != "string" {
        return;
    }
    if let Some(expansion) = first_expansion(action) {
        ctx.report("SC2064", expansion, "double quotes expand this now, when the trap is set; use single quotes to expand when it fires");
    }
}

fn first_expansion(string: Node) -> Option<Node> {
    let mut cursor = string.walk();
    string
        .named_children(&mut cursor)
        .find(|c| matches!(c.kind(), "simple_expansion" | "expansion" | "command_substitution"))
}
