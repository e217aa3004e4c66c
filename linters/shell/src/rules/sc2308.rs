//! SC2308: `expr length`, `substr`, `match` and `index`, which POSIX leaves
//! unspecified.

use tree_sitter::Node;

use super::Rule;
use super::expr::{Expr, classify};
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2308", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if let Some(Expr::Keyword(keyword)) = classify(node, ctx) {
        let name = ctx.text_of(keyword);
        let instead = match name {
            "length" => "`${#var}`",
            "match" => "`expr STRING : REGEX`",
            _ => "parameter expansion (`${var#prefix}`) or `cut`",
        };
        ctx.report(
            "SC2308",
            keyword,
            format!(
                "`expr {name}` is a GNU extension that POSIX leaves unspecified; use {instead}"
            ),
        );
    }
}
