//! The definitions pydocstyle checks (module, classes, functions and
//! methods), with their docstrings and whether they are public.

use crate::rules::names::is_dunder;
use crate::syntax::ast::{self, Expr, Stmt};
use crate::syntax::{Ranged, TextRange, block_bodies};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Module,
    Package,
    Class,
    NestedClass,
    Function,
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
    pub docstring: Option<&'a ast::ExprStringLiteral>,
    pub public: bool,
    /// `@overload`, `@override`, `@x.setter` / `@x.deleter`: documented
    /// elsewhere.
    pub documented_elsewhere: bool,
}

/// The docstring of a body: its first statement, when that is a string.
pub fn docstring(body: &[Stmt]) -> Option<&ast::ExprStringLiteral> {
    match body.first()? {
        Stmt::Expr(expr) => expr.value.as_string_literal_expr(),
        _ => None,
    }
}

/// Every definition in the module, in source order.
pub fn collect<'a>(body: &'a [Stmt], module_public: bool, is_init: bool) -> Vec<Definition<'a>> {
    let exported = exported_names(body);
    let mut definitions = vec![Definition {
        kind: if is_init { Kind::Package } else { Kind::Module },
        name: "",
        range: TextRange::default(),
        stmt: None,
        body,
        docstring: docstring(body),
        public: module_public,
        documented_elsewhere: false,
    }];
    let is_public =
        |name: &str| exported.as_ref().is_none_or(|names| names.iter().any(|n| n == name));
    walk(body, Parent::Module, &mut |stmt, parent| {
        let in_class = matches!(parent, Parent::Class(_));
        let (name, kind, body, decorators) = match stmt {
            Stmt::ClassDef(class) => (
                &class.name,
                if in_class { Kind::NestedClass } else { Kind::Class },
                &class.body[..],
                &class.decorator_list[..],
            ),
            Stmt::FunctionDef(function) => (
                &function.name,
                if in_class { Kind::Method } else { Kind::Function },
                &function.body[..],
                &function.decorator_list[..],
            ),
            _ => return None,
        };
        let name = name.as_str();
        let underscore = name.starts_with('_');
        let public = match parent {
            Parent::Module => module_public && !underscore && is_public(name),
            // Dunder methods (`__eq__`) are public; dunder classes are not.
            Parent::Class(class_public) => {
                class_public && (!underscore || (kind == Kind::Method && is_dunder(name)))
            }
            Parent::Function => false,
        };
        definitions.push(Definition {
            kind,
            name,
            range: stmt_name(stmt).map_or_else(TextRange::default, |n| n.range),
            stmt: Some(stmt),
            body,
            docstring: docstring(body),
            public,
            documented_elsewhere: decorators
                .iter()
                .any(|d| documented_elsewhere(&d.expression, kind == Kind::Method)),
        });
        Some(public)
    });
    definitions
}

#[derive(Clone, Copy)]
enum Parent {
    Module,
    /// Whether the class is public.
    Class(bool),
    Function,
}

/// Calls `visit` on each class and function statement with what encloses
/// it; `visit` returns whether the definition is public.
fn walk<'a>(
    body: &'a [Stmt],
    parent: Parent,
    visit: &mut impl FnMut(&'a Stmt, Parent) -> Option<bool>,
) {
    for stmt in body {
        match stmt {
            Stmt::ClassDef(class) => {
                let public = visit(stmt, parent).unwrap_or(false);
                let inner = if matches!(parent, Parent::Function) {
                    Parent::Function
                } else {
                    Parent::Class(public)
                };
                walk(&class.body, inner, visit);
            }
            Stmt::FunctionDef(function) => {
                visit(stmt, parent);
                walk(&function.body, Parent::Function, visit);
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

/// `@overload` anywhere; `@override`, `@x.setter`, `@x.deleter` on methods.
fn documented_elsewhere(decorator: &Expr, method: bool) -> bool {
    let (name, attribute) = match decorator {
        Expr::Name(name) => (name.id.as_str(), false),
        Expr::Attribute(attribute) => (attribute.attr.as_str(), true),
        _ => return false,
    };
    name == "overload"
        || (method && (name == "override" || (attribute && matches!(name, "setter" | "deleter"))))
}

/// The names in a module-level `__all__ = [...]` (or tuple, `+=`, also
/// under `if`/`try`), if the module has an `__all__`.
fn exported_names(body: &[Stmt]) -> Option<Vec<String>> {
    let mut names: Option<Vec<String>> = None;
    let mut statements: Vec<&Stmt> = Vec::new();
    let mut pending: Vec<&[Stmt]> = vec![body];
    while let Some(body) = pending.pop() {
        for stmt in body {
            statements.push(stmt);
            if matches!(stmt, Stmt::If(_) | Stmt::Try(_)) {
                pending.extend(block_bodies(stmt));
            }
        }
    }
    for stmt in statements {
        let (target, value) = match stmt {
            Stmt::Assign(assign) if assign.targets.len() == 1 => {
                (&assign.targets[0], &*assign.value)
            }
            Stmt::AugAssign(assign) => (&*assign.target, &*assign.value),
            Stmt::AnnAssign(ast::StmtAnnAssign { target, value: Some(value), .. }) => {
                (&**target, &**value)
            }
            _ => continue,
        };
        if !matches!(target, Expr::Name(name) if name.id.as_str() == "__all__") {
            continue;
        }
        // Any `__all__` makes only the names it spells out public.
        literal_names(value, names.get_or_insert_with(Vec::new));
    }
    names
}

/// The strings in `[...]`, `(...)` and their concatenations.
fn literal_names(value: &Expr, names: &mut Vec<String>) {
    match value {
        Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
            names.extend(
                elts.iter()
                    .filter_map(|e| e.as_string_literal_expr())
                    .map(|s| s.value.to_str().to_string()),
            );
        }
        Expr::BinOp(binop) => {
            literal_names(&binop.left, names);
            literal_names(&binop.right, names);
        }
        _ => {}
    }
}

impl Definition<'_> {
    pub fn is_function(&self) -> bool {
        matches!(self.kind, Kind::Function | Kind::Method)
    }

    /// The statement's range, for position arithmetic.
    pub fn stmt_range(&self) -> Option<TextRange> {
        self.stmt.map(Ranged::range)
    }
}
