//! SC2164: `cd` or `pushd` whose failure is not handled.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, command_name};

pub const RULE: Rule = Rule { code: "SC2164", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if ctx.errexit || !matches!(command_name(node, ctx.text), Some("cd" | "pushd" | "popd")) {
        return;
    }
    // `cd ..` and `cd /` cannot fail in practice.
    let args = crate::context::arguments(node);
    if let [only] = args.as_slice()
        && matches!(ctx.text_of(*only), ".." | "/")
    {
        return;
    }
    if handled(node, ctx) {
        return;
    }
    let name = command_name(node, ctx.text).unwrap_or("cd");
    ctx.report("SC2164", node, format!("if `{name}` fails, the script goes on in the wrong directory; add `|| exit` (or `|| return`)"));
}

/// The command is a condition, or part of an `&&`/`||` list, or negated.
fn handled(node: Node, ctx: &Ctx) -> bool {
    let mut child = node;
    for ancestor in ctx.up() {
        match ancestor.kind() {
            "redirected_statement" => {}
            "list" | "negated_command" => return true,
            "if_statement" | "while_statement" | "elif_clause" => {
                // In the condition, not in the body.
                return ancestor
                    .child_by_field_name("condition")
                    .is_some_and(|c| c.byte_range().contains(&child.start_byte()))
                    || is_condition(ancestor, child);
            }
            _ => return false,
        }
        child = ancestor;
    }
    false
}

fn is_condition(statement: Node, child: Node) -> bool {
    let mut cursor = statement.walk();
    let conditions: Vec<Node> =
        statement.children_by_field_name("condition", &mut cursor).collect();
    conditions.iter().any(|c| c.id() == child.id())
}
