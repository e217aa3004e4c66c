//! SC1090: `.`/`source` of a path only known at run time.

use tree_sitter::Node;

use super::Rule;
use super::sourcing::{Sourced, sourced};
use crate::context::Ctx;

pub const RULE: Rule = Rule { code: "SC1090", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if let Some(Sourced::Dynamic(at)) = sourced(node, ctx) {
        ctx.report(
            "SC1090",
            at,
            "the sourced file is only known at run time, so its definitions are not checked; name it with a `# shellcheck source=path` directive",
        );
    }
}
