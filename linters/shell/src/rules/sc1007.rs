//! SC1007: `name= value`, an empty assignment followed by a space where an
//! assignment of `value` was probably meant.

use lintgate_engine::diagnostic::Finding;
use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC1007", kinds: &["variable_assignment"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    // `IFS= read` is the idiom for reading a line as it is.
    if !text.ends_with('=') || text == "IFS=" || text.contains('[') {
        return;
    }
    let after = &ctx.text[node.end_byte()..];
    let rest = after.trim_start_matches([' ', '\t']);
    if rest.len() == after.len()
        || rest.starts_with([';', '\n', '\r', '#', '&', '|', ')', '`'])
        || rest.is_empty()
    {
        return;
    }
    let at = node.end_byte();
    ctx.findings.push(Finding::new(
        "SC1007",
        "a space after `=` makes this an empty assignment; remove the space to assign what follows, or write `name=''`",
        at..at + 1,
    ));
}
