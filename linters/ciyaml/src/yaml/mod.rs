//! Our YAML model on top of tree-sitter-yaml's tree: values with their byte
//! spans, anchors and tags kept, aliases resolved on use (with a budget, so
//! an alias bomb cannot blow up), merge keys (`<<`) applied on lookup.

pub mod scalar;

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;

use tree_sitter::Node as TsNode;

pub use scalar::{Decoded, Style};

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Scalar(Decoded),
    Sequence(Vec<Node>),
    Mapping(Vec<Entry>),
    Alias(Alias),
}

/// `*name`: refers to the anchor of that name defined before it (YAML
/// forbids forward references, so an alias cannot reach its own anchor and
/// no cycle can form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub name: String,
    target: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Range<usize>,
    pub tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

/// A problem found while reading the YAML (a syntax error, a duplicate key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlProblem {
    pub code: &'static str,
    pub message: String,
    pub span: Range<usize>,
}

pub const SYNTAX_ERROR: &str = "LG301";
pub const DUPLICATE_KEY: &str = "LG307";
pub const ALIAS_LIMIT: &str = "LG310";

/// How many nodes alias resolution may copy in one file: far more than any
/// real CI file needs, far less than an alias bomb wants.
const ALIAS_BUDGET: usize = 5_000_000;

/// tree-sitter-yaml 0.7 keeps line numbers in 16 bits: past this line a
/// valid file fails to parse.
const PARSER_MAX_ROWS: usize = 32_767;

/// Deeper nesting than this is not read (GitLab's own parser has limits
/// too); it would only serve to exhaust the stack.
const MAX_DEPTH: usize = 200;

/// A parsed document with its anchors.
#[derive(Debug)]
pub struct Document {
    pub root: Node,
    anchors: Vec<Node>,
    budget: Cell<usize>,
    pub problems: Vec<YamlProblem>,
}

thread_local! {
    static PARSER: std::cell::RefCell<tree_sitter::Parser> = std::cell::RefCell::new({
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_yaml::LANGUAGE.into()).expect("the bundled YAML grammar");
        parser
    });
}

/// Parses `text`. A stream with a `spec:` header document (GitLab CI
/// inputs) followed by `---` yields the second document.
pub fn parse(text: &str) -> Document {
    parse_source(text, 0)
}

/// Parses `text` as file number `source` (its scalars' source maps say so).
pub fn parse_source(text: &str, source: u32) -> Document {
    let tree =
        PARSER.with(|p| p.borrow_mut().parse(text, None)).expect("parsing without a timeout");
    let mut builder = Builder {
        text,
        source,
        anchors: Vec::new(),
        current: HashMap::new(),
        depth: 0,
        problems: Vec::new(),
    };
    if let Some(tab) = tab_indentation(text) {
        let message =
            "invalid YAML: a tab in indentation (YAML allows only spaces there)".to_string();
        builder.problems.push(YamlProblem { code: SYNTAX_ERROR, message, span: tab..tab + 1 });
    } else if let Some(error) = lintgate_shell::first_syntax_error(&tree) {
        let last = last_token(error);
        let message = if error.is_missing() {
            format!("invalid YAML: `{}` is missing here", error.kind())
        } else if last.start_position().row >= PARSER_MAX_ROWS
            || text.lines().count() > PARSER_MAX_ROWS
        {
            format!(
                "this file has more than {PARSER_MAX_ROWS} lines, which the YAML parser (tree-sitter-yaml) cannot read past; the rest is not checked"
            )
        } else {
            "invalid YAML: this cannot be parsed".to_string()
        };
        let at = last.start_byte();
        builder.problems.push(YamlProblem { code: SYNTAX_ERROR, message, span: at..at + 1 });
    }
    let mut cursor = tree.root_node().walk();
    let documents: Vec<TsNode> =
        tree.root_node().named_children(&mut cursor).filter(|n| n.kind() == "document").collect();
    let mut roots: Vec<Node> = documents.iter().map(|d| builder.document(*d)).collect();
    let has_spec_header = roots.len() > 1 && roots[0].get_raw("spec").is_some();
    let root = if has_spec_header {
        roots.swap_remove(1)
    } else {
        roots.into_iter().next().unwrap_or(Node::null(0..0))
    };
    Document {
        root,
        anchors: builder.anchors,
        budget: Cell::new(ALIAS_BUDGET),
        problems: builder.problems,
    }
}

/// The offset of the first tab used for indentation, the most common way
/// to break YAML by hand (tree-sitter's error would cover the whole file).
fn tab_indentation(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        // Only a tab that starts a line: inside a block scalar, a tab after
        // the block's spaces is content (a `<<-EOF` here-document).
        let rest = line.trim_start_matches('\t').trim();
        if line.starts_with('\t') && !rest.is_empty() && !rest.starts_with('#') {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Where the parser gave up inside an error: its last token (an unclosed
/// `[` or `{`, a stray `:`), which beats the start of an error that covers
/// the whole file.
fn last_token(error: TsNode) -> TsNode {
    let mut node = error;
    while node.child_count() > 0 {
        match node.child(node.child_count() - 1) {
            Some(child) => node = child,
            None => break,
        }
    }
    node
}

struct Builder<'t> {
    text: &'t str,
    source: u32,
    anchors: Vec<Node>,
    /// Anchor name -> its latest definition so far.
    current: HashMap<String, usize>,
    depth: usize,
    problems: Vec<YamlProblem>,
}

impl Builder<'_> {
    fn document(&mut self, node: TsNode) -> Node {
        let mut cursor = node.walk();
        let content = node
            .named_children(&mut cursor)
            .find(|c| matches!(c.kind(), "block_node" | "flow_node"));
        match content {
            Some(content) => self.node(content),
            None => Node::null(node.byte_range()),
        }
    }

    fn node(&mut self, node: TsNode) -> Node {
        if self.depth >= MAX_DEPTH {
            if !self.problems.iter().any(|p| p.message.contains("nested deeper")) {
                self.problems.push(YamlProblem {
                    code: SYNTAX_ERROR,
                    message: format!(
                        "the YAML is nested deeper than {MAX_DEPTH} levels; what is below is not read"
                    ),
                    span: node.start_byte()..node.start_byte() + 1,
                });
            }
            return Node::null(node.byte_range());
        }
        self.depth += 1;
        let built = self.node_inner(node);
        self.depth -= 1;
        built
    }

    fn node_inner(&mut self, node: TsNode) -> Node {
        match node.kind() {
            "block_node" | "flow_node" => {
                let mut anchor = None;
                let mut tag = None;
                let mut content = None;
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    match child.kind() {
                        "anchor" => {
                            anchor =
                                child.named_child(0).map(|n| self.text[n.byte_range()].to_string())
                        }
                        "tag" => tag = Some(self.text[child.byte_range()].to_string()),
                        "comment" => {}
                        _ => content = Some(child),
                    }
                }
                let mut built = match content {
                    Some(content) => self.node(content),
                    None => Node::null(node.end_byte()..node.end_byte()),
                };
                built.tag = tag.or(built.tag);
                if let Some(name) = anchor {
                    self.current.insert(name, self.anchors.len());
                    self.anchors.push(built.clone());
                }
                built
            }
            "plain_scalar" => self.scalar(node, Style::Plain),
            "single_quote_scalar" => self.scalar(node, Style::SingleQuoted),
            "double_quote_scalar" => self.scalar(node, Style::DoubleQuoted),
            "block_scalar" => {
                let literal = self.text[node.byte_range()].starts_with('|');
                self.scalar(node, if literal { Style::Literal } else { Style::Folded })
            }
            "alias" => {
                let name = node.named_child(0).map_or("", |n| &self.text[n.byte_range()]);
                let alias =
                    Alias { name: name.to_string(), target: self.current.get(name).copied() };
                Node { value: Value::Alias(alias), span: node.byte_range(), tag: None }
            }
            "block_sequence" | "flow_sequence" => {
                let mut cursor = node.walk();
                let items: Vec<TsNode> =
                    node.named_children(&mut cursor).filter(|c| c.kind() != "comment").collect();
                let items = items
                    .into_iter()
                    .map(|item| match item.kind() {
                        "block_sequence_item" => {
                            let mut c = item.walk();
                            let inner = item.named_children(&mut c).find(|n| n.kind() != "comment");
                            inner.map_or_else(
                                || Node::null(item.end_byte()..item.end_byte()),
                                |n| self.node(n),
                            )
                        }
                        "flow_pair" => self.mapping_of_pairs(item, &[item]),
                        _ => self.node(item),
                    })
                    .collect();
                Node { value: Value::Sequence(items), span: node.byte_range(), tag: None }
            }
            "block_mapping" | "flow_mapping" => {
                let mut cursor = node.walk();
                let pairs: Vec<TsNode> =
                    node.named_children(&mut cursor).filter(|c| c.kind() != "comment").collect();
                self.mapping_of_pairs(node, &pairs)
            }
            _ => Node::null(node.byte_range()),
        }
    }

    fn mapping_of_pairs(&mut self, node: TsNode, pairs: &[TsNode]) -> Node {
        let mut entries: Vec<Entry> = Vec::new();
        for pair in pairs {
            let (key_node, value_node) = match pair.kind() {
                "block_mapping_pair" | "flow_pair" => {
                    (pair.child_by_field_name("key"), pair.child_by_field_name("value"))
                }
                _ => (Some(*pair), None),
            };
            let Some(key_node) = key_node else { continue };
            let key = self.node(key_node);
            let key_text = match &key.value {
                Value::Scalar(decoded) => decoded.text.clone(),
                Value::Alias(alias) => format!("*{}", alias.name),
                _ => self.text[key_node.byte_range()].to_string(),
            };
            let value = value_node
                .map_or_else(|| Node::null(pair.end_byte()..pair.end_byte()), |v| self.node(v));
            if key_text != "<<" && entries.iter().any(|e| e.key == key_text) {
                self.problems.push(YamlProblem {
                    code: DUPLICATE_KEY,
                    message: format!("duplicate key `{key_text}`: GitLab keeps only the last one"),
                    span: key_node.byte_range(),
                });
            }
            entries.push(Entry { key: key_text, key_span: key_node.byte_range(), value });
        }
        Node { value: Value::Mapping(entries), span: node.byte_range(), tag: None }
    }

    fn scalar(&mut self, node: TsNode, style: Style) -> Node {
        let mut decoded = scalar::decode(self.text, node.byte_range(), style);
        decoded.map.set_source(self.source);
        let value = if style == Style::Plain
            && matches!(decoded.text.as_str(), "" | "~" | "null" | "Null" | "NULL")
        {
            Value::Null
        } else {
            Value::Scalar(decoded)
        };
        Node { value, span: node.byte_range(), tag: None }
    }
}

impl Node {
    pub fn null(span: Range<usize>) -> Node {
        Node { value: Value::Null, span, tag: None }
    }

    /// A key of a mapping, without resolving aliases or merge keys.
    pub fn get_raw(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Mapping(entries) => {
                entries.iter().rev().find(|e| e.key == key).map(|e| &e.value)
            }
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(decoded) => Some(&decoded.text),
            _ => None,
        }
    }
}

impl Document {
    /// `node` with an alias replaced by what its anchor holds (a copy,
    /// counted against the budget). `None` when the anchor is unknown or
    /// the budget is spent.
    pub fn resolve(&self, node: &Node) -> Option<Node> {
        match &node.value {
            Value::Alias(alias) => {
                let target = self.anchors.get(alias.target?)?;
                let cost = size(target);
                let left = self.budget.get();
                if cost > left {
                    self.budget.set(0);
                    return None;
                }
                self.budget.set(left - cost);
                Some(target.clone())
            }
            _ => Some(node.clone()),
        }
    }

    pub fn budget_spent(&self) -> bool {
        self.budget.get() == 0
    }

    /// The entries of a mapping with merge keys applied: its own entries,
    /// then those of the mappings named by `<<` that it does not override.
    pub fn entries(&self, node: &Node) -> Vec<Entry> {
        let Some(resolved) = self.resolve(node) else { return Vec::new() };
        let Value::Mapping(own) = &resolved.value else { return Vec::new() };
        let mut result: Vec<Entry> = Vec::new();
        for entry in own.iter().filter(|e| e.key != "<<") {
            result.retain(|e| e.key != entry.key);
            result.push(entry.clone());
        }
        for merge in own.iter().filter(|e| e.key == "<<") {
            let sources = match self.resolve(&merge.value).map(|v| v.value) {
                Some(Value::Sequence(items)) => items,
                Some(other) => {
                    vec![Node { value: other, span: merge.value.span.clone(), tag: None }]
                }
                None => Vec::new(),
            };
            for source in sources {
                for entry in self.entries(&source) {
                    if !result.iter().any(|e| e.key == entry.key) {
                        result.push(entry);
                    }
                }
            }
        }
        result
    }

    pub fn get(&self, node: &Node, key: &str) -> Option<Node> {
        self.entries(node).into_iter().find(|e| e.key == key).and_then(|e| self.resolve(&e.value))
    }
}

/// Nodes in a value, for the alias budget.
fn size(node: &Node) -> usize {
    match &node.value {
        Value::Sequence(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Mapping(entries) => 1 + entries.iter().map(|e| size(&e.value)).sum::<usize>(),
        _ => 1,
    }
}
