//! SC2012: parsing `ls` output with another command.

use tree_sitter::Node;

use super::Rule;
use super::sc2010::ls_followed_by;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2012", kinds: &["pipeline"], check };

fn check(node: Node, ctx: &mut Ctx) {
    for (ls, next) in ls_followed_by(node, ctx.text) {
        if !matches!(next, "grep" | "egrep" | "fgrep") {
            ctx.report(
                "SC2012",
                ls,
                "`ls` output is for people and breaks on unusual file names; use `find` or a glob",
            );
        }
    }
}
