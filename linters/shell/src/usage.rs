//! Where each variable is assigned and referenced in a script, for SC2034
//! (assigned, never used) and SC2154 (used, never assigned).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tree_sitter::{Node, Tree};

use crate::vars::{expansion_name, is_name};

#[derive(Debug, Default)]
pub struct Usage {
    /// name -> where each assignment names it, in document order.
    pub assigned: HashMap<String, Vec<Range<usize>>>,
    /// name -> its first reference, and whether that one has a default
    /// (`${x:-y}`), which makes an unset value deliberate.
    pub first_reference: HashMap<String, (Range<usize>, bool)>,
    /// Names referenced anywhere, even where unset is fine.
    pub referenced: HashSet<String>,
    /// Names given a value or declared without one (`local x`, prefix
    /// assignments `x=1 cmd`): they count as assigned for SC2154.
    pub declared: HashSet<String>,
    pub exported: HashSet<String>,
    /// `${!prefix*}`: every variable starting with one of these is used.
    pub indirect_prefixes: Vec<String>,
}

impl Usage {
    pub fn collect(tree: &Tree, text: &str) -> Usage {
        let mut usage = Usage::default();
        crate::parse::preorder(tree, |node| {
            // What did not parse is skipped.
            if node.is_error() {
                return false;
            }
            usage.visit(node, text);
            true
        });
        usage
    }

    pub fn is_used(&self, name: &str) -> bool {
        self.referenced.contains(name)
            || self.indirect_prefixes.iter().any(|p| name.starts_with(p.as_str()))
    }

    fn assign(&mut self, name: &str, range: Range<usize>) {
        self.declared.insert(name.to_string());
        self.assigned.entry(name.to_string()).or_default().push(range);
    }

    fn reference(&mut self, name: &str, range: Range<usize>, has_default: bool) {
        self.referenced.insert(name.to_string());
        self.first_reference.entry(name.to_string()).or_insert((range, has_default));
    }

    fn visit(&mut self, node: Node, text: &str) {
        let source = |n: Node| &text[n.byte_range()];
        match node.kind() {
            "variable_assignment" => self.assignment(node, text),
            "declaration_command" => {
                let keyword = source(node).split_whitespace().next().unwrap_or_default();
                let exporting = keyword == "export"
                    || source(node)
                        .split_whitespace()
                        .any(|w| w.starts_with('-') && w.contains('x'));
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    let name = match child.kind() {
                        "variable_name" => source(child),
                        "variable_assignment" => {
                            child.child_by_field_name("name").map_or("", source)
                        }
                        _ => continue,
                    };
                    if exporting {
                        self.exported.insert(name.to_string());
                    }
                    if child.kind() == "variable_name" {
                        // `local x`: declared here, a value comes later.
                        self.assign(name, child.byte_range());
                    }
                }
            }
            "simple_expansion" | "expansion" => {
                let content = source(node);
                // `\$x` in a here-document is text, not an expansion.
                if node.start_byte() > 0 && text.as_bytes()[node.start_byte() - 1] == b'\\' {
                    return;
                }
                if let Some(prefix) = content
                    .strip_prefix("${!")
                    .and_then(|r| r.strip_suffix("*}").or_else(|| r.strip_suffix("@}")))
                {
                    match prefix.strip_suffix('[') {
                        // `${!array[@]}`: the keys of an array, a use of it.
                        Some(array) => self.reference(array, node.byte_range(), true),
                        None => self.indirect_prefixes.push(prefix.to_string()),
                    }
                    return;
                }
                let Some(name) = expansion_name(node, text) else { return };
                if !is_name(name) {
                    return;
                }
                let after = content.trim_start_matches("${").trim_start_matches(['!', '#']);
                let rest = after.strip_prefix(name).unwrap_or("");
                let has_default = ["-", ":-", "=", ":=", "+", ":+", "?", ":?"]
                    .iter()
                    .any(|op| rest.starts_with(op));
                self.reference(name, node.byte_range(), has_default);
            }
            // Names in arithmetic: `(( n++ ))`, `$(( m + 1 ))`, `${a[i]}`.
            "variable_name" if in_arithmetic(node) => {
                self.reference(source(node), node.byte_range(), false);
            }
            // `${x#$prefix}`: the grammar keeps the pattern as text.
            "regex" => {
                for name in names_in_pattern(source(node)) {
                    self.reference(name, node.byte_range(), false);
                }
            }
            "word"
                if node.parent().is_some_and(|p| p.kind() == "subscript")
                    && is_name(source(node)) =>
            {
                self.reference(source(node), node.byte_range(), false);
            }
            "unary_expression" => {
                // `[[ -v name ]]`
                let operator = node.child_by_field_name("operator").map_or("", source);
                if operator == "-v"
                    && let Some(operand) = node.named_child(1)
                {
                    let name = source(operand).split('[').next().unwrap_or_default();
                    if is_name(name) {
                        self.reference(name, operand.byte_range(), true);
                    }
                }
            }
            "for_statement" => {
                if let Some(variable) = node.child_by_field_name("variable") {
                    let range = node.start_byte()..variable.end_byte();
                    self.assign(source(variable), range);
                }
            }
            "c_style_for_statement" => {}
            "command" => self.command(node, text),
            _ => {}
        }
    }

    fn assignment(&mut self, node: Node, text: &str) {
        let Some(name_node) = node.child_by_field_name("name") else { return };
        let name = &text[name_node.byte_range()];
        let parent = node.parent();
        let parent_kind = parent.map(|p| p.kind()).unwrap_or_default();
        // `x=1 cmd`: an environment for one command, not a variable.
        if parent_kind == "command" {
            self.declared.insert(name.to_string());
            return;
        }
        // `x+=1` reads the old value too.
        let appends = text[name_node.end_byte()..node.end_byte()].starts_with("+=");
        if appends {
            self.referenced.insert(name.to_string());
        }
        self.assign(name, node.start_byte()..name_node.end_byte());
        if parent_kind == "declaration_command"
            && parent.is_some_and(|p| text[p.byte_range()].starts_with("export"))
        {
            self.exported.insert(name.to_string());
        }
    }

    /// `read`, `getopts`, `printf -v`, `mapfile`: builtins that assign.
    fn command(&mut self, node: Node, text: &str) {
        let Some(name) = node.child_by_field_name("name").map(|n| &text[n.byte_range()]) else {
            return;
        };
        let mut cursor = node.walk();
        let args: Vec<Node> = node.children_by_field_name("argument", &mut cursor).collect();
        let word = |n: &Node| &text[n.byte_range()];
        let mut targets: Vec<Node> = Vec::new();
        match name {
            "read" => {
                let mut i = 0;
                while i < args.len() {
                    let arg = word(&args[i]);
                    if arg == "--" {
                        i += 1;
                        break;
                    }
                    if !arg.starts_with('-') {
                        break;
                    }
                    // Options that take a value: -a NAME assigns, the others do not.
                    if let Some(last) = arg.chars().last().filter(|_| arg.len() > 1)
                        && "adinNptu".contains(last)
                    {
                        if last == 'a'
                            && let Some(target) = args.get(i + 1)
                        {
                            targets.push(*target);
                        }
                        i += 1;
                    }
                    i += 1;
                }
                targets.extend(args[i.min(args.len())..].iter().copied());
            }
            "getopts" => targets.extend(args.get(1).copied()),
            "printf" if args.first().is_some_and(|a| word(a) == "-v") => {
                targets.extend(args.get(1).copied());
            }
            "mapfile" | "readarray" => {
                if let Some(last) = args.last().filter(|a| !word(a).starts_with('-')) {
                    targets.push(*last);
                }
            }
            "export" => {
                for arg in &args {
                    self.exported
                        .insert(word(arg).split('=').next().unwrap_or_default().to_string());
                }
            }
            _ => {}
        }
        for target in targets {
            let target_name = word(&target);
            if is_name(target_name) {
                self.assign(target_name, target.byte_range());
            }
        }
    }
}

fn in_arithmetic(node: Node) -> bool {
    let mut current = node.parent();
    while let Some(parent) = current {
        match parent.kind() {
            "arithmetic_expansion" | "c_style_for_statement" => return true,
            "binary_expression"
            | "unary_expression"
            | "postfix_expression"
            | "parenthesized_expression"
            | "ternary_expression" => {}
            "compound_statement" => return true,
            _ => return false,
        }
        current = parent.parent();
    }
    false
}

/// `$name` and `${name...}` written inside a pattern.
fn names_in_pattern(pattern: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let bytes = pattern.as_bytes();
    for (i, _) in pattern.match_indices('$') {
        let rest = &pattern[i + 1..];
        let rest = rest.strip_prefix('{').unwrap_or(rest);
        let end =
            rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if (i == 0 || bytes[i - 1] != b'\\') && is_name(&rest[..end]) {
            names.push(&rest[..end]);
        }
    }
    names
}
