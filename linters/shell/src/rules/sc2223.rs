//! SC2223: `: ${name:=default}` unquoted, so the value is split and globbed.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2223", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if command_name(node, ctx.text) != Some(":") {
        return;
    }
    for arg in arguments(node) {
        if arg.kind() == "expansion" && assigns_default(ctx.text_of(arg)) {
            ctx.report(
                "SC2223",
                arg,
                "the default assigned here is also expanded unquoted, so it is split and globbed; quote it: `: \"${name:=value}\"`",
            );
        }
    }
}

/// `${name=value}` or `${name:=value}`.
fn assigns_default(text: &str) -> bool {
    let Some(inner) = text.strip_prefix("${") else { return false };
    let name_end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(0);
    name_end > 0 && {
        let rest = &inner[name_end..];
        rest.starts_with('=') || rest.starts_with(":=")
    }
}
