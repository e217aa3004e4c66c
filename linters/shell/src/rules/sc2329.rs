//! SC2329: a function that the script never reaches, in a script that is
//! not a library (its top level always ends in `exit`), or a nested
//! function that nothing uses.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, command_name};

pub const RULE: Rule = Rule { code: "SC2329", kinds: &["program"], check };

/// A function definition and the names its body could invoke.
struct Function<'t> {
    node: Node<'t>,
    name: &'t str,
    nested: bool,
    uses: HashSet<&'t str>,
}

fn check(program: Node, ctx: &mut Ctx) {
    let mut functions: Vec<Function> = Vec::new();
    let mut top = HashSet::new();
    collect(program, ctx.text, &mut functions, &mut top);
    let by_name: HashMap<&str, Vec<usize>> =
        functions.iter().enumerate().fold(HashMap::new(), |mut map, (i, f)| {
            map.entry(f.name).or_default().push(i);
            map
        });
    // Reached: called from the top level, or from a function that is.
    let mut reached = vec![false; functions.len()];
    let mut queue: Vec<&str> = top.iter().copied().collect();
    while let Some(name) = queue.pop() {
        for &i in by_name.get(name).into_iter().flatten() {
            if !reached[i] {
                reached[i] = true;
                queue.extend(functions[i].uses.iter().copied());
            }
        }
    }
    // Without an `exit` that always runs, the file may be a library that
    // others source and call into.
    let standalone = always_exits(program, ctx.text, &functions, 0);
    // A nested function is reported only when nothing at all uses it: the
    // function around it may be what a sourcing script calls.
    let anywhere: HashSet<&str> =
        functions.iter().flat_map(|f| f.uses.iter().copied()).chain(top.iter().copied()).collect();
    for (function, reached) in functions.iter().zip(reached) {
        let dead = if function.nested { !anywhere.contains(function.name) } else { !reached };
        if dead && (standalone || function.nested) {
            ctx.report(
                "SC2329",
                function.node,
                format!(
                    "`{}` is defined but never invoked here (an indirect call, such as through a variable, is not seen)",
                    function.name
                ),
            );
        }
    }
}

/// Function definitions with what each uses, and what the top level uses:
/// command names, and each word of any other text (`trap cleanup EXIT`,
/// `eval "$action"`, tables of handlers).
fn collect<'t>(
    program: Node<'t>,
    text: &'t str,
    functions: &mut Vec<Function<'t>>,
    top: &mut HashSet<&'t str>,
) {
    // (node, index of the innermost enclosing function)
    let mut stack: Vec<(Node, Option<usize>)> = vec![(program, None)];
    while let Some((node, owner)) = stack.pop() {
        let mut skip = None;
        let mut inner = owner;
        let mut found: Vec<&str> = Vec::new();
        match node.kind() {
            "function_definition" => {
                if let Some(name) = node.child_by_field_name("name") {
                    functions.push(Function {
                        node,
                        name: &text[name.byte_range()],
                        nested: owner.is_some(),
                        uses: HashSet::new(),
                    });
                    inner = Some(functions.len() - 1);
                    skip = Some(name.id());
                }
            }
            "command" => found.extend(command_name(node, text)),
            "word" | "string_content" | "raw_string" | "heredoc_body" => {
                found.extend(text[node.byte_range()].split(|c: char| {
                    !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
                }));
            }
            _ => {}
        }
        let uses = match owner {
            Some(i) => &mut functions[i].uses,
            None => &mut *top,
        };
        uses.extend(found);
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if Some(child.id()) != skip {
                stack.push((child, inner));
            }
        }
    }
}

/// A statement of `block` (not inside a condition or a loop) is `exit` or
/// a call to a function that always exits.
fn always_exits(block: Node, text: &str, functions: &[Function], depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    let mut cursor = block.walk();
    block.named_children(&mut cursor).any(|statement| {
        let command = if statement.kind() == "redirected_statement" {
            statement.child_by_field_name("body").unwrap_or(statement)
        } else {
            statement
        };
        if command.kind() != "command" {
            return false;
        }
        match command_name(command, text) {
            Some("exit") => true,
            Some(name) => functions.iter().filter(|f| f.name == name).any(|f| {
                f.node
                    .child_by_field_name("body")
                    .is_some_and(|body| always_exits(body, text, functions, depth + 1))
            }),
            None => false,
        }
    })
}
