//! SC2086: an unquoted `$var` is split into words and globbed.

use tree_sitter::Node;

use super::Rule;
use super::quoting::{is_array_expansion, splits};
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2086", kinds: &["simple_expansion", "expansion"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    // `$@` and `${array[@]}` are SC2068's.
    if is_array_expansion(text, false) || quoted_alternate(text) {
        return;
    }
    let in_function = ctx.up().any(|a| a.kind() == "function_definition");
    if ctx.vars.expansion_is_safe(node, ctx.text, in_function)
        || !splits(ctx)
        || exempt_word(node, ctx)
    {
        return;
    }
    ctx.report(
        "SC2086",
        node,
        format!(
            "`{text}` is unquoted: its value is split into words and globbed; write \"{text}\""
        ),
    );
}

/// `${x:+"$x"}`, `${1+"$@"}`: the idiom that expands to a quoted value or
/// to nothing at all.
fn quoted_alternate(text: &str) -> bool {
    let Some(inner) = text.strip_prefix("${") else { return false };
    inner.find('+').is_some_and(|plus| inner[plus + 1..].starts_with('"'))
}

/// Arguments of `:` that assign a default or expand an alternate, and the command that
/// `exec` or `command` runs, which is a command name.
fn exempt_word(node: Node, ctx: &Ctx) -> bool {
    let Some(command) = ctx.up().find(|a| a.kind() != "concatenation") else { return false };
    if command.kind() != "command" {
        return false;
    }
    match command_name(command, ctx.text) {
        // `: ${x:=default}` is SC2223's; `: ${x:-y}` and `: $x` still split.
        Some(":") => assigns_or_alternates(ctx.text_of(node)),
        Some("exec" | "command") => {
            arguments(command).first().is_some_and(|first| first.id() == node.id())
        }
        _ => false,
    }
}

/// `${name=x}`, `${name:=x}`, `${name+x}`, `${name:+x}`.
fn assigns_or_alternates(text: &str) -> bool {
    let Some(inner) = text.strip_prefix("${") else { return false };
    let rest = inner.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    rest.len() < inner.len() && (rest.starts_with('=') || rest.starts_with('+'))
}
