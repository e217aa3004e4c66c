//! Where an unquoted expansion is split into words and globbed, as the
//! shell does it and as ShellCheck judges it: command arguments,
//! redirection targets, here-strings, `[ ]` tests. Not in double quotes,
//! assignments, `[[ ]]`, arithmetic, `case` words, `for` lists (which split
//! on purpose), array subscripts, or nested inside another `${...}`.

use crate::context::Ctx;

/// Whether the node being visited (an expansion) would be split and globbed.
pub fn splits(ctx: &Ctx) -> bool {
    let mut glued = false;
    let mut ancestors = ctx.up().peekable();
    while let Some(ancestor) = ancestors.next() {
        match ancestor.kind() {
            "concatenation" => glued = true,
            "binary_expression" | "unary_expression" | "parenthesized_expression" => {}
            "test_command" => return !ctx.text_of(ancestor).starts_with("[["),
            "command"
            | "file_redirect"
            | "herestring_redirect"
            | "unset_command"
            | "declaration_command" => return true,
            // `$cmd args` runs a command named by a variable, on purpose;
            // `${dir}/tool` is a path that can still split.
            "command_name" => return glued,
            // `local x=$1` splits in POSIX shells, where `local` and
            // `export` are ordinary commands; bash treats it as an assignment.
            "variable_assignment" => {
                let declared = ancestors.peek().is_some_and(|p| p.kind() == "declaration_command");
                return declared && ctx.dialect.is_posix();
            }
            // Quotes, arithmetic, case, for lists, subscripts, an
            // enclosing `${...}`, and anything else.
            _ => return false,
        }
    }
    false
}

/// `$@`, `${@}`, `${name[@]}` (and `*` forms when `star`): expansions of
/// several words.
pub fn is_array_expansion(text: &str, star: bool) -> bool {
    let all = |s: &str| s == "@" || (star && s == "*");
    if let Some(name) = text.strip_prefix('$') {
        if all(name) {
            return true;
        }
        if let Some(inner) = name.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            if all(inner) {
                return true;
            }
            if let Some(open) = inner.find('[') {
                return inner.ends_with(']')
                    && all(&inner[open + 1..inner.len() - 1])
                    && !inner.starts_with('#')
                    && !inner.starts_with('!');
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_array_expansion;

    #[test]
    fn array_expansions() {
        for text in ["$@", "${@}", "${a[@]}", "${files[@]}"] {
            assert!(is_array_expansion(text, false), "{text}");
        }
        for text in ["$a", "${a}", "${a[0]}", "${#a[@]}", "${!a[@]}", "$*"] {
            assert!(!is_array_expansion(text, false), "{text}");
        }
        assert!(is_array_expansion("${a[*]}", true));
    }
}
