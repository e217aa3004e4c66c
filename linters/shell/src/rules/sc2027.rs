//! SC2027: `"a"$x"b"`, where the quotes around `$x` end and restart the
//! string, leaving `$x` unquoted.

use tree_sitter::Node;

use super::Rule;
use super::sc2140::ends_in_text;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2027", kinds: &["concatenation"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let mut cursor = node.walk();
    let parts: Vec<Node> = node.named_children(&mut cursor).collect();
    for window in parts.windows(3) {
        let [left, middle, right] = window else { continue };
        if matches!(middle.kind(), "simple_expansion" | "expansion" | "command_substitution")
            && ends_in_text(*left)
            && right.kind() == "string"
        {
            let text = ctx.text_of(*middle);
            ctx.report(
                "SC2027",
                *middle,
                format!("the quotes around `{text}` close and reopen the string, so `{text}` is unquoted; drop them to keep it inside one string"),
            );
        }
    }
}
