//! SC2126: `grep ... | wc -l`, which `grep -c` does alone.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2126", kinds: &["pipeline"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let mut cursor = node.walk();
    let commands: Vec<Node> = node.named_children(&mut cursor).collect();
    for pair in commands.windows(2) {
        let [grep, wc] = pair else { continue };
        if grep.kind() == "command"
            && wc.kind() == "command"
            && command_name(*grep, ctx.text) == Some("grep")
            && command_name(*wc, ctx.text) == Some("wc")
            && matches!(arguments(*wc).as_slice(), [only] if ctx.text_of(*only) == "-l")
        {
            ctx.report(
                "SC2126",
                *grep,
                "`grep | wc -l` counts matching lines with a second process: `grep -c` counts them itself",
            );
        }
    }
}
