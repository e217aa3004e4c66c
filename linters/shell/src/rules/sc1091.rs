//! SC1091: `.`/`source` of a file that lintgate does not read.

use tree_sitter::Node;

use super::Rule;
use super::sourcing::{Sourced, sourced};
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC1091", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if let Some(Sourced::Known(at, path)) = sourced(node, ctx) {
        ctx.report(
            "SC1091",
            at,
            format!(
                "`{path}` is sourced but not read by lintgate, so what it defines is not known here"
            ),
        );
    }
}
