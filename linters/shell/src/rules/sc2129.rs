//! SC2129: three or more commands in a row appending to the same file.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;

/// The nodes whose children are statements in sequence.
const BLOCKS: &[&str] = &[
    "program",
    "compound_statement",
    "do_group",
    "if_statement",
    "elif_clause",
    "else_clause",
    "case_item",
    "subshell",
];

pub const RULE: Rule = Rule { code: "SC2129", kinds: BLOCKS, check };

fn check(node: Node, ctx: &mut Ctx) {
    let mut cursor = node.walk();
    let statements: Vec<Node> = node.named_children(&mut cursor).collect();
    let mut run: Option<(Node, &str, usize)> = None;
    for statement in statements {
        // Comments between the commands do not break the run.
        if statement.kind() == "comment" {
            continue;
        }
        let target = appended_file(statement, ctx.text);
        run = match (run, target) {
            (Some((first, file, count)), Some(t)) if t == file => Some((first, file, count + 1)),
            (previous, next) => {
                flush(previous, ctx);
                next.map(|t| (statement, t, 1))
            }
        };
    }
    flush(run, ctx);
}

fn flush(run: Option<(Node, &str, usize)>, ctx: &mut Ctx) {
    if let Some((first, file, count)) = run
        && count >= 3
    {
        // `a | b >> file` redirects `b`: report where it starts.
        let body = first.child_by_field_name("body").unwrap_or(first);
        let at = if body.kind() == "pipeline" {
            body.named_child(body.named_child_count().saturating_sub(1) as u32).unwrap_or(first)
        } else {
            first
        };
        ctx.report(
            "SC2129",
            at,
            format!("{count} commands in a row append to `{file}`: group them, `{{ ...; }} >> {file}`, to open it once"),
        );
    }
}

/// `cmd >> file`: the file, when that is the statement's only redirection.
fn appended_file<'t>(statement: Node, text: &'t str) -> Option<&'t str> {
    if statement.kind() != "redirected_statement" {
        return None;
    }
    let mut cursor = statement.walk();
    let redirects: Vec<Node> = statement.children_by_field_name("redirect", &mut cursor).collect();
    let [redirect] = redirects.as_slice() else { return None };
    if redirect.kind() != "file_redirect" || !text[redirect.byte_range()].starts_with(">>") {
        return None;
    }
    let destination = redirect.child_by_field_name("destination")?;
    Some(&text[destination.byte_range()])
}
