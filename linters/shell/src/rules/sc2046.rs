//! SC2046: an unquoted `$(...)` is split into words and globbed.

use tree_sitter::Node;

use super::Rule;
use super::quoting::splits;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2046", kinds: &["command_substitution"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if splits(ctx) {
        ctx.report(
            "SC2046",
            node,
            "the output of this command substitution is split into words and globbed; quote it",
        );
    }
}
