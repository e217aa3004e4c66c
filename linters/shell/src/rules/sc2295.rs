//! SC2295: an unquoted expansion in the pattern of `${x#..}` or `${x%..}`,
//! whose value then matches as a glob pattern.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;
use lintgate_engine::diagnostic::Finding;

pub const RULE: Rule = Rule { code: "SC2295", kinds: &["expansion"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    let Some(inner) = text.strip_prefix("${") else { return };
    // The parameter: a name, a digit or a special character.
    let name_len = match inner.bytes().next() {
        Some(b) if b.is_ascii_digit() || b"@*#?$!-".contains(&b) => 1,
        _ => inner.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count(),
    };
    if name_len == 0 || !inner[name_len..].starts_with(['#', '%']) {
        return;
    }
    let mut cursor = node.walk();
    let patterns: Vec<Node> = node.named_children(&mut cursor).skip(1).collect();
    for pattern in patterns {
        match pattern.kind() {
            "simple_expansion" | "expansion" | "command_substitution" => {
                report(ctx, pattern.start_byte());
            }
            "regex" | "word" => {
                for offset in unquoted_dollars(ctx.text_of(pattern)) {
                    report(ctx, pattern.start_byte() + offset);
                }
            }
            _ => {}
        }
    }
}

/// Offsets of `$name`, `${`, `$(` outside quotes and not escaped.
fn unquoted_dollars(pattern: &str) -> Vec<usize> {
    let bytes = pattern.as_bytes();
    let mut found = Vec::new();
    let (mut single, mut double, mut i) = (false, false, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if !single => i += 1,
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'$' if !single && !double => {
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if next.is_ascii_alphanumeric() || matches!(next, b'_' | b'{' | b'(') {
                    found.push(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

fn report(ctx: &mut Ctx, at: usize) {
    let end = ctx.text[at..]
        .find(|c: char| c == '}' || c.is_whitespace())
        .map_or(at + 1, |n| at + n.max(1));
    ctx.findings.push(Finding::new(
        "SC2295",
        "an unquoted expansion in this pattern matches as a glob; quote it on its own (`${x#\"$prefix\"}`) to match it literally",
        at..end,
    ));
}
