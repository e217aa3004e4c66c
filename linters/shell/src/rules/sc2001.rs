//! SC2001: `echo "$var" | sed 's/a/b/'`, which bash and ksh do with
//! `${var//a/b}`.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};
use crate::dialect::Dialect;

pub const RULE: Rule = Rule { code: "SC2001", kinds: &["pipeline"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if !matches!(ctx.dialect, Dialect::Bash | Dialect::Ksh) || node.named_child_count() != 2 {
        return;
    }
    let (Some(echo), Some(sed)) = (node.named_child(0), node.named_child(1)) else { return };
    if echo.kind() != "command" || sed.kind() != "command" {
        return;
    }
    if command_name(echo, ctx.text) != Some("echo") || command_name(sed, ctx.text) != Some("sed") {
        return;
    }
    let echoed = arguments(echo);
    let [value] = echoed.as_slice() else { return };
    if !is_variable(*value, ctx.text) {
        return;
    }
    let args = arguments(sed);
    let script = match args.as_slice() {
        [script] => *script,
        [flag, script] if ctx.text_of(*flag) == "-e" => *script,
        _ => return,
    };
    if is_one_substitution(ctx.text_of(script)) {
        ctx.report(
            "SC2001",
            echo,
            "a pipe through `sed` for one substitution: `${var//pattern/replacement}` does it without a process",
        );
    }
}

/// `$x`, `${x}` or `"$x"`.
fn is_variable(word: Node, text: &str) -> bool {
    let inner = match word.kind() {
        "simple_expansion" | "expansion" => return true,
        "string" if word.named_child_count() == 1 => word.named_child(0),
        _ => None,
    };
    inner.is_some_and(|n| {
        matches!(n.kind(), "simple_expansion" | "expansion")
            && n.byte_range().len() + 2 == text[word.byte_range()].len()
    })
}

/// `'s/a/b/'`, `"s|a|b|g"`: a single `s` command.
fn is_one_substitution(script: &str) -> bool {
    let bare = script.trim_matches(|c| c == '\'' || c == '"');
    let mut chars = bare.chars();
    chars.next() == Some('s')
        && chars.next().is_some_and(|d| !d.is_alphanumeric() && d != '\\' && d != ' ')
        && !bare.contains([';', '\n'])
}
