//! SC2116: `$(echo words)`, which is just the words.

use tree_sitter::Node;

use super::Rule;
use super::substitution::{is_named, only_command};
use crate::context::{Ctx, arguments};

pub const RULE: Rule = Rule { code: "SC2116", kinds: &["command_substitution"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let Some(command) = only_command(node) else { return };
    if !is_named(command, ctx.text, "echo") || command.child_by_field_name("redirect").is_some() {
        return;
    }
    let args = arguments(command);
    // `$(echo)` is empty; `echo -n`/`-e` change the text; `$(echo *.txt)`
    // expands a glob; `$(echo "$(cmd)")` is SC2005's.
    if args.is_empty()
        || args.iter().any(|a| ctx.text_of(*a).starts_with('-') || has_glob(*a, ctx.text))
        || (args.len() == 1 && lone_substitution(args[0]))
    {
        return;
    }
    ctx.report(
        "SC2116",
        node,
        "a command substitution that only echoes its arguments: use the arguments themselves",
    );
}

fn lone_substitution(word: Node) -> bool {
    word.kind() == "command_substitution"
        || (word.kind() == "string"
            && word.named_child_count() == 1
            && word.named_child(0).is_some_and(|c| c.kind() == "command_substitution"))
}

/// An unquoted `*`, `?` or `[` in the word.
fn has_glob(word: Node, text: &str) -> bool {
    let globby = |n: Node| n.kind() == "word" && text[n.byte_range()].contains(['*', '?', '[']);
    if globby(word) {
        return true;
    }
    let mut cursor = word.walk();
    word.kind() == "concatenation" && word.named_children(&mut cursor).any(globby)
}
