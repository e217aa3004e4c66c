//! Rules decided once every scope is complete: F401 unused imports, F811
//! redefinitions of unused names, F841 unused locals, F823 reads of a local
//! before its assignment.

use lintgate_engine::source::LineIndex;

use crate::codes::{Code, Report};
use crate::semantic::model::{Binding, BindingKind, Model, Scope, ScopeKind};
use crate::syntax::to_range;

pub fn check(model: &Model, text: &str, lines: &LineIndex, report: &mut Report) {
    for id in model.scope_ids() {
        let scope = model.scope(id);
        // Imports in a class body are class attributes (`self.Percolator`).
        if report.enabled(Code::F401) && scope.kind != ScopeKind::Class {
            unused_imports(model, scope, report);
        }
        if report.enabled(Code::F811) {
            redefinitions(model, scope, lines, report);
        }
        if report.enabled(Code::F841) && scope.kind == ScopeKind::Function && !scope.uses_locals {
            unused_variables(model, scope, report);
        }
    }
    if report.enabled(Code::F823) {
        let mut reported = rustc_hash::FxHashSet::default();
        for read in &model.outer_reads {
            let name = &text[to_range(read.range)];
            let scope = model.scope(read.scope);
            if scope.nonlocals.contains(&name) {
                continue;
            }
            let Some(&binding) = scope.bindings.get(name) else { continue };
            if is_local_value(model.binding(binding)) && reported.insert((read.scope, name)) {
                report.push(
                    Code::F823,
                    format!("local variable `{name}` referenced before assignment"),
                    read.range,
                );
            }
        }
    }
}

fn unused_imports(model: &Model, scope: &Scope, report: &mut Report) {
    for &id in scope.bindings.values() {
        let binding = model.binding(id);
        if binding.kind.is_import()
            && !binding.used
            && !binding.explicit_export
            && !loads_for_used_package(model, scope, binding)
        {
            let name = binding.qualified.as_deref().unwrap_or(binding.name);
            report.push(Code::F401, format!("`{name}` imported but unused"), binding.range);
        }
    }
}

/// `import matplotlib.colors` next to a used `import matplotlib as mpl`:
/// the submodule import makes `mpl.colors` work.
fn loads_for_used_package(model: &Model, scope: &Scope, binding: &Binding) -> bool {
    if binding.kind != BindingKind::SubmoduleImport {
        return false;
    }
    let Some(package) = binding.qualified.as_deref().and_then(|q| q.split('.').next()) else {
        return false;
    };
    scope.bindings.values().map(|&id| model.binding(id)).any(|other| {
        other.used
            && other.kind == BindingKind::Import
            && other.qualified.as_deref().is_some_and(|q| q.split('.').next() == Some(package))
    })
}

fn redefinitions(model: &Model, scope: &Scope, lines: &LineIndex, report: &mut Report) {
    for shadowing in &scope.shadowed {
        let (old, new) = (model.binding(shadowing.earlier), model.binding(shadowing.by));
        if old.used
            || (shadowing.from_enclosing && old.explicit_export)
            || !redefines(old, new)
            || old.overload
            || (shadowing.from_enclosing && !old.kind.is_import())
            || old.branch != new.branch
            || (is_dummy(new.name) && !old.kind.is_import())
        {
            continue;
        }
        let line = 1 + lines.line_of(old.range.start().to_usize());
        report.push(
            Code::F811,
            format!("redefinition of unused `{}` from line {line}", new.name),
            new.range,
        );
    }
}

fn unused_variables(model: &Model, scope: &Scope, report: &mut Report) {
    for &id in scope.bindings.values() {
        let binding = model.binding(id);
        let assigned = matches!(
            binding.kind,
            BindingKind::Assignment
                | BindingKind::AugmentedAssignment
                | BindingKind::NamedExpr
                | BindingKind::WithTarget
                | BindingKind::MatchCapture
        );
        if assigned
            && !binding.used
            && !binding.unpacked
            && !is_dummy(binding.name)
            && !scope.globals.contains(&binding.name)
            && !scope.nonlocals.contains(&binding.name)
            && !is_debugger_hint(binding.name)
        {
            report.push(
                Code::F841,
                format!("local variable `{}` is assigned to but never used", binding.name),
                binding.range,
            );
        }
    }
}

/// Whether `new` replaces `old` in the sense of F811: a definition or
/// import is replaced, or an assignment is replaced by a definition, an
/// import or a `with` target (reassigning a variable is ordinary).
fn redefines(old: &Binding, new: &Binding) -> bool {
    use BindingKind::*;
    let replaceable =
        matches!(old.kind, Import | FromImport | FunctionDef | ClassDef | Assignment | NamedExpr);
    let replacing = !matches!(
        new.kind,
        Annotation
            | Deletion
            | ConditionalDeletion(_)
            | UnboundException(_)
            | FutureImport
            | SubmoduleImport
            | LoopVariable
    );
    let reassignment = matches!(old.kind, Assignment | NamedExpr)
        && matches!(new.kind, Assignment | NamedExpr | AugmentedAssignment | LoopVariable);
    replaceable && replacing && !reassignment
}

/// A binding that makes the name local to the function (not `x: int` alone).
fn is_local_value(binding: &Binding) -> bool {
    !matches!(binding.kind, BindingKind::Annotation | BindingKind::Deletion)
}

/// `_`, `__`, `_unused`: names that say "not used" (ruff's default pattern
/// `^(_+|(_+[a-zA-Z0-9_]*[a-zA-Z0-9]+?))$`).
pub fn is_dummy(name: &str) -> bool {
    name.starts_with('_')
        && (name.bytes().all(|b| b == b'_')
            || (name.bytes().all(|b| b == b'_' || b.is_ascii_alphanumeric())
                && name.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric())))
}

/// Locals that debuggers and test runners read from the frame.
fn is_debugger_hint(name: &str) -> bool {
    matches!(
        name,
        "__tracebackhide__"
            | "__traceback_info__"
            | "__traceback_supplement__"
            | "__debuggerskip__"
    )
}
