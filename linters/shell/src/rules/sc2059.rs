//! SC2059: a variable in a `printf` format string.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2059", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if command_name(node, ctx.text) != Some("printf") {
        return;
    }
    let args = arguments(node);
    let mut rest = args.as_slice();
    // `printf -v var FORMAT`, `printf -- FORMAT`.
    while let [first, tail @ ..] = rest {
        match ctx.text_of(*first) {
            "-v" => rest = tail.get(1..).unwrap_or_default(),
            "--" => {
                rest = tail;
                break;
            }
            _ => break,
        }
    }
    let Some(format) = rest.first() else { return };
    // A format that has its own `%` directives is taken as deliberate.
    if has_expansion(*format) && !ctx.text_of(*format).contains('%') {
        ctx.report("SC2059", *format, "a variable in the `printf` format string can inject `%` directives; pass it as an argument to `%s`");
    }
}

fn has_expansion(node: Node) -> bool {
    match node.kind() {
        "simple_expansion" | "expansion" | "command_substitution" => true,
        "string" | "concatenation" => {
            let mut cursor = node.walk();

            node.named_children(&mut cursor).any(has_expansion)
        }
        _ => false,
    }
}
