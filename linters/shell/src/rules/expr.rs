//! What an `expr` command does, for SC2003 (arithmetic and comparisons,
//! which the shell does itself) and SC2308 (the GNU string keywords).

use tree_sitter::Node;

use crate::context::{Ctx, arguments, command_name};

pub enum Expr<'t> {
    /// `expr length|substr|match|index ...`: the keyword.
    Keyword(Node<'t>),
    /// `expr STRING : REGEX` and `expr A \< B`: still the portable way to
    /// match a regex or order strings.
    Regex,
    /// Anything else: arithmetic or comparison.
    Other,
}

/// What `command` asks of `expr`, if it is an `expr` command with arguments.
pub fn classify<'t>(command: Node<'t>, ctx: &Ctx<'t>) -> Option<Expr<'t>> {
    if command_name(command, ctx.text) != Some("expr") {
        return None;
    }
    let mut args = arguments(command);
    if args.first().is_some_and(|a| ctx.text_of(*a) == "--") {
        args.remove(0);
    }
    let first = *args.first()?;
    if matches!(ctx.text_of(first), "length" | "substr" | "match" | "index") {
        return Some(Expr::Keyword(first));
    }
    if args.get(1).is_some_and(|a| ctx.text_of(*a) == ":") {
        return Some(Expr::Regex);
    }
    // `expr "$a" \> "$b"`: a string comparison, which `[ ]` cannot do in POSIX.
    if args.iter().any(|a| is_ordering(ctx.text_of(*a))) {
        return Some(Expr::Regex);
    }
    Some(Expr::Other)
}

/// `\<`, `'>='`, `">"`: an ordering operator, escaped from the shell.
fn is_ordering(arg: &str) -> bool {
    let bare = arg.trim_start_matches('\\').trim_matches(|c| c == '\'' || c == '"');
    matches!(bare, "<" | ">" | "<=" | ">=") && bare != arg
}
