//! One walk per script: each node is handed to the rules registered for
//! its kind (ast-grep style dispatch), with the ancestor stack kept so rules
//! can look at their context without re-walking the tree.

use std::sync::LazyLock;

use tree_sitter::Tree;

use crate::context::Ctx;
use crate::parse::language;
use crate::rules::{RULES, Rule};

/// For each node kind id, the indices of the rules that want it.
static BY_KIND: LazyLock<Vec<Vec<usize>>> = LazyLock::new(|| {
    let language = language();
    let mut table = vec![Vec::new(); language.node_kind_count()];
    for (index, rule) in RULES.iter().enumerate() {
        for kind in rule.kinds {
            assert!(
                language.id_for_node_kind(kind, true) != 0,
                "rule {}: no node kind `{kind}` in tree-sitter-bash",
                rule.code
            );
            // A kind name can have several ids (aliases); register them all.
            for (id, rules) in table.iter_mut().enumerate() {
                let id = u16::try_from(id).expect("node kind ids are u16");
                if language.node_kind_is_named(id) && language.node_kind_for_id(id) == Some(kind) {
                    rules.push(index);
                }
            }
        }
    }
    table
});

/// Runs the rules for which `enabled[i]` is set over the tree. Subtrees that
/// did not parse (ERROR, MISSING) are skipped: findings there would be noise.
pub fn walk<'t>(tree: &'t Tree, ctx: &mut Ctx<'t>, enabled: &[bool]) {
    let table = &*BY_KIND;
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        let broken = node.is_error() || node.is_missing();
        if !broken && let Some(rules) = table.get(usize::from(node.kind_id())) {
            for &index in rules {
                if enabled[index] {
                    let rule: &Rule = &RULES[index];
                    (rule.check)(node, ctx);
                }
            }
        }
        if !broken && cursor.goto_first_child() {
            ctx.ancestors.push(node);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            ctx.ancestors.pop();
        }
    }
}
