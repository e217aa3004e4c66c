//! SC2003: `expr` for arithmetic the shell does itself with `$((..))`.

use tree_sitter::Node;

use super::Rule;
use super::expr::{Expr, classify};
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2003", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if let Some(Expr::Other) = classify(node, ctx) {
        ctx.report(
            "SC2003",
            node,
            "`expr` runs a program for what the shell does itself: use `$((..))` for arithmetic, `[ ]` for comparisons",
        );
    }
}
