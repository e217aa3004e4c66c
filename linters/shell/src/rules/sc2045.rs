//! SC2045: `for f in $(ls ...)` breaks on names with spaces; use a glob.

use tree_sitter::Node;

use super::Rule;
use super::sc2044::loop_over;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2045", kinds: &["for_statement"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if let Some(value) = loop_over(node, ctx.text, "ls") {
        ctx.report(
            "SC2045",
            value,
            "looping over `ls` output splits names on spaces; loop over a glob instead",
        );
    }
}
