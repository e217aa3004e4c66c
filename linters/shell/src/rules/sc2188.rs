//! SC2188: a redirection with no command, such as `> file` alone.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2188", kinds: &["redirected_statement"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if node.child_by_field_name("body").is_some() {
        return;
    }
    let mut cursor = node.walk();
    let only_files = node.named_children(&mut cursor).all(|c| c.kind() == "file_redirect");
    if only_files {
        ctx.report(
            "SC2188",
            node,
            "a redirection without a command: it only creates or truncates the file; write `: > file` to say so, or move it to its command",
        );
    }
}
