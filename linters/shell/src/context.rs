//! What rules see while the tree is walked: the script, its dialect, the
//! ancestors of the current node, facts about variables, and where findings go.

use lintgate_engine::diagnostic::Finding;
use lintgate_engine::suppression::Scope;
use tree_sitter::Node;

use crate::dialect::Dialect;
use std::collections::HashSet;

use crate::usage::Usage;
use crate::vars::Variables;

pub struct Ctx<'t> {
    pub text: &'t str,
    pub dialect: Dialect,
    /// `set -e` is on (from the shebang, a `set` command, or the caller).
    pub errexit: bool,
    /// The script is a whole file (not a snippet from a CI file).
    pub whole_file: bool,
    /// Nothing says which shell this is (no shebang, directive or extension).
    pub shell_unknown: bool,
    pub vars: Variables,
    /// Assignments and references, when a rule needs them.
    pub usage: Option<Usage>,
    /// Variables the environment defines (CI variables, for SC2154).
    pub defined: &'t HashSet<String>,
    /// `# shellcheck source=path` directives and the lines they cover.
    pub source_directives: Vec<(Scope, String)>,
    /// The ancestors of the node being visited, root first.
    pub ancestors: Vec<Node<'t>>,
    pub findings: Vec<Finding>,
}

impl<'t> Ctx<'t> {
    pub fn text_of(&self, node: Node) -> &'t str {
        &self.text[node.byte_range()]
    }

    pub fn report(&mut self, code: &'static str, node: Node, message: impl Into<String>) {
        self.findings.push(Finding::new(code, message, node.byte_range()));
    }

    /// The `source=` directive that covers `node`'s line, the innermost first.
    pub fn source_directive(&self, node: Node) -> Option<&str> {
        let line = node.start_position().row as u32 + 1;
        let mut best: Option<(u32, &str)> = None;
        for (scope, path) in &self.source_directives {
            let first = match *scope {
                Scope::File => 0,
                Scope::Lines { first, last } if (first..=last).contains(&line) => first,
                Scope::Lines { .. } => continue,
            };
            if best.is_none_or(|(b, _)| first >= b) {
                best = Some((first, path));
            }
        }
        best.map(|(_, path)| path)
    }

    /// Ancestors from the nearest outwards.
    pub fn up(&self) -> impl Iterator<Item = Node<'t>> + '_ {
        self.ancestors.iter().rev().copied()
    }
}

/// The command's name as written (`cd`, `/bin/rm`), if it is a plain word.
pub fn command_name<'t>(command: Node, text: &'t str) -> Option<&'t str> {
    let name = command.child_by_field_name("name")?;
    let word = &text[name.byte_range()];
    Some(word.rsplit('/').next().unwrap_or(word))
}

/// The arguments of a `command` node.
pub fn arguments<'t>(command: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = command.walk();
    command.children_by_field_name("argument", &mut cursor).collect()
}
