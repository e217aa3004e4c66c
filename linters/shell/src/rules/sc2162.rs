//! SC2162: `read` without `-r` treats backslashes as escapes.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2162", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if command_name(node, ctx.text) != Some("read") {
        return;
    }
    let raw = arguments(node).iter().map(|a| ctx.text_of(*a)).take_while(|a| *a != "--").any(|a| {
        a.starts_with('-')
            && !a.starts_with("--")
            && a[1..].chars().take_while(|c| c.is_ascii_alphabetic()).any(|c| c == 'r')
    });
    if !raw {
        ctx.report("SC2162", node, "`read` without `-r` drops backslashes; use `read -r`");
    }
}
