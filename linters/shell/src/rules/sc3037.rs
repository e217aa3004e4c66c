//! SC3037: `echo` with flags in POSIX sh (their meaning varies between shells).

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};
use crate::dialect::Dialect;

pub const RULE: Rule = Rule { code: "SC3037", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    // dash's echo takes -n; busybox's takes -n and -e.
    if !matches!(ctx.dialect, Dialect::Sh) || command_name(node, ctx.text) != Some("echo") {
        return;
    }
    let Some(first) = arguments(node).into_iter().next() else { return };
    let flag = ctx.text_of(first);
    if flag.len() > 1
        && flag.starts_with('-')
        && flag[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'))
    {
        ctx.report(
            "SC3037",
            first,
            format!("`echo {flag}` is not POSIX: shells disagree on echo's flags; use printf"),
        );
    }
}
