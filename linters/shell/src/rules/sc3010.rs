//! SC3010: `[[ ]]` in a POSIX sh script.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC3010", kinds: &["test_command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if ctx.dialect.is_posix() && ctx.text_of(node).starts_with("[[") {
        ctx.report(
            "SC3010",
            node,
            format!("`[[ ]]` is not POSIX; {} has only `[ ]`", ctx.dialect.name()),
        );
    }
}
