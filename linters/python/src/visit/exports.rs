//! `__all__`: the names a module exports, as pyflakes reads them. Only
//! assignments count (`=`, `+=`, annotated): `.extend()` and `.append()`
//! are not followed. The module's final `__all__` binding decides: its
//! imports count as used, and its names the module never binds are
//! reported at its statement.

use super::Checker;
use crate::codes::Code;
use crate::semantic::builtins;
use crate::semantic::model::{BindingId, BindingKind, ScopeId};
use crate::syntax::TextRange;
use crate::syntax::ast::{self, Expr};

/// The names of the latest `__all__` assignment.
pub(super) struct Exports {
    names: Vec<String>,
    statement: TextRange,
    /// The binding the assignment made: it must still be the module's
    /// `__all__` at the end.
    binding: BindingId,
}

impl Checker<'_> {
    /// `__all__ = [...]` (`augmented`: `__all__ += [...]`, which keeps the
    /// names before it), at module level, after its target was bound.
    pub(super) fn collect_exports(
        &mut self,
        target: &Expr,
        value: &Expr,
        statement: TextRange,
        augmented: bool,
    ) {
        if !matches!(target, Expr::Name(name) if name.id.as_str() == "__all__") {
            return;
        }
        let Some(&binding) = self.model.scope(ScopeId::MODULE).bindings.get("__all__") else {
            return;
        };
        let mut names = match (augmented, self.exports.take()) {
            (true, Some(previous)) => previous.names,
            _ => Vec::new(),
        };
        literal_names(value, &mut names);
        self.exports = Some(Exports { names, statement, binding });
    }

    /// Marks exported imports used; reports exported names the module
    /// never binds (F405 instead when a star import may bind them).
    pub(super) fn resolve_exports(&mut self) {
        let Some(exports) = self.exports.take() else { return };
        let module = self.model.scope(ScopeId::MODULE);
        if module.bindings.get("__all__") != Some(&exports.binding) {
            return;
        }
        let star_import = module.star_import;
        let mut undefined = Vec::new();
        for name in &exports.names {
            let bound = self.model.scope(ScopeId::MODULE).bindings.get(name.as_str()).copied();
            match bound.map(|id| (id, self.model.binding(id).kind)) {
                Some((_, BindingKind::Deletion | BindingKind::UnboundException(None))) | None
                    if !builtins::is_builtin(name, self.info.minor) =>
                {
                    undefined.push(name.as_str());
                }
                Some((id, kind)) if kind.is_import() => self.model.binding_mut(id).used = true,
                _ => {}
            }
        }
        if undefined.is_empty() {
            return;
        }
        if star_import {
            self.model.use_star_imports(ScopeId::MODULE);
        }
        for name in undefined {
            if star_import {
                self.report.push(
                    Code::F405,
                    format!("`{name}` may be undefined, or defined from star imports"),
                    exports.statement,
                );
            } else if !self.info.is_init {
                // A package's `__all__` may name submodules.
                self.report.push(
                    Code::F822,
                    format!("undefined name `{name}` in `__all__`"),
                    exports.statement,
                );
            }
        }
    }
}

fn display(expr: &Expr) -> Option<&[Expr]> {
    match expr {
        Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
            Some(elts)
        }
        _ => None,
    }
}

/// The strings of a list or tuple display, or of the displays a chain of
/// `+` ends with (`base.__all__ + ["a"]` gives `a`), as pyflakes collects them.
fn literal_names(value: &Expr, names: &mut Vec<String>) {
    let strings = |elts: &[Expr], names: &mut Vec<String>| {
        for element in elts {
            if let Expr::StringLiteral(string) = element {
                names.push(string.value.to_str().to_string());
            }
        }
    };
    if let Some(elts) = display(value) {
        strings(elts, names);
        return;
    }
    let mut current = value;
    while let Expr::BinOp(binop) = current {
        let Some(right) = display(&binop.right) else { break };
        strings(right, names);
        if let Some(left) = display(&binop.left) {
            strings(left, names);
            break;
        }
        current = &binop.left;
    }
}
