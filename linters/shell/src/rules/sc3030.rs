//! SC3030: arrays in a POSIX sh script.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC3030", kinds: &["array"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if ctx.dialect.is_posix() {
        ctx.report(
            "SC3030",
            node,
            format!("arrays are not POSIX; {} has none", ctx.dialect.name()),
        );
    }
}
