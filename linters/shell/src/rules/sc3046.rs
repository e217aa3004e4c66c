//! SC3046: `source` in POSIX sh, where only `.` exists.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, command_name};
use crate::dialect::Dialect;

pub const RULE: Rule = Rule { code: "SC3046", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if matches!(ctx.dialect, Dialect::Sh | Dialect::Dash)
        && command_name(node, ctx.text) == Some("source")
    {
        ctx.report("SC3046", node, "`source` is not POSIX; use `.`");
    }
}
