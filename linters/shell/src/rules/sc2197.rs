//! SC2197: `fgrep`, which POSIX never had and GNU grep now warns about.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, command_name};

pub const RULE: Rule = Rule { code: "SC2197", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if command_name(node, ctx.text) == Some("fgrep") {
        ctx.report("SC2197", node, "`fgrep` is deprecated and not in POSIX; use `grep -F`");
    }
}
