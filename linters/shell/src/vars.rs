//! Facts about variables gathered in one pass before the rules run: which
//! names are only ever given values that cannot split or glob (so
//! expanding them unquoted is harmless, as ShellCheck also reasons).

use std::collections::HashMap;

use tree_sitter::{Node, Tree};

/// Integer-valued variables the shell sets.
const NUMERIC_BUILTINS: &[&str] = &[
    "#",
    "?",
    "$",
    "!",
    "RANDOM",
    "LINENO",
    "SECONDS",
    "PPID",
    "UID",
    "EUID",
    "BASHPID",
    "OPTIND",
    "COLUMNS",
    "LINES",
    "SHLVL",
    "EPOCHSECONDS",
];

#[derive(Debug, Default)]
pub struct Variables {
    /// name -> each assignment's offset and whether its value is safe
    /// unquoted, in document order.
    assignments: HashMap<String, Vec<(usize, bool)>>,
    /// The script runs `set -e` (or `set -o errexit`) somewhere.
    pub errexit: bool,
    /// Names the script makes arrays (`a=(...)`, `declare -a`): where each
    /// becomes one, and in which function (its start offset; none at top level).
    arrays: HashMap<String, Vec<(usize, Option<usize>)>>,
}

impl Variables {
    pub fn collect(tree: &Tree, text: &str) -> Variables {
        let mut vars = Variables::default();
        crate::parse::preorder(tree, |node| {
            vars.visit(node, text);
            !node.is_error()
        });
        vars
    }

    fn visit(&mut self, node: Node, text: &str) {
        match node.kind() {
            "variable_assignment" => {
                let Some(name) = node.child_by_field_name("name") else { return };
                let name = &text[name.byte_range()];
                if node.child_by_field_name("value").is_some_and(|v| v.kind() == "array") {
                    self.arrays
                        .entry(name.to_string())
                        .or_default()
                        .push((node.end_byte(), enclosing_function(node)));
                }
                let safe =
                    node.child_by_field_name("value").is_none_or(|v| self.value_is_safe(v, text));
                self.assign(name, node.start_byte(), safe);
            }
            "for_statement" => {
                let Some(variable) = node.child_by_field_name("variable") else { return };
                let mut cursor = node.walk();
                let values: Vec<Node> = node.children_by_field_name("value", &mut cursor).collect();
                let safe = !values.is_empty()
                    && values
                        .iter()
                        .all(|v| self.value_is_safe(*v, text) && !has_glob(&text[v.byte_range()]));
                self.assign(&text[variable.byte_range()], node.start_byte(), safe);
            }
            "declaration_command" => {
                // `declare -a x`, `local -A x`
                let mut flags = node.walk();
                let array_flag = node.named_children(&mut flags).any(|c| {
                    let word = &text[c.byte_range()];
                    c.kind() == "word" && word.starts_with('-') && word.contains(['a', 'A'])
                });
                if array_flag {
                    let mut cursor = node.walk();
                    for child in node.named_children(&mut cursor) {
                        let name = match child.kind() {
                            "variable_name" => &text[child.byte_range()],
                            "variable_assignment" => child
                                .child_by_field_name("name")
                                .map_or("", |n| &text[n.byte_range()]),
                            _ => continue,
                        };
                        self.arrays
                            .entry(name.to_string())
                            .or_default()
                            .push((node.end_byte(), enclosing_function(node)));
                    }
                }
            }
            "c_style_for_statement" => {
                // `for ((i = 0; ...))`: the counters are numbers.
                let mut cursor = node.walk();
                for child in node.children_by_field_name("initializer", &mut cursor) {
                    if let Some(name) = first_variable_name(child, text) {
                        self.assign(name, node.start_byte(), true);
                    }
                }
            }
            "command" => {
                // `read x`, `getopts spec x`, `mapfile x`: values from outside.
                let Some(name) = node.child_by_field_name("name") else { return };
                if &text[name.byte_range()] == "set" && sets_errexit(node, text) {
                    self.errexit = true;
                }
                if matches!(
                    &text[name.byte_range()],
                    "read" | "getopts" | "mapfile" | "readarray" | "printf"
                ) {
                    let mut cursor = node.walk();
                    for arg in node.children_by_field_name("argument", &mut cursor) {
                        let word = &text[arg.byte_range()];
                        if is_name(word) {
                            self.assign(word, arg.start_byte(), false);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether `name` is an array at `offset` in `function`: made one
    /// earlier in the script, at top level or in the same function.
    pub fn is_array(&self, name: &str, offset: usize, function: Option<usize>) -> bool {
        self.arrays.get(name).is_some_and(|places| {
            places
                .iter()
                .any(|(at, scope)| *at <= offset && (scope.is_none() || *scope == function))
        })
    }

    fn assign(&mut self, name: &str, offset: usize, safe: bool) {
        self.assignments.entry(name.to_string()).or_default().push((offset, safe));
    }

    /// Whether `$name` used at `offset` cannot split or glob: a numeric
    /// builtin, or a name whose assignments before that point (anywhere,
    /// for a use inside a function, which runs later) all give safe values.
    /// A branch that assigns something unsafe makes the name unsafe after
    /// it, as on that path; straight-line reassignment is not tracked.
    pub fn is_safe(&self, name: &str, offset: usize, in_function: bool) -> bool {
        if NUMERIC_BUILTINS.contains(&name) {
            return true;
        }
        let Some(all) = self.assignments.get(name) else { return false };
        let before: Vec<bool> =
            all.iter().filter(|(at, _)| *at < offset).map(|(_, safe)| *safe).collect();
        let relevant = if before.is_empty() && in_function {
            all.iter().map(|(_, safe)| *safe).collect()
        } else {
            before
        };
        !relevant.is_empty() && relevant.iter().all(|safe| *safe)
    }

    fn value_is_safe(&self, value: Node, text: &str) -> bool {
        let content = &text[value.byte_range()];
        match value.kind() {
            "number" | "arithmetic_expansion" => true,
            "word" => !content.contains(['*', '?', '[', '\\', ' ', '\t', '\n']),
            "raw_string" => !content.contains([' ', '\t', '\n', '*', '?', '[']),
            "string" => {
                let mut cursor = value.walk();

                value.named_children(&mut cursor).all(|part| match part.kind() {
                    "string_content" => {
                        !text[part.byte_range()].contains([' ', '\t', '\n', '*', '?', '['])
                    }
                    "simple_expansion" | "expansion" => self.expansion_is_safe(part, text, false),
                    "arithmetic_expansion" => true,
                    _ => false,
                })
            }
            "simple_expansion" | "expansion" => self.expansion_is_safe(value, text, false),
            "concatenation" => {
                let mut cursor = value.walk();

                value.named_children(&mut cursor).all(|part| self.value_is_safe(part, text))
            }
            _ => false,
        }
    }

    /// `$#`, `${#x}`, `$RANDOM`: expansions whose value is a number.
    pub fn is_numeric(&self, expansion: Node, text: &str) -> bool {
        let content = &text[expansion.byte_range()];
        (content.starts_with("${#") && content.len() > 3)
            || expansion_name(expansion, text).is_some_and(|name| {
                NUMERIC_BUILTINS.contains(&name)
                    && (content == format!("${name}") || content == format!("${{{name}}}"))
            })
    }

    /// `$#`, `${#x}`, `${COLUMNS:-80}`, or a variable known to be safe at
    /// this point, possibly with a modifier (`${n:-3}`, `${n#x}`).
    pub fn expansion_is_safe(&self, expansion: Node, text: &str, in_function: bool) -> bool {
        let content = &text[expansion.byte_range()];
        if content.starts_with("${#") && content.len() > 3 {
            return true;
        }
        let Some(name) = expansion_name(expansion, text) else { return false };
        if content.contains('[') {
            return false;
        }
        self.is_safe(name, expansion.start_byte(), in_function)
    }
}

/// The variable an expansion names (`x` in `$x`, `${x:-y}`, `${x[0]}`).
pub fn expansion_name<'t>(expansion: Node, text: &'t str) -> Option<&'t str> {
    let mut cursor = expansion.walk();
    let name = expansion
        .named_children(&mut cursor)
        .find(|c| matches!(c.kind(), "variable_name" | "special_variable_name"))
        .map(|c| &text[c.byte_range()]);
    if name.is_some() {
        return name;
    }
    // `${x[0]}` puts the name inside a subscript.
    let mut cursor = expansion.walk();
    let subscript = expansion.named_children(&mut cursor).find(|c| c.kind() == "subscript")?;
    subscript.child_by_field_name("name").map(|n| &text[n.byte_range()])
}

fn first_variable_name<'t>(node: Node, text: &'t str) -> Option<&'t str> {
    if node.kind() == "variable_name" {
        return Some(&text[node.byte_range()]);
    }
    let mut cursor = node.walk();
    let children: Vec<Node> = node.named_children(&mut cursor).collect();
    children.into_iter().find_map(|c| first_variable_name(c, text))
}

pub fn is_name(word: &str) -> bool {
    let mut bytes = word.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn has_glob(word: &str) -> bool {
    word.contains(['*', '?', '['])
}

/// `set -e`, `set -eu`, `set -o errexit`.
fn sets_errexit(command: Node, text: &str) -> bool {
    let mut cursor = command.walk();
    let args: Vec<&str> = command
        .children_by_field_name("argument", &mut cursor)
        .map(|a| &text[a.byte_range()])
        .collect();
    args.iter().any(|a| {
        a.starts_with('-')
            && !a.starts_with("--")
            && a[1..].chars().all(|c| c.is_ascii_alphabetic())
            && a.contains('e')
    }) || args.windows(2).any(|w| w[0] == "-o" && w[1] == "errexit")
}

/// The start of the function definition around `node`, if any.
pub fn enclosing_function(node: Node) -> Option<usize> {
    let mut current = node.parent();
    while let Some(parent) = current {
        if parent.kind() == "function_definition" {
            return Some(parent.start_byte());
        }
        current = parent.parent();
    }
    None
}
