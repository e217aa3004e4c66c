//! E402: what may come before a module's imports.

use super::names::is_dunder;
use crate::syntax::ast::{Expr, Stmt};

/// Statements that may precede imports: compound blocks (imports inside
/// them are conditional), dunder assignments (`__version__ = ...`), and
/// set-up that imports depend on (`sys.path`, `os.environ`,
/// `site.addsitedir`, `pytest.importorskip`, `matplotlib.use`), as ruff
/// allows.
/// `imported(name)`: `name` is bound by an import of the module of that name
/// (`import sys`), so `sys.path` is what it seems.
pub fn may_precede_imports(stmt: &Stmt, imported: impl Fn(&str) -> bool) -> bool {
    let environ_item = |t: &Expr| is_environ_item(t) && imported("os");
    let setup_call = |e: &Expr| is_setup_call(e).is_some_and(&imported);
    match stmt {
        Stmt::If(_) | Stmt::Try(_) | Stmt::With(_) | Stmt::Match(_) => true,
        Stmt::Assign(assign) => match &assign.targets[..] {
            [Expr::Name(name)] if is_dunder(name.id.as_str()) => true,
            targets => targets.iter().any(environ_item) || setup_call(&assign.value),
        },
        Stmt::AnnAssign(assign) => {
            matches!(&*assign.target, Expr::Name(name) if is_dunder(name.id.as_str()))
        }
        Stmt::Delete(delete) => delete.targets.iter().any(environ_item),
        // `sys.path += [...]`, `os.environ |= {...}`, `os.environ["A"] += ...`.
        Stmt::AugAssign(assign) => match &dotted(&assign.target)[..] {
            ["sys", "path"] => imported("sys"),
            ["os", "environ"] => imported("os"),
            _ => environ_item(&assign.target),
        },
        Stmt::Expr(expr) => setup_call(&expr.value),
        _ => false,
    }
}

/// `os.environ["X"]`.
fn is_environ_item(target: &Expr) -> bool {
    matches!(target, Expr::Subscript(subscript) if dotted(&subscript.value) == ["os", "environ"])
}

/// The module a set-up call needs imported (`sys` for `sys.path.insert`).
fn is_setup_call(expr: &Expr) -> Option<&'static str> {
    let Expr::Call(call) = expr else { return None };
    match &dotted(&call.func)[..] {
        ["sys", "path", method] => matches!(
            *method,
            "append" | "insert" | "extend" | "remove" | "pop" | "clear" | "reverse" | "sort"
        )
        .then_some("sys"),
        ["os", "environ", method] => {
            matches!(*method, "update" | "pop" | "clear" | "setdefault" | "popitem").then_some("os")
        }
        ["os", "putenv" | "unsetenv"] => Some("os"),
        ["pytest", "importorskip"] => Some("pytest"),
        ["site", "addsitedir"] => Some("site"),
        ["matplotlib", "use"] => Some("matplotlib"),
        _ => None,
    }
}

/// `a.b.c` as `["a", "b", "c"]`; empty for anything else.
fn dotted(expr: &Expr) -> Vec<&str> {
    match expr {
        Expr::Name(name) => vec![name.id.as_str()],
        Expr::Attribute(attribute) => {
            let mut parts = dotted(&attribute.value);
            if !parts.is_empty() {
                parts.push(attribute.attr.as_str());
            }
            parts
        }
        _ => Vec::new(),
    }
}
