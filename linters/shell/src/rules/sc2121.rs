//! SC2121: `set name=value` or `set name value`, which set `$1` rather than
//! a variable.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};
use crate::vars::is_name;

pub const RULE: Rule = Rule { code: "SC2121", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if command_name(node, ctx.text) != Some("set") {
        return;
    }
    let args = arguments(node);
    let Some(first) = args.first() else { return };
    let text = ctx.text_of(*first);
    let assigns = match text.split_once('=') {
        Some((name, _)) => is_name(name),
        // `set name value ...`: a name and more words, as csh assigns.
        None => is_name(text) && first.kind() == "word" && args.len() > 1,
    };
    if assigns {
        ctx.report(
            "SC2121",
            *first,
            "`set` does not assign variables: this sets the positional parameters; write `name=value`",
        );
    }
}
