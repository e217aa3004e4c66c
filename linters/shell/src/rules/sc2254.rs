//! SC2254: a `case` pattern that is an unquoted expansion, so its value
//! matches as a glob.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2254", kinds: &["case_item"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let mut cursor = node.walk();
    let patterns: Vec<Node> = node.children_by_field_name("value", &mut cursor).collect();
    for pattern in patterns {
        if matches!(pattern.kind(), "simple_expansion" | "expansion") {
            let text = ctx.text_of(pattern);
            ctx.report(
                "SC2254",
                pattern,
                format!("`{text}` as a case pattern matches as a glob; quote it (\"{text}\") to match its value literally"),
            );
        }
    }
}
