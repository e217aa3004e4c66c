//! SC2145: `"text $@"` glues the text to the first element only.

use tree_sitter::Node;

use super::Rule;
use super::quoting::is_array_expansion;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2145", kinds: &["string"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let mut cursor = node.walk();
    let parts: Vec<Node> = node.named_children(&mut cursor).collect();
    if parts.len() < 2 {
        return;
    }
    for part in parts {
        let text = ctx.text_of(part);
        if matches!(part.kind(), "simple_expansion" | "expansion")
            && is_array_expansion(text, false)
        {
            ctx.report("SC2145", part, format!("`{text}` inside a longer string joins the text to the first element only; use `*` or a separate argument"));
        }
    }
}
