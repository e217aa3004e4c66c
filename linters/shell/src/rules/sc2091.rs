//! SC2091: `$(cmd)` alone as a command, which runs what `cmd` prints.

use tree_sitter::Node;

use super::Rule;
use super::substitution::is_backticks;
use crate::context::{Ctx, arguments};

pub const RULE: Rule = Rule { code: "SC2091", kinds: &["command"], check };

/// The substitution that is the whole command, if it is one.
pub fn executed_output(command: Node) -> Option<Node> {
    if !arguments(command).is_empty() || command.named_child_count() != 1 {
        return None;
    }
    let name = command.child_by_field_name("name")?;
    if name.named_child_count() != 1 {
        return None;
    }
    let inner = name.named_child(0)?;
    (inner.kind() == "command_substitution" && inner.byte_range() == name.byte_range())
        .then_some(inner)
}

fn check(node: Node, ctx: &mut Ctx) {
    if let Some(substitution) = executed_output(node)
        && !is_backticks(substitution, ctx.text)
    {
        ctx.report(
            "SC2091",
            node,
            "this runs the output of the command as a command; drop the `$(..)` to run the command itself, or use `eval` if that is meant",
        );
    }
}
