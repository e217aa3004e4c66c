//! SC2005: `echo "$(cmd)"`, which only prints what `cmd` would print itself.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2005", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text;
    if command_name(node, ctx.text) != Some("echo") {
        return;
    }
    let args = arguments(node);
    let [only] = args.as_slice() else { return };
    if is_lone_substitution(*only, text) {
        ctx.report(
            "SC2005",
            *only,
            "`echo` of a command's output prints what the command prints: run the command itself",
        );
    }
}

/// `$(cmd)`, `` `cmd` `` or `"$(cmd)"`, and nothing else in the word.
fn is_lone_substitution(word: Node, text: &str) -> bool {
    match word.kind() {
        "command_substitution" => true,
        // tree-sitter can start the substitution at text before it
        // (`"   $(cmd)"`): the substitution's own text must start it.
        "string" => {
            word.named_child_count() == 1
                && word.named_child(0).is_some_and(|c| {
                    c.kind() == "command_substitution"
                        && text[c.byte_range()].starts_with(['$', '`'])
                        && c.start_byte() == word.start_byte() + 1
                        && c.end_byte() + 1 == word.end_byte()
                })
        }
        _ => false,
    }
}
