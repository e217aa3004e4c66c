//! SC2196: `egrep`, which POSIX never had and GNU grep now warns about.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, command_name};

pub const RULE: Rule = Rule { code: "SC2196", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if command_name(node, ctx.text) == Some("egrep") {
        ctx.report("SC2196", node, "`egrep` is deprecated and not in POSIX; use `grep -E`");
    }
}
