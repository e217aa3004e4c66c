//! Binding, reading and deleting names.

use super::Checker;
use crate::codes::Code;
use crate::rules;
use crate::semantic::builtins;
use crate::semantic::model::{Binding, BindingId, BindingKind, ScopeId, ScopeKind, Shadowing};
use crate::syntax::ast::{self, Expr, ExprContext, Pattern};
use crate::syntax::{Ranged, TextRange, Visitor, visitor};

impl<'a> Checker<'a> {
    /// Binds `name` in the current scope, or in the module's when a
    /// `global` statement says so.
    pub(super) fn bind(&mut self, name: &'a str, range: TextRange, kind: BindingKind) -> BindingId {
        self.bind_declared(self.scope, name, range, kind)
    }

    fn bind_declared(
        &mut self,
        scope: ScopeId,
        name: &'a str,
        range: TextRange,
        kind: BindingKind,
    ) -> BindingId {
        // A walrus in a comprehension binds outside it: pyflakes counts that
        // neither as the declaration's binding (F824) nor for F823.
        if scope == self.scope {
            let declared = self.model.scope(scope);
            if declared.globals.contains(&name) || declared.nonlocals.contains(&name) {
                self.model.assign_declared(scope, name, self.branch);
            } else {
                self.read_before_assignment(name, kind);
            }
        }
        let declared = self.model.scope(scope);
        if declared.globals.contains(&name) {
            // A function that rebinds a module name neither replaces the
            // module's binding in the module's flow nor redefines it.
            if self.model.scope(ScopeId::MODULE).bindings.contains_key(name) {
                let binding = self.new_binding(ScopeId::MODULE, name, range, kind, true);
                return self.model.add_detached(binding);
            }
            return self.bind_in(ScopeId::MODULE, name, range, kind, true);
        }
        let used = declared.nonlocals.contains(&name);
        self.bind_in(scope, name, range, kind, used)
    }

    fn bind_in(
        &mut self,
        scope: ScopeId,
        name: &'a str,
        range: TextRange,
        kind: BindingKind,
        used: bool,
    ) -> BindingId {
        let binding = self.new_binding(scope, name, range, kind, used);
        let existing = self.model.scope(scope).bindings.get(name).copied().filter(|&id| {
            !matches!(
                self.model.binding(id).kind,
                BindingKind::Deletion | BindingKind::UnboundException(None)
            )
        });
        // As in pyflakes, `x: int` after a binding of `x` leaves that binding
        // in place, and so does a walrus (unless `x` was only annotated),
        // which still counts as redefining it (F811).
        match (kind, existing.map(|id| (id, self.model.binding(id).kind))) {
            (BindingKind::Annotation, Some(_)) => self.model.add_detached(binding),
            (BindingKind::NamedExpr, Some((earlier, existing)))
                if existing != BindingKind::Annotation =>
            {
                let id = self.model.add_detached(binding);
                let shadowing = Shadowing { earlier, by: id, from_enclosing: false };
                self.model.scope_mut(scope).shadowed.push(shadowing);
                id
            }
            _ => self.model.bind(binding),
        }
    }

    fn new_binding(
        &self,
        scope: ScopeId,
        name: &'a str,
        range: TextRange,
        kind: BindingKind,
        used: bool,
    ) -> Binding<'a> {
        Binding {
            name,
            kind,
            range,
            scope,
            branch: self.branch,
            used,
            unpacked: false,
            statement: None,
            in_for_loop: self.stmt_in_for,
            overload: false,
            qualified: None,
            last_use: None,
        }
    }

    /// A module name that a function's `global` statement declares.
    pub(super) fn bind_global(&mut self, name: &'a str, range: TextRange) {
        self.bind_in(ScopeId::MODULE, name, range, BindingKind::Assignment, false);
    }

    /// An assignment-like binding: honours `global`/`nonlocal`, and a walrus
    /// in a comprehension binds in the enclosing scope.
    pub(super) fn store(
        &mut self,
        name: &'a str,
        range: TextRange,
        kind: BindingKind,
    ) -> BindingId {
        let mut scope = self.scope;
        if kind == BindingKind::NamedExpr {
            scope = self
                .model
                .ancestors(scope)
                .find(|(_, s)| s.kind != ScopeKind::Comprehension)
                .map_or(scope, |(id, _)| id);
        }
        self.bind_declared(scope, name, range, kind)
    }

    /// Binds every name an assignment target names.
    pub(super) fn visit_target(&mut self, target: &'a Expr, kind: BindingKind, unpacked: bool) {
        match target {
            Expr::Name(name) => {
                let id = self.store(name.id.as_str(), name.range, kind);
                self.model.binding_mut(id).unpacked = unpacked;
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                rules::names::starred_targets(&mut self.report, elts, target.range());
                for element in elts {
                    self.visit_target(element, kind, unpacked);
                }
            }
            Expr::Starred(starred) => self.visit_target(&starred.value, kind, unpacked),
            _ => self.visit_expr(target),
        }
    }

    /// Reads what a target names (`x += 1` reads `x`).
    pub(super) fn visit_expr_as_load(&mut self, target: &'a Expr) {
        if let Expr::Name(name) = target {
            self.read(name.id.as_str(), name.range);
        }
    }

    pub(super) fn visit_delete(&mut self, target: &'a Expr) {
        let Expr::Name(name) = target else {
            if let Expr::Tuple(tuple) = target {
                for element in &tuple.elts {
                    self.visit_delete(element);
                }
            } else {
                self.visit_expr(target);
            }
            return;
        };
        // pyflakes takes a `del` under `if` or `while` as one that may not
        // happen: it changes nothing, and is not checked.
        if self.conditional_depth > 0 {
            return;
        }
        let id = name.id.as_str();
        let scope = self.model.scope(self.scope);
        if scope.globals.contains(&id) || scope.nonlocals.contains(&id) {
            // It counts as needing the declaration (F824).
            self.model.assign_declared(self.scope, id, self.branch);
            return;
        }
        // A name already deleted (or unbound after its `except`) is not
        // there to delete again.
        let existing = scope.bindings.get(id).copied().filter(|&existing| {
            !matches!(
                self.model.binding(existing).kind,
                BindingKind::Deletion | BindingKind::UnboundException(None)
            )
        });
        let Some(existing) = existing else {
            // Reported whatever guards it, as pyflakes does.
            self.report_undefined(id, name.range);
            return;
        };
        self.model.binding_mut(existing).used = true;
        self.bind(id, name.range, BindingKind::Deletion);
    }

    /// Resolves a read of `name`, marking what it reads as used, or reports
    /// it as undefined.
    pub(super) fn read(&mut self, name: &str, range: TextRange) {
        let current = self.scope;
        let start = if self.model.scope(current).globals.contains(&name) {
            ScopeId::MODULE
        } else {
            current
        };
        let mut first = true;
        let mut chain = Some(start);
        while let Some(id) = chain {
            let scope = self.model.scope(id);
            let (kind, parent) = (scope.kind, scope.parent);
            chain = parent;
            let skip = !first && kind == ScopeKind::Class;
            let visible = |binding: &BindingId| {
                kind != ScopeKind::Class
                    || self.class_bindings_before.is_none_or(|before| binding.index() < before)
            };
            let found = scope.bindings.get(name).copied().filter(visible);
            if !skip && let Some(binding) = found {
                match self.model.binding(binding).kind {
                    // In a stub, and for an annotation Python does not
                    // evaluate now, `x: int` declares `x`.
                    BindingKind::Annotation if self.info.is_stub || self.postponed => {
                        self.model.use_binding(binding, current, range);
                        return;
                    }
                    // Otherwise it binds nothing: pyflakes counts the read
                    // (no F842) and looks further out.
                    BindingKind::Annotation => self.model.use_binding(binding, current, range),
                    BindingKind::Deletion | BindingKind::UnboundException(None) => {
                        self.undefined(name, range);
                        return;
                    }
                    BindingKind::UnboundException(previous) => {
                        if let Some(previous) = previous {
                            self.model.use_binding(previous, current, range);
                        }
                        return;
                    }
                    _ => {
                        self.model.use_binding(binding, current, range);
                        self.use_unaliased(id, binding, range);
                        return;
                    }
                }
            }
            if first && kind == ScopeKind::Class && matches!(name, "__module__" | "__qualname__") {
                return;
            }
            if name == "__class__"
                && kind == ScopeKind::Function
                && parent.is_some_and(|p| self.model.scope(p).kind == ScopeKind::Class)
            {
                return;
            }
            // pyflakes lets a comprehension (and a type-parameter scope)
            // see the class body it is in.
            if !matches!(kind, ScopeKind::TypeParams | ScopeKind::Comprehension) {
                first = false;
            }
        }
        if let Some(builtin) = builtins::builtin(name, self.info.minor) {
            self.model.builtin_uses.insert(builtin, (current, range));
            return;
        }
        if name == "__path__" && self.info.is_init {
            return;
        }
        self.undefined(name, range);
    }

    /// pyflakes' quirk: a read of `np` from `import numpy as np` also uses
    /// whatever that scope binds to the name `numpy` (the module itself
    /// from `import numpy.linalg`, but also `from numpy import numpy`).
    fn use_unaliased(&mut self, scope: ScopeId, alias: BindingId, range: TextRange) {
        let binding = self.model.binding(alias);
        if binding.kind != BindingKind::Import {
            return;
        }
        let Some(module) = binding.qualified.as_deref().filter(|m| *m != binding.name) else {
            return;
        };
        if let Some(&other) = self.model.scope(scope).bindings.get(module) {
            self.model.use_binding(other, self.scope, range);
        }
    }

    /// pyflakes' F823: the first binding of `name` in a function, by an
    /// assignment-like statement, when the latest read of `name` in an
    /// enclosing function or the module (outermost first) was made from
    /// this function: that read happened before the local existed.
    fn read_before_assignment(&mut self, name: &str, kind: BindingKind) {
        use BindingKind::*;
        let store = matches!(
            kind,
            Assignment
                | AugmentedAssignment
                | Annotation
                | LoopVariable
                | WithTarget
                | NamedExpr
                | ExceptTarget
                | MatchCapture
        );
        let scope = self.model.scope(self.scope);
        if !store
            || !self.report.enabled(Code::F823)
            || !scope.kind.is_function_like()
            || scope.bindings.contains_key(name)
        {
            return;
        }
        let mut outer: Vec<ScopeId> =
            self.model.ancestors(self.scope).skip(1).map(|(id, _)| id).collect();
        outer.reverse();
        for id in outer {
            let scope = self.model.scope(id);
            let last_use = match scope.kind {
                ScopeKind::Module => match scope.bindings.get(name) {
                    Some(&binding) => self.model.binding(binding).last_use,
                    None => builtins::builtin(name, self.info.minor)
                        .and_then(|builtin| self.model.builtin_uses.get(builtin).copied()),
                },
                kind if kind.is_function_like() => {
                    scope.bindings.get(name).and_then(|&b| self.model.binding(b).last_use)
                }
                _ => continue,
            };
            if let Some((reader, at)) = last_use
                && reader == self.scope
            {
                self.report.push(
                    Code::F823,
                    format!("local variable `{name}` referenced before assignment"),
                    at,
                );
                return;
            }
        }
    }

    fn undefined(&mut self, name: &str, range: TextRange) {
        if self.info.is_stub && !self.retrying {
            // A stub may name anything defined anywhere in it.
            let deferred = self.defer((name.to_string(), range));
            self.stub_reads.push(deferred);
            return;
        }
        if self.model.ancestors(self.scope).any(|(_, scope)| scope.star_import) {
            self.model.use_star_imports(self.scope);
            self.report.push(
                Code::F405,
                format!("`{name}` may be undefined, or defined from star imports"),
                range,
            );
        } else if self.name_error_guard == 0 {
            self.report_undefined(name, range);
        }
    }

    fn report_undefined(&mut self, name: &str, range: TextRange) {
        if self.report.enabled(Code::F821) {
            self.undefined_reported.push((self.report.findings.len(), name.to_string()));
        }
        self.report.push(Code::F821, format!("undefined name `{name}`"), range);
    }

    /// `nonlocal x` uses the `x` of an enclosing function.
    pub(super) fn read_nonlocal(&mut self, name: &str) {
        let parent = self.model.scope(self.scope).parent;
        let found = std::iter::successors(parent, |id| self.model.scope(*id).parent)
            .filter(|id| self.model.scope(*id).kind.is_function_like())
            .find_map(|id| self.model.scope(id).bindings.get(name).copied());
        if let Some(binding) = found {
            self.model.binding_mut(binding).used = true;
        }
    }

    pub(super) fn bind_parameters(&mut self, parameters: &'a ast::Parameters) {
        for parameter in parameters.iter() {
            let name = parameter.name();
            self.bind_in(self.scope, name.as_str(), name.range, BindingKind::Argument, false);
        }
    }

    pub(super) fn bind_type_params(&mut self, type_params: &'a ast::TypeParams) {
        for param in type_params.iter() {
            let name = param.name();
            self.bind(name.as_str(), name.range, BindingKind::TypeParam);
            if let ast::TypeParam::TypeVar(var) = param
                && let Some(bound) = &var.bound
            {
                self.visit_annotation(bound);
            }
        }
    }

    pub(super) fn visit_import(&mut self, import: &'a ast::StmtImport) {
        for alias in &import.names {
            let module = alias.name.as_str();
            let (name, kind) = match &alias.asname {
                Some(asname) => (asname.as_str(), BindingKind::Import),
                None => match module.split_once('.') {
                    Some((first, _)) => (first, BindingKind::SubmoduleImport),
                    None => (module, BindingKind::Import),
                },
            };
            let id = self.bind(name, alias.range, kind);
            let binding = self.model.binding_mut(id);
            binding.statement = Some(import.range);
            binding.qualified = Some(module.to_string());
        }
    }

    pub(super) fn visit_import_from(&mut self, import: &'a ast::StmtImportFrom) {
        let module = import.module.as_ref().map_or("", |m| m.as_str());
        let at_module_level = self.model.scope(self.scope).kind == ScopeKind::Module;
        if module == "__future__" {
            if !(at_module_level && self.futures_allowed) {
                self.report.push(
                    Code::F404,
                    "`from __future__` imports must come first in the file",
                    import.range,
                );
            }
            for alias in &import.names {
                if !FUTURE_FEATURES.contains(&alias.name.as_str()) {
                    self.report.push(
                        Code::F407,
                        format!("future feature `{}` is not defined", alias.name.as_str()),
                        import.range,
                    );
                }
                let id = self.bind(alias.name.as_str(), alias.range, BindingKind::FutureImport);
                self.model.binding_mut(id).used = true;
            }
            return;
        }
        if at_module_level {
            self.futures_allowed = false;
        }
        let dots = ".".repeat(import.level as usize);
        for alias in &import.names {
            if alias.name.as_str() == "*" {
                if !at_module_level {
                    self.report.push(
                        Code::F406,
                        format!("`from {dots}{module} import *` is only allowed at module level"),
                        import.range,
                    );
                    continue;
                }
                let name = format!("{dots}{module}");
                let replaced = self.model.add_star_import(self.scope, name.clone(), import.range);
                if let Some(earlier) = replaced {
                    let line = line_number(self.text, earlier.start().to_usize());
                    self.report.push(
                        Code::F811,
                        format!("redefinition of unused `{name}.*` from line {line}"),
                        import.range,
                    );
                }
                self.report.push(
                    Code::F403,
                    format!(
                        "`from {dots}{module} import *` used; unable to detect undefined names"
                    ),
                    import.range,
                );
                continue;
            }
            let name = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
            let qualified = if module.is_empty() {
                format!("{dots}{}", alias.name.as_str())
            } else {
                format!("{dots}{module}.{}", alias.name.as_str())
            };
            let id = self.bind(name, alias.range, BindingKind::FromImport);
            let binding = self.model.binding_mut(id);
            binding.statement = Some(import.range);
            binding.qualified = Some(qualified);
        }
    }

    pub(super) fn visit_match_pattern(&mut self, pattern: &'a Pattern) {
        match pattern {
            Pattern::MatchAs(ast::PatternMatchAs { pattern, name, .. }) => {
                if let Some(pattern) = pattern {
                    self.visit_match_pattern(pattern);
                }
                if let Some(name) = name {
                    self.store(name.as_str(), name.range, BindingKind::MatchCapture);
                }
            }
            Pattern::MatchStar(ast::PatternMatchStar { name: Some(name), .. }) => {
                self.store(name.as_str(), name.range, BindingKind::MatchCapture);
            }
            Pattern::MatchMapping(mapping) => {
                for key in &mapping.keys {
                    self.visit_expr(key);
                }
                for pattern in &mapping.patterns {
                    self.visit_match_pattern(pattern);
                }
                if let Some(rest) = &mapping.rest {
                    self.store(rest.as_str(), rest.range, BindingKind::MatchCapture);
                }
            }
            _ => visitor::walk_pattern(self, pattern),
        }
    }
}

/// The 1-based line of byte `offset`, with `\n`, `\r\n` and a lone `\r`
/// each ending a line.
fn line_number(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let lone_cr = before.windows(2).filter(|pair| pair[0] == b'\r' && pair[1] != b'\n').count()
        + usize::from(before.last() == Some(&b'\r'));
    1 + before.iter().filter(|&&b| b == b'\n').count() + lone_cr
}

/// `__future__.all_feature_names` (Python 3.7 to 3.14).
const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

impl ScopeId {
    pub const MODULE: ScopeId = ScopeId::first();
}

/// Reads the names in a parsed string annotation, which lives shorter than
/// the module's syntax tree and so cannot bind anything.
pub(super) struct AnnotationReader<'c, 'a> {
    pub checker: &'c mut Checker<'a>,
    /// The outermost string annotation.
    pub at: TextRange,
    /// In `Annotated[T, ...]`'s metadata: strings there are values.
    pub metadata: bool,
}

impl<'b> Visitor<'b> for AnnotationReader<'_, '_> {
    fn visit_expr(&mut self, expr: &'b Expr) {
        stacker::maybe_grow(super::statements::RED_ZONE, super::statements::STACK_GROWTH, || {
            self.visit_expression(expr)
        });
    }
}

impl AnnotationReader<'_, '_> {
    fn visit_expression(&mut self, expr: &Expr) {
        match expr {
            Expr::Name(name) if name.ctx == ExprContext::Load => {
                self.checker.read(name.id.as_str(), self.at);
            }
            Expr::Subscript(subscript) if super::expressions::is_literal_type(&subscript.value) => {
                self.visit_expr(&subscript.value);
            }
            Expr::Subscript(subscript)
                if super::expressions::is_annotated_type(&subscript.value)
                    && let Expr::Tuple(tuple) = &*subscript.slice
                    && let [first, metadata @ ..] = &tuple.elts[..] =>
            {
                self.visit_expr(&subscript.value);
                self.visit_expr(first);
                let outer = std::mem::replace(&mut self.metadata, true);
                for item in metadata {
                    self.visit_expr(item);
                }
                self.metadata = outer;
            }
            Expr::StringLiteral(string) if !self.metadata => {
                self.checker.read_string_annotation(string.value.to_str(), self.at);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}
