//! Prints tree-sitter-yaml's tree for a file: `cargo run -p lintgate_ciyaml --example tree FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: tree FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&tree_sitter_yaml::LANGUAGE.into()).expect("yaml grammar");
    let tree = parser.parse(&text, None).expect("a tree");
    let mut cursor = tree.walk();
    let mut depth = 0;
    loop {
        let node = cursor.node();
        let field = cursor.field_name().map(|f| format!("{f}: ")).unwrap_or_default();
        let snippet: String = text[node.byte_range()].chars().take(40).collect();
        if node.is_named() {
            println!("{}{field}{} {:?}", "  ".repeat(depth), node.kind(), snippet);
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
            depth -= 1;
        }
    }
}
