//! SC2015: `A && B || C` runs C also when B fails; it is not if-then-else.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, command_name};

pub const RULE: Rule = Rule { code: "SC2015", kinds: &["list"], check };

/// C commands that only report or stop: running them after B failed too is harmless.
const HARMLESS_ELSE: &[&str] =
    &["echo", "printf", "true", ":", "exit", "return", "break", "continue"];

fn check(node: Node, ctx: &mut Ctx) {
    let Some(operator) = node.child(1) else { return };
    if ctx.text_of(operator) != "||" {
        return;
    }
    let Some(left) = node.named_child(0).filter(|l| l.kind() == "list") else { return };
    let Some(and) = left.child(1).filter(|o| ctx.text_of(*o) == "&&") else { return };
    let (Some(b), Some(c)) = (left.named_child(1), node.named_child(1)) else { return };
    let is_command = |n: Node, names: &[&str]| {
        n.kind() == "command" && command_name(n, ctx.text).is_some_and(|name| names.contains(&name))
    };
    // `A && [ test ] || C` is a condition chain; C that only reports is harmless.
    let b = if b.kind() == "negated_command" { b.named_child(0).unwrap_or(b) } else { b };
    let b_is_test = b.kind() == "test_command" || is_command(b, &["test", "["]);
    let c_is_harmless = c.kind() == "variable_assignment" || is_command(c, HARMLESS_ELSE);
    if !b_is_test && !c_is_harmless {
        ctx.report("SC2015", and, "`A && B || C` is not if-then-else: C also runs when B fails; use `if A; then B; else C; fi`");
    }
}
