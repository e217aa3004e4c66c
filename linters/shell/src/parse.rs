//! tree-sitter-bash, one parser per thread.

use std::cell::RefCell;

use tree_sitter::{Language, Node, Parser, Tree};

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut parser = Parser::new();
        parser.set_language(&language()).expect("the bundled grammar matches tree-sitter");
        parser
    });
}

pub fn language() -> Language {
    tree_sitter_bash::LANGUAGE.into()
}

/// Parses a script. tree-sitter always returns a tree for a language that
/// loaded; syntax errors become ERROR and MISSING nodes.
pub fn parse(text: &str) -> Tree {
    PARSER.with(|parser| parser.borrow_mut().parse(text, None)).expect("parsing without a timeout")
}

/// Visits every node in document order; `visit` says whether to go into
/// the node's children. Iterative, so any depth is fine.
pub fn preorder<'t>(tree: &'t Tree, mut visit: impl FnMut(Node<'t>) -> bool) {
    let mut cursor = tree.walk();
    loop {
        if visit(cursor.node()) && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// The first ERROR or MISSING node in document order, if any (for any
/// tree-sitter grammar: the CI YAML checker uses it too).
pub fn first_error(tree: &Tree) -> Option<Node<'_>> {
    let mut found = None;
    preorder(tree, |node| {
        if found.is_some() {
            return false;
        }
        if node.is_error() || node.is_missing() {
            found = Some(node);
            return false;
        }
        // Only descend where an error is.
        node.has_error()
    });
    found
}
