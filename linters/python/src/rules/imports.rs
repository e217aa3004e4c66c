//! What may come before a module's imports without E402.

use crate::syntax::ast::{Expr, Stmt};

/// Statements that may precede imports: compound blocks (imports inside
/// them are conditional), dunder assignments (`__version__ = ...`), and
/// set-up that imports depend on (`sys.path`, `os.environ`,
/// `pytest.importorskip`, `matplotlib.use`), as ruff allows.
pub fn may_precede_imports(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::If(_) | Stmt::Try(_) | Stmt::With(_) | Stmt::Match(_) => true,
        Stmt::Assign(assign) => match &assign.targets[..] {
            [Expr::Name(name)] if is_dunder(name.id.as_str()) => true,
            targets => targets.iter().any(is_environ_item) || is_setup_call(&assign.value),
        },
        Stmt::AnnAssign(assign) => {
            matches!(&*assign.target, Expr::Name(name) if is_dunder(name.id.as_str()))
        }
        Stmt::Delete(delete) => delete.targets.iter().any(is_environ_item),
        Stmt::Expr(expr) => is_setup_call(&expr.value),
        _ => false,
    }
}

fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// `os.environ["X"]`.
fn is_environ_item(target: &Expr) -> bool {
    matches!(target, Expr::Subscript(subscript) if dotted(&subscript.value) == ["os", "environ"])
}

fn is_setup_call(expr: &Expr) -> bool {
    let Expr::Call(call) = expr else { return false };
    match &dotted(&call.func)[..] {
        ["sys", "path", method] => matches!(
            *method,
            "append" | "insert" | "extend" | "remove" | "pop" | "clear" | "reverse" | "sort"
        ),
        ["os", "environ", method] => {
            matches!(*method, "update" | "pop" | "clear" | "setdefault" | "popitem")
        }
        ["os", "putenv" | "unsetenv"] | ["pytest", "importorskip"] | ["matplotlib", "use"] => true,
        _ => false,
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
