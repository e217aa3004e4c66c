//! What a `.` or `source` command reads, as far as the script's text tells:
//! shared by SC1090 (a path only known at run time) and SC1091 (a path
//! that lintgate does not follow).

use tree_sitter::Node;

use crate::context::{Ctx, arguments, command_name};

/// How the sourced path is known.
pub enum Sourced<'t> {
    /// Written out (or given by a `source=` directive), or an expansion
    /// followed by a fixed `/path`, which is taken as relative to `.`.
    Known(Node<'t>, String),
    /// Built at run time; the node is where to report.
    Dynamic(Node<'t>),
    /// `/dev/null`: nothing to follow.
    Nothing,
}

/// What `command` sources, if it is a `.` or `source` command.
pub fn sourced<'t>(command: Node<'t>, ctx: &Ctx<'t>) -> Option<Sourced<'t>> {
    if !matches!(command_name(command, ctx.text), Some("." | "source")) {
        return None;
    }
    // `./x` is a path to a program, not the dot builtin.
    let name = command.child_by_field_name("name")?;
    if !matches!(ctx.text_of(name), "." | "source") {
        return None;
    }
    let args = arguments(command);
    let mut args = args.iter().copied();
    let mut first = args.next();
    if first.is_some_and(|a| ctx.text_of(a) == "--") {
        first = args.next();
    }
    let path = match (ctx.source_directive(command), first) {
        (Some(path), Some(arg)) => return Some(known(arg, path.to_string())),
        (_, None) => return Some(Sourced::Dynamic(command)),
        (None, Some(arg)) => arg,
    };
    // tree-sitter splits some words in two (`$a/lib/$b`, `/lib/`cmd``):
    // the next argument starts where this one ends. Only expansions cause it.
    if path.next_named_sibling().is_some_and(|next| next.start_byte() == path.end_byte()) {
        return Some(Sourced::Dynamic(path));
    }
    let mut parts = Vec::new();
    flatten(path, ctx.text, &mut parts);
    let all_fixed = parts.iter().all(Option::is_some);
    let literal = |parts: &[Option<String>]| parts.iter().flatten().cloned().collect::<String>();
    if all_fixed {
        let path_text = literal(&parts);
        if path_text.starts_with('~') || has_glob(&path_text, path, ctx.text) {
            return Some(Sourced::Dynamic(path));
        }
        return Some(known(path, path_text));
    }
    // `"$dir"/lib.sh`, `$(dirname "$0")/lib.sh`: one expansion, then a
    // fixed path from it.
    if let [None, rest @ ..] = parts.as_slice()
        && !rest.is_empty()
        && rest.iter().all(Option::is_some)
    {
        let tail = literal(rest);
        if tail.starts_with('/') && !tail.contains(['*', '?', '[']) {
            return Some(Sourced::Known(path, format!(".{tail}")));
        }
    }
    Some(Sourced::Dynamic(path))
}

fn known(node: Node, path: String) -> Sourced {
    if path == "/dev/null" { Sourced::Nothing } else { Sourced::Known(node, path) }
}

/// The parts of a word: `Some(text)` for fixed text, `None` for an
/// expansion. Adjacent expansions stay separate parts.
fn flatten(node: Node, text: &str, parts: &mut Vec<Option<String>>) {
    match node.kind() {
        "word" | "number" => parts.push(Some(unescape(&text[node.byte_range()]))),
        "string_content" => parts.push(Some(text[node.byte_range()].to_string())),
        "raw_string" => {
            let raw = &text[node.byte_range()];
            parts.push(Some(raw.trim_start_matches('\'').trim_end_matches('\'').to_string()));
        }
        "string" | "concatenation" => {
            let mut cursor = node.walk();
            let children: Vec<Node> = node.named_children(&mut cursor).collect();
            if node.kind() == "string" && children.is_empty() {
                parts.push(Some(String::new()));
            }
            for child in children {
                flatten(child, text, parts);
            }
        }
        _ => parts.push(None),
    }
}

fn unescape(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// An unquoted glob character in the word.
fn has_glob(path: &str, node: Node, text: &str) -> bool {
    path.contains(['*', '?', '['])
        && (node.kind() == "word" || {
            let mut cursor = node.walk();
            node.named_children(&mut cursor)
                .any(|c| c.kind() == "word" && text[c.byte_range()].contains(['*', '?', '[']))
        })
}
