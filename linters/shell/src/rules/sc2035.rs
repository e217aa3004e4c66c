//! SC2035: a glob such as `*.txt` can expand to a name that starts with `-`
//! and is taken as an option.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2035", kinds: &["command"], check };

/// Commands that take no options from their arguments (or print them).
const EXEMPT: &[&str] =
    &["echo", "printf", "print", "for", "case", "[", "test", "set", "export", "local"];

fn check(node: Node, ctx: &mut Ctx) {
    let Some(name) = command_name(node, ctx.text) else { return };
    if EXEMPT.contains(&name) {
        return;
    }
    for arg in arguments(node) {
        let word = ctx.text_of(arg);
        if word == "--" {
            return;
        }
        if arg.kind() == "word" && word.starts_with('*') && word.len() > 1
            || word == "*" && arg.kind() == "word"
        {
            ctx.report("SC2035", arg, format!("`{word}` can expand to a file name starting with `-`, read as an option; write ./{word} or put `--` first"));
        }
    }
}
