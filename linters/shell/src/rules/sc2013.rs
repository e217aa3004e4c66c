//! SC2013: `for line in $(cat file)` (or `grep`, `sed`), which loops over
//! words, not lines.

use tree_sitter::Node;

use super::Rule;
use super::substitution::{first_command, is_named};
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2013", kinds: &["for_statement"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let mut cursor = node.walk();
    let values: Vec<Node> = node.children_by_field_name("value", &mut cursor).collect();
    let [value] = values.as_slice() else { return };
    // Commands that print a file's lines.
    let reads_lines =
        |c: Node| ["cat", "grep", "sed"].iter().any(|name| is_named(c, ctx.text, name));
    if first_command(*value).is_some_and(reads_lines) {
        ctx.report(
            "SC2013",
            *value,
            "this loops over the words of the file, not its lines: read it with `while IFS= read -r line; do ...; done < file`",
        );
    }
}
