//! SC2128: an array expanded without an index gives only its first element.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;
use crate::vars::expansion_name;

pub const RULE: Rule = Rule { code: "SC2128", kinds: &["simple_expansion", "expansion"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    let plain = text.starts_with("${") && !text.contains(['[', '#', '!', ':', '%', '/', '^', ','])
        || !text.starts_with("${");
    let Some(name) = expansion_name(node, ctx.text) else { return };
    let function = ctx.up().find(|a| a.kind() == "function_definition").map(|f| f.start_byte());
    if plain && ctx.vars.is_array(name, node.start_byte(), function) {
        ctx.report("SC2128", node, format!("`{text}` gives only the first element of the array `{name}`; write \"${{{name}[@]}}\" for all, or ${{{name}[0]}} for the first"));
    }
}
