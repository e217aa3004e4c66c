//! SC2115: `rm -r "$dir/"` removes `/` when `$dir` is empty.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2115", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if command_name(node, ctx.text) != Some("rm") {
        return;
    }
    let args = arguments(node);
    let recursive = args.iter().map(|a| ctx.text_of(*a)).any(|a| {
        a == "--recursive" || (a.starts_with('-') && !a.starts_with("--") && a.contains(['r', 'R']))
    });
    if !recursive {
        return;
    }
    for arg in args {
        let word: String = ctx.text_of(arg).chars().filter(|c| *c != '"').collect();
        if let Some(tail) = unguarded_variable_then(&word)
            && matches!(tail, "/" | "/*")
        {
            ctx.report("SC2115", arg, format!("if the variable is empty this removes `{tail}`; use \"${{var:?}}\" to stop when it is unset or empty"));
        }
    }
}

/// For `$name...` or `${name}...` (no `:?` guard), what follows the variable.
fn unguarded_variable_then(word: &str) -> Option<&str> {
    let rest = word.strip_prefix('$')?;
    if let Some(braced) = rest.strip_prefix('{') {
        let close = braced.find('}')?;
        let name = &braced[..close];
        return crate::vars::is_name(name).then(|| &braced[close + 1..]);
    }
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| &rest[end..])
}
