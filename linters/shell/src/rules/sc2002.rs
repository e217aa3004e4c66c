//! SC2002: `cat file | cmd`, where `cmd < file` would do.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2002", kinds: &["pipeline"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let Some(first) = node.named_child(0) else { return };
    if first.kind() != "command" || command_name(first, ctx.text) != Some("cat") {
        return;
    }
    let args = arguments(first);
    // One file for sure: not an option, and not an unquoted expansion or
    // glob that may name several files.
    if let [file] = args.as_slice()
        && !ctx.text_of(*file).starts_with('-')
        && !may_be_several(*file, ctx.text)
    {
        ctx.report("SC2002", *file, "`cat` of a single file into a pipe is not needed; redirect the file into the next command");
    }
}

fn may_be_several(word: Node, text: &str) -> bool {
    match word.kind() {
        "string" | "raw_string" => false,
        "word" => text[word.byte_range()].contains(['*', '?', '[']),
        "concatenation" => {
            let mut cursor = word.walk();
            word.named_children(&mut cursor).any(|part| may_be_several(part, text))
        }
        _ => true,
    }
}
