//! The definitions pydocstyle checks (the module, classes, functions,
//! methods and the ones nested in them), with their docstrings and whether
//! they are public, as pydocstyle decides it.

use crate::syntax::ast::{self, Expr, Stmt};
use crate::syntax::visitor::{self, Visitor};
use crate::syntax::{Ranged, TextRange, block_bodies};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Module,
    Package,
    Class,
    NestedClass,
    Function,
    NestedFunction,
    Method,
}

pub struct Definition<'a> {
    pub kind: Kind,
    pub name: &'a str,
    /// Where a missing docstring is reported: the name, or the file start.
    pub range: TextRange,
    /// The statement the definition is (none for the module).
    pub stmt: Option<&'a Stmt>,
    pub body: &'a [Stmt],
    /// The first string of the docstring statement (pydocstyle reads one
    /// token: `"""a""" "b"` is `"""a"""`).
    pub docstring: Option<&'a ast::StringLiteral>,
    pub public: bool,
    /// pydocstyle's decorator names: the text after `@` up to the first
    /// `(`, without spaces (`functools.wraps`, `x.setter`).
    pub decorators: Vec<String>,
    pub parameters: Option<&'a ast::Parameters>,
}

/// The docstring of a body: its first statement, when that is a string
/// (bytes and f-strings are not docstrings).
pub fn docstring(body: &[Stmt]) -> Option<&ast::StringLiteral> {
    match body.first()? {
        Stmt::Expr(expr) => expr.value.as_string_literal_expr()?.value.iter().next(),
        _ => None,
    }
}

/// Every definition in the module, in source order (parents before their
/// children).
pub fn collect<'a>(
    body: &'a [Stmt],
    text: &str,
    module_public: bool,
    is_init: bool,
) -> Vec<Definition<'a>> {
    let exported = exported_names(body, text);
    let mut definitions = vec![Definition {
        kind: if is_init { Kind::Package } else { Kind::Module },
        name: "",
        range: TextRange::default(),
        stmt: None,
        body,
        docstring: docstring(body),
        public: module_public,
        decorators: Vec::new(),
        parameters: None,
    }];
    let is_public = |name: &str| match &exported {
        Exported::Unknown => !name.starts_with('_'),
        Exported::Names(names) => names.iter().any(|n| n == name),
        // `__all__ = ["main"]` is the string "main" to pydocstyle: `in`
        // tests for a substring.
        Exported::Text(all) => all.contains(name),
    };
    walk(body, Parent { kind: Kind::Module, public: module_public }, &mut |stmt, parent| {
        let (name, body, decorator_list, parameters, is_class) = match stmt {
            Stmt::ClassDef(class) => {
                (&class.name, &class.body[..], &class.decorator_list[..], None, true)
            }
            Stmt::FunctionDef(function) => (
                &function.name,
                &function.body[..],
                &function.decorator_list[..],
                Some(&*function.parameters),
                false,
            ),
            _ => return None,
        };
        let kind = match (parent.kind, is_class) {
            (Kind::Module | Kind::Package, true) => Kind::Class,
            (Kind::Module | Kind::Package, false) => Kind::Function,
            (Kind::Class | Kind::NestedClass, false) => Kind::Method,
            (_, true) => Kind::NestedClass,
            (_, false) => Kind::NestedFunction,
        };
        let name = name.as_str();
        let decorators: Vec<String> =
            decorator_list.iter().map(|d| decorator_name(text, &d.expression)).collect();
        let public = match kind {
            Kind::Class | Kind::Function => is_public(name),
            Kind::NestedFunction => false,
            Kind::NestedClass => {
                !name.starts_with('_')
                    && matches!(parent.kind, Kind::Class | Kind::NestedClass)
                    && parent.public
            }
            _ => {
                // `@name.setter` and the like: documented with the property.
                let accessor = decorators
                    .iter()
                    .any(|d| d.strip_prefix(name).is_some_and(|r| r.starts_with('.')));
                let name_public = !name.starts_with('_') || is_magic(name) || is_variadic(name);
                !accessor && parent.public && name_public
            }
        };
        definitions.push(Definition {
            kind,
            name,
            range: stmt_name(stmt).map_or_else(TextRange::default, |n| n.range),
            stmt: Some(stmt),
            body,
            docstring: docstring(body),
            public,
            decorators,
            parameters,
        });
        Some(Parent { kind, public })
    });
    definitions
}

/// `__init__`, `__new__` and `__call__` take arguments like ordinary
/// methods: they are not "magic" to pydocstyle.
pub fn is_variadic(name: &str) -> bool {
    matches!(name, "__init__" | "__new__" | "__call__")
}

/// A dunder name other than the variadic ones.
pub fn is_magic(name: &str) -> bool {
    name.starts_with("__") && name.ends_with("__") && !is_variadic(name)
}

#[derive(Clone, Copy)]
struct Parent {
    kind: Kind,
    public: bool,
}

/// Calls `visit` on each class and function statement with what encloses
/// it; `visit` returns what the definition is, as a parent.
fn walk<'a>(
    body: &'a [Stmt],
    parent: Parent,
    visit: &mut impl FnMut(&'a Stmt, Parent) -> Option<Parent>,
) {
    for stmt in body {
        match stmt {
            Stmt::ClassDef(ast::StmtClassDef { body, .. })
            | Stmt::FunctionDef(ast::StmtFunctionDef { body, .. }) => {
                if let Some(inner) = visit(stmt, parent) {
                    walk(body, inner, visit);
                }
            }
            // Definitions under `if`, `try`, ... belong to the same parent.
            _ => {
                for nested in block_bodies(stmt) {
                    walk(nested, parent, visit);
                }
            }
        }
    }
}

fn stmt_name(stmt: &Stmt) -> Option<&ast::Identifier> {
    match stmt {
        Stmt::ClassDef(class) => Some(&class.name),
        Stmt::FunctionDef(function) => Some(&function.name),
        _ => None,
    }
}

/// The decorator's text up to its first `(`, without white space.
fn decorator_name(text: &str, expression: &Expr) -> String {
    let source = &text[crate::syntax::to_range(expression.range())];
    let head = source.split('(').next().unwrap_or_default();
    head.chars().filter(|c| !c.is_whitespace() && *c != '\\').collect()
}

/// What a module's `__all__` says, read as pydocstyle reads it.
enum Exported {
    /// No `__all__`, or one pydocstyle cannot evaluate: names starting
    /// with `_` are private.
    Unknown,
    Names(Vec<String>),
    /// A one-element list without a comma, `["main"]`.
    Text(String),
}

/// pydocstyle evaluates `__all__` only when the first `__all__` at the
/// module's top level (outside indented blocks) is `__all__ = ` followed by
/// a bracketed (or comma-separated) list of strings and nothing else on
/// the line, and no other `__all__` appears there.
fn exported_names(body: &[Stmt], text: &str) -> Exported {
    let mut count = Count(0);
    let mut first: Option<&Stmt> = None;
    for stmt in body {
        let before = count.0;
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::If(s) => count.visit_expr(&s.test),
            Stmt::While(s) => count.visit_expr(&s.test),
            Stmt::For(s) => {
                count.visit_expr(&s.target);
                count.visit_expr(&s.iter);
            }
            Stmt::With(s) => {
                for item in &s.items {
                    count.visit_expr(&item.context_expr);
                }
            }
            Stmt::Match(s) => count.visit_expr(&s.subject),
            Stmt::Try(_) => {}
            _ => count.visit_stmt(stmt),
        }
        if before == 0 && count.0 > 0 {
            first = Some(stmt);
        }
    }
    if count.0 != 1 {
        return Exported::Unknown;
    }
    let Some(Stmt::Assign(assign)) = first else { return Exported::Unknown };
    if assign.targets.len() != 1
        || !matches!(&assign.targets[0], Expr::Name(n) if n.id.as_str() == "__all__")
    {
        return Exported::Unknown;
    }
    let value = &*assign.value;
    let range = crate::syntax::to_range(value.range());
    let source = &text[range.clone()];
    let (elements, bracketed) = match value {
        Expr::List(list) if source.starts_with('[') => (&list.elts, true),
        Expr::Tuple(tuple) => (&tuple.elts, source.starts_with('(')),
        _ => return Exported::Unknown,
    };
    // Nothing but a comment may follow on the line.
    let rest = text[range.end..].split(['\n', '\r']).next().unwrap_or_default().trim_start();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return Exported::Unknown;
    }
    let mut names = Vec::new();
    for element in elements {
        let element_source = &text[crate::syntax::to_range(element.range())];
        match element {
            Expr::StringLiteral(string) if !element_source.starts_with('(') => {
                names.push(string.value.to_str().to_string());
            }
            // A bytes name never equals a function's name.
            Expr::BytesLiteral(_) if !element_source.starts_with('(') => {
                names.push(String::from("\u{0}bytes"));
            }
            _ => return Exported::Unknown,
        }
    }
    if bracketed && names.len() == 1 {
        let after = crate::syntax::to_range(elements[0].range()).end;
        if !text[after..range.end].contains(',') {
            return Exported::Text(names.pop().unwrap_or_default());
        }
    }
    Exported::Names(names)
}

/// Counts `__all__` names and attributes.
struct Count(usize);

impl<'a> Visitor<'a> for Count {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) if name.id.as_str() == "__all__" => self.0 += 1,
            Expr::Attribute(attribute) if attribute.attr.as_str() == "__all__" => self.0 += 1,
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }

    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        // Only what is on the module's top level counts.
        if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            visitor::walk_stmt(self, stmt);
        }
    }
}

impl Definition<'_> {
    /// Functions, methods and nested functions.
    pub fn is_function(&self) -> bool {
        matches!(self.kind, Kind::Function | Kind::NestedFunction | Kind::Method)
    }

    pub fn is_class(&self) -> bool {
        matches!(self.kind, Kind::Class | Kind::NestedClass)
    }

    pub fn has_decorator(&self, name: &str) -> bool {
        self.decorators.iter().any(|d| d == name)
    }

    pub fn is_overload(&self) -> bool {
        self.has_decorator("overload")
    }

    /// The statement's range, for position arithmetic.
    pub fn stmt_range(&self) -> Option<TextRange> {
        self.stmt.map(Ranged::range)
    }
}
