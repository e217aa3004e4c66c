//! `__all__`: the names a module exports count as used, and must exist.

use super::Checker;
use crate::codes::Code;
use crate::semantic::builtins;
use crate::semantic::model::{BindingKind, ScopeId};
use crate::syntax::ast::{self, Expr, Operator};

impl Checker<'_> {
    /// `__all__ = [...]`, `__all__ += [...]`, `__all__: list[str] = [...]`.
    pub(super) fn collect_exports(&mut self, target: &Expr, value: &Expr) {
        if is_all(target) {
            self.collect_names(value);
        }
    }

    /// `__all__.extend([...])`, `__all__.append("x")`.
    pub(super) fn collect_export_call(&mut self, expr: &Expr) {
        let Expr::Call(call) = expr else { return };
        let Expr::Attribute(attribute) = &*call.func else { return };
        if !is_all(&attribute.value) {
            return;
        }
        match (attribute.attr.as_str(), &call.arguments.args[..]) {
            ("extend", [names]) => self.collect_names(names),
            ("append", [name]) => self.collect_name(name),
            _ => {}
        }
    }

    fn collect_names(&mut self, value: &Expr) {
        match value {
            Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
                for element in elts {
                    self.collect_name(element);
                }
            }
            Expr::BinOp(binop) if binop.op == Operator::Add => {
                self.collect_names(&binop.left);
                self.collect_names(&binop.right);
            }
            _ => {}
        }
    }

    fn collect_name(&mut self, element: &Expr) {
        if let Expr::StringLiteral(string) = element {
            self.exports.push((string.value.to_str().to_string(), string.range));
        }
    }

    /// Marks exported names used; reports those the module never binds.
    pub(super) fn resolve_exports(&mut self) {
        let module = ScopeId::MODULE;
        let star_import = self.model.scope(module).star_import;
        for (name, range) in std::mem::take(&mut self.exports) {
            let bound = self.model.scope(module).bindings.get(name.as_str()).copied();
            match bound {
                Some(id) if !matches!(self.model.binding(id).kind, BindingKind::Deletion) => {
                    self.model.binding_mut(id).used = true;
                }
                _ if builtins::is_builtin(&name, self.info.minor) => {}
                _ if star_import => self.report.push(
                    Code::F405,
                    format!("`{name}` may be undefined, or defined from star imports"),
                    range,
                ),
                // A package's `__all__` may name submodules.
                _ if self.info.is_init => {}
                _ => self.report.push(
                    Code::F822,
                    format!("undefined name `{name}` in `__all__`"),
                    range,
                ),
            }
        }
    }
}

fn is_all(expr: &Expr) -> bool {
    matches!(expr, Expr::Name(name) if name.id.as_str() == "__all__")
}
