//! Shapes of command substitutions shared by SC2005, SC2013, SC2091,
//! SC2092 and SC2116.

use tree_sitter::Node;

use crate::context::command_name;

/// The single command inside a `$(..)` or backticks, if it holds exactly
/// one plain command (no pipeline, list or redirection).
pub fn only_command<'t>(substitution: Node<'t>) -> Option<Node<'t>> {
    if substitution.kind() != "command_substitution" || substitution.named_child_count() != 1 {
        return None;
    }
    let inner = substitution.named_child(0)?;
    (inner.kind() == "command").then_some(inner)
}

/// The first command of what a substitution runs: the command itself or
/// the head of its pipeline.
pub fn first_command<'t>(substitution: Node<'t>) -> Option<Node<'t>> {
    if substitution.kind() != "command_substitution" || substitution.named_child_count() != 1 {
        return None;
    }
    let inner = substitution.named_child(0)?;
    let head = if inner.kind() == "pipeline" { inner.named_child(0)? } else { inner };
    match head.kind() {
        "command" => Some(head),
        "redirected_statement" => {
            head.child_by_field_name("body").filter(|c| c.kind() == "command")
        }
        _ => None,
    }
}

/// The command is `name` (as written, or with a path).
pub fn is_named(command: Node, text: &str, name: &str) -> bool {
    command_name(command, text) == Some(name)
}

/// Written with backticks rather than `$(`.
pub fn is_backticks(substitution: Node, text: &str) -> bool {
    text[substitution.byte_range()].starts_with('`')
}
