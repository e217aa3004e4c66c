//! SC2207: `arr=($(cmd))` splits and globs command output into the array.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2207", kinds: &["command_substitution"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if ctx.up().find(|a| a.kind() != "concatenation").is_some_and(|a| a.kind() == "array") {
        ctx.report("SC2207", node, "command output is split and globbed into array elements; use `mapfile -t` or `read -a`");
    }
}
