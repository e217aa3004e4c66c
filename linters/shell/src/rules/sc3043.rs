//! SC3043: `local` in POSIX sh (dash and busybox have it, POSIX does not).

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;
use crate::dialect::Dialect;

pub const RULE: Rule = Rule { code: "SC3043", kinds: &["declaration_command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if ctx.dialect == Dialect::Sh && ctx.text_of(node).starts_with("local") {
        ctx.report("SC3043", node, "`local` is not POSIX (though dash and busybox have it)");
    }
}
