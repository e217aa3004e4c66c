//! SC2140: `"A"B"C"`, a word between two quoted parts that was probably
//! meant to be inside the quotes (or quoted quotes).

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2140", kinds: &["concatenation", "command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if node.kind() == "command" {
        continued_strings(node, ctx);
        return;
    }
    let mut cursor = node.walk();
    let parts: Vec<Node> = node.named_children(&mut cursor).collect();
    for window in parts.windows(3) {
        let [left, middle, right] = window else { continue };
        let word = ctx.text_of(*middle);
        // `"$dir"/"$name"` is a path; `"a"*"b"` a glob.
        if middle.kind() == "word"
            && !word.chars().all(|c| c == '/')
            && !word.contains(['*', '?', '['])
            && ends_in_text(*left)
            && starts_with_text(*right)
        {
            ctx.report(
                "SC2140",
                *middle,
                format!("`{word}` stands unquoted between two quoted parts; put it inside the quotes, or escape the inner quotes (`\\\"`) if they are meant literally"),
            );
        }
    }
}

/// `"a"\<newline>"b"` is one word `"a""b"` to the shell, which tree-sitter
/// reads as two arguments: the line continuation is the unquoted middle.
fn continued_strings(command: Node, ctx: &mut Ctx) {
    let args = crate::context::arguments(command);
    for pair in args.windows(2) {
        let [left, right] = pair else { continue };
        if ends_in_text(*left)
            && starts_with_text(*right)
            && ctx.text[left.end_byte()..right.start_byte()] == *"\\\n"
        {
            let at = left.end_byte();
            ctx.findings.push(lintgate_engine::diagnostic::Finding::new(
                "SC2140",
                "a line continuation joins these two quoted strings into one word; to pass them as separate arguments, put a space before the `\\`",
                at..at + 1,
            ));
        }
    }
}

/// A double-quoted string whose last part is literal text.
pub fn ends_in_text(string: Node) -> bool {
    string.kind() == "string"
        && string
            .named_child(string.named_child_count().saturating_sub(1) as u32)
            .is_some_and(|c| c.kind() == "string_content")
}

fn starts_with_text(string: Node) -> bool {
    string.kind() == "string" && string.named_child(0).is_some_and(|c| c.kind() == "string_content")
}
