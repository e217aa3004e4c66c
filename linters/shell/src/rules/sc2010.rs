//! SC2010: `ls | grep` to filter file names.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, command_name};

pub const RULE: Rule = Rule { code: "SC2010", kinds: &["pipeline"], check };

fn check(node: Node, ctx: &mut Ctx) {
    for (ls, next) in ls_followed_by(node, ctx.text) {
        if matches!(next, "grep" | "egrep" | "fgrep") {
            ctx.report("SC2010", ls, "filtering `ls` output with grep breaks on unusual file names; use a glob, or a loop with a test");
        }
    }
}

/// Each `ls` command in the pipeline with the name of the command after it.
pub fn ls_followed_by<'t>(pipeline: Node<'t>, text: &'t str) -> Vec<(Node<'t>, &'t str)> {
    let mut cursor = pipeline.walk();
    // `ls 2>/dev/null | ...`: look through the redirection.
    let commands: Vec<Node> = pipeline
        .named_children(&mut cursor)
        .map(|c| {
            if c.kind() == "redirected_statement" {
                c.child_by_field_name("body").unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    commands
        .windows(2)
        .filter(|pair| pair[0].kind() == "command" && command_name(pair[0], text) == Some("ls"))
        .map(|pair| {
            let next = if pair[1].kind() == "command" {
                command_name(pair[1], text).unwrap_or("")
            } else {
                ""
            };
            (pair[0], next)
        })
        .collect()
}
