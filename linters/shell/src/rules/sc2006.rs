//! SC2006: legacy backtick command substitution.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2006", kinds: &["command_substitution"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if ctx.text_of(node).starts_with('`') {
        ctx.report(
            "SC2006",
            node,
            "backticks are the legacy form of command substitution; use $(...)",
        );
    }
}
