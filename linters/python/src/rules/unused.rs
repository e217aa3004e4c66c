//! Rules decided once every scope is complete: F401 unused imports, F811
//! redefinitions of unused names, F402 imports shadowed by loop variables,
//! F841 unused locals, F824 `global`/`nonlocal` statements whose scope
//! never assigns the name, F842 local annotations never read.

use lintgate_engine::source::LineIndex;

use crate::codes::{Code, Report};
use crate::semantic::model::{Binding, BindingKind, Model, Scope, ScopeKind};
use crate::syntax::to_range;

pub fn check(model: &Model, text: &str, lines: &LineIndex, report: &mut Report) {
    for id in model.scope_ids() {
        let scope = model.scope(id);
        // Imports in a class body are class attributes (`self.Percolator`).
        if report.enabled(Code::F401) && scope.kind != ScopeKind::Class {
            unused_imports(model, scope, text, report);
        }
        if report.any_enabled(&[Code::F811, Code::F402]) {
            redefinitions(model, scope, text, lines, report);
        }
        if report.enabled(Code::F841) && scope.kind == ScopeKind::Function && !scope.uses_locals {
            unused_variables(model, scope, report);
        }
        if report.enabled(Code::F842) && scope.kind == ScopeKind::Function {
            unused_annotations(model, scope, report);
        }
        if report.enabled(Code::F824) {
            for declaration in &scope.unassigned {
                let keyword = if declaration.global { "global" } else { "nonlocal" };
                let name = declaration.name;
                report.push(
                    Code::F824,
                    format!("`{keyword} {name}` is unused: this scope never assigns `{name}`"),
                    declaration.statement,
                );
            }
        }
    }
}

fn unused_imports(model: &Model, scope: &Scope, text: &str, report: &mut Report) {
    for star in scope.star_imports.iter().filter(|star| !star.used) {
        // pyflakes names `from . import *` by its statement, not `..*`.
        let name = match star.module.ends_with('.') {
            true => format!("from {} import *", star.module),
            false => format!("{}.*", star.module),
        };
        report.push(Code::F401, format!("`{name}` imported but unused"), star.statement);
    }
    for &id in scope.bindings.values() {
        let binding = model.binding(id);
        if binding.kind.is_import() && !binding.used {
            let name = binding.qualified.as_deref().unwrap_or(binding.name);
            report.push(
                Code::F401,
                format!("`{name}` imported but unused"),
                reported_at(text, binding),
            );
        }
    }
}

/// Where pyflakes reports an import: on its statement's first line. An
/// alias on that line is pointed at itself (findings of one code are told
/// apart by where they start); one on a later line at the statement.
fn reported_at(text: &str, binding: &Binding) -> crate::syntax::TextRange {
    match binding.statement {
        Some(statement)
            if text[to_range(statement)]
                [..binding.range.start().to_usize() - statement.start().to_usize()]
                .contains(['\n', '\r']) =>
        {
            statement
        }
        _ => binding.range,
    }
}

fn redefinitions(model: &Model, scope: &Scope, text: &str, lines: &LineIndex, report: &mut Report) {
    let line_of = |binding: &Binding| 1 + lines.line_of(binding.range.start().to_usize());
    for shadowing in &scope.shadowed {
        let (old, new) = (model.binding(shadowing.earlier), model.binding(shadowing.by));
        if model.different_forks(old.branch, new.branch) {
            continue;
        }
        // pyflakes reports a redefinition where the statement making it is.
        let at = reported_at(text, new);
        let statement_in_for = new.in_for_loop
            && (matches!(new.kind, BindingKind::FunctionDef | BindingKind::ClassDef)
                || new.kind.is_import());
        if old.kind.is_import() && (new.kind == BindingKind::LoopVariable || statement_in_for) {
            report.push(
                Code::F402,
                format!(
                    "import `{}` from line {} shadowed by loop variable",
                    new.name,
                    line_of(old)
                ),
                new.range,
            );
            continue;
        }
        // A binding in an inner scope counts only against an unused import.
        if old.used
            || !redefines(old, new)
            || (shadowing.from_enclosing && !old.kind.is_import())
            || old.overload
            || (new.name == "_" && !old.kind.is_import())
        {
            continue;
        }
        report.push(
            Code::F811,
            format!("redefinition of unused `{}` from line {}", new.name, line_of(old)),
            at,
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
            && binding.name != "_"
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

/// `x: int` in a function, and `x` is never read (pyflakes does not spare
/// `_` or functions that call `locals()` here).
fn unused_annotations(model: &Model, scope: &Scope, report: &mut Report) {
    for &id in scope.bindings.values() {
        let binding = model.binding(id);
        if binding.kind == BindingKind::Annotation && !binding.used {
            report.push(
                Code::F842,
                format!("local variable `{}` is annotated but never used", binding.name),
                binding.range,
            );
        }
    }
}

/// Whether `new` replaces `old` in the sense of pyflakes' F811: anything
/// replaces a definition (`def`, `class`, import), and a `def` or `class`
/// also replaces a plain assignment; an import replaces a submodule import
/// only of the same module, and an annotation replaces nothing.
fn redefines(old: &Binding, new: &Binding) -> bool {
    use BindingKind::*;
    let definition = |b: &Binding| {
        matches!(b.kind, FunctionDef | ClassDef) || b.kind.is_import() || b.kind == FutureImport
    };
    let assignment = matches!(
        old.kind,
        Assignment | AugmentedAssignment | NamedExpr | WithTarget | MatchCapture | ExceptTarget
    ) && !old.unpacked;
    let same_module = old.qualified.is_some() && old.qualified == new.qualified;
    match new.kind {
        Annotation | Deletion | UnboundException(_) => false,
        _ if old.kind == SubmoduleImport && (new.kind.is_import() || new.kind == FutureImport) => {
            same_module
        }
        SubmoduleImport if old.kind.is_import() || old.kind == FutureImport => same_module,
        Import | FromImport | SubmoduleImport | FutureImport => definition(old),
        FunctionDef | ClassDef => definition(old) || assignment,
        _ => definition(old),
    }
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
