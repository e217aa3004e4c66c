//! SC2092: `` `cmd` `` alone as a command, which runs what `cmd` prints.

use tree_sitter::Node;

use super::Rule;
use super::sc2091::executed_output;
use super::substitution::is_backticks;
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC2092", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if let Some(substitution) = executed_output(node)
        && is_backticks(substitution, ctx.text)
    {
        ctx.report(
            "SC2092",
            node,
            "this runs the output of the command as a command; drop the backticks to run the command itself, or use `eval` if that is meant",
        );
    }
}
