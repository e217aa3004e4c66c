//! SC3020: `&>` redirection in a POSIX sh script.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC3020", kinds: &["file_redirect"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    if ctx.dialect.is_posix() && text.starts_with("&>") {
        ctx.report("SC3020", node, "`&>` is not POSIX; use `>file 2>&1`");
    }
}
