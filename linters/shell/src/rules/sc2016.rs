//! SC2016: `$var` or `$(cmd)` inside single quotes, where it does not expand.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2016", kinds: &["raw_string"], check };

/// Programs whose own language uses `$` (awk fields, shell code run later,
/// remote commands), where single quotes are exactly right.
const EXEMPT_COMMANDS: &[&str] = &[
    "awk",
    "gawk",
    "mawk",
    "nawk",
    "perl",
    "jq",
    "trap",
    "sh",
    "bash",
    "dash",
    "ksh",
    "zsh",
    "ssh",
    "eval",
    "xprop",
    "alias",
    "sudo",
    "doas",
    "docker",
    "podman",
    "oc",
    "dpkg-query",
    "rename",
    "rg",
    "unset",
    "git",
    "mumps",
    "su",
    "runuser",
    "env",
    "watch",
    "parallel",
    "xargs",
    "expect",
    "python",
    "python3",
    "ruby",
    "php",
    "node",
];

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    if !looks_like_expansion(text) || exempt(node, ctx) {
        return;
    }
    ctx.report(
        "SC2016",
        node,
        "single quotes keep `$` and backticks literal; use double quotes if this should expand",
    );
}

/// `$name`, `${`, `$(`, `$1`, or a pair of backticks.
fn looks_like_expansion(text: &str) -> bool {
    let bytes = text.as_bytes();
    let dollar = bytes.windows(2).any(|w| {
        w[0] == b'$' && (w[1].is_ascii_alphanumeric() || matches!(w[1], b'_' | b'{' | b'('))
    });
    dollar || bytes.iter().filter(|b| **b == b'`').count() >= 2
}

fn exempt(node: Node, ctx: &Ctx) -> bool {
    for ancestor in ctx.up() {
        match ancestor.kind() {
            "concatenation" => {}
            // `PS1='$PWD> '`: prompts expand when shown.
            "variable_assignment" => {
                let name = ancestor.child_by_field_name("name").map_or("", |n| ctx.text_of(n));
                return matches!(name, "PS1" | "PS2" | "PS3" | "PS4" | "PROMPT_COMMAND");
            }
            "command" => {
                let name = command_name(ancestor, ctx.text).unwrap_or_default();
                if EXEMPT_COMMANDS.contains(&name) {
                    return true;
                }
                // `find ... -exec sh -c '...'`
                return arguments(ancestor).iter().take_while(|a| a.id() != node.id()).any(|a| {
                    matches!(ctx.text_of(*a), "-exec" | "-execdir" | "sh" | "bash" | "-c")
                });
            }
            _ => return false,
        }
    }
    false
}
