//! SC2124: `x=$@` or `x="${arr[@]}"`, an array assigned to a string.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2124", kinds: &["variable_assignment"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let Some(value) = node.child_by_field_name("value") else { return };
    let parts: Vec<Node> = match value.kind() {
        "simple_expansion" | "expansion" => vec![value],
        "string" | "concatenation" => {
            let mut cursor = value.walk();
            value.named_children(&mut cursor).collect()
        }
        _ => return,
    };
    // tree-sitter can start an expansion at the blank before it (`" $@"`).
    if parts.iter().any(|p| expands_all(ctx.text_of(*p).trim_start())) {
        ctx.report(
            "SC2124",
            value,
            "an array expansion assigned to a string joins its elements with spaces; assign an array (`x=(\"$@\")`), or use `*` to join on purpose",
        );
    }
}

/// `$@`, `${@...}`, `${name[@]...}`: every element, as separate words.
fn expands_all(text: &str) -> bool {
    if text == "$@" || text.starts_with("${@") {
        return true;
    }
    let Some(inner) = text.strip_prefix("${") else { return false };
    let name_end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(0);
    name_end > 0 && inner[name_end..].starts_with("[@]")
}
