//! SC2004: `$x` inside arithmetic, where the bare name already reads `x`.

use tree_sitter::Node;

use super::Rule;
use crate::context::Ctx;
use crate::vars::is_name;

pub const RULE: Rule = Rule { code: "SC2004", kinds: &["simple_expansion", "expansion"], check };

fn check(node: Node, ctx: &mut Ctx) {
    let text = ctx.text_of(node);
    let Some(name) = plain_variable(text) else { return };
    if !in_arithmetic(ctx) {
        return;
    }
    ctx.report(
        "SC2004",
        node,
        format!("arithmetic reads variables by name: `{name}` is enough here, without `$`"),
    );
}

/// `$name`, `${name}` or `${name[index]}`: the name, if the expansion is
/// nothing more (no operator, no length, no positional or special parameter).
fn plain_variable(text: &str) -> Option<&str> {
    let inner = match text.strip_prefix("${") {
        Some(braced) => braced.strip_suffix('}')?,
        None => text.strip_prefix('$')?,
    };
    let name = match inner.find('[') {
        Some(open) if inner.ends_with(']') && text.starts_with("${") => &inner[..open],
        Some(_) => return None,
        None => inner,
    };
    is_name(name).then_some(name)
}

/// The expansion is an operand of `$((..))`, `$[..]`, `((..))` or a C-style
/// `for`, not nested in a string, a command substitution or an index.
fn in_arithmetic(ctx: &Ctx) -> bool {
    for ancestor in ctx.up() {
        match ancestor.kind() {
            "binary_expression"
            | "unary_expression"
            | "parenthesized_expression"
            | "ternary_expression"
            | "postfix_expression" => {}
            // A part that did not parse (`10#$n`) leaves the meaning unknown.
            "arithmetic_expansion" | "c_style_for_statement" => return !ancestor.has_error(),
            "compound_statement" => return ctx.text_of(ancestor).starts_with("(("),
            // `for ((i=$n; ...))`
            "variable_assignment" => {
                return ancestor.parent().is_some_and(|p| p.kind() == "c_style_for_statement");
            }
            _ => return false,
        }
    }
    false
}
