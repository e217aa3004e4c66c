//! Statements: bindings they make, scopes they open, branches they fork.

use super::{Body, Checker};
use crate::codes::Code;
use crate::rules;
use crate::semantic::model::{BindingKind, BranchId, Declaration, ScopeId, ScopeKind};
use crate::syntax::ast::{self, ExceptHandler, Expr, Stmt};
use crate::syntax::{Ranged, TextRange, Visitor};

impl<'a> Checker<'a> {
    pub(super) fn visit_body(&mut self, body: &'a [Stmt]) {
        for stmt in body {
            self.visit_stmt(stmt);
        }
    }

    /// A statement directly in the module: E402 bookkeeping, then the visit.
    pub(super) fn visit_top_level(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(_) | Stmt::ImportFrom(_) => {
                if self.import_boundary {
                    self.report.push(
                        Code::E402,
                        "module level import not at top of file",
                        stmt.range(),
                    );
                }
            }
            Stmt::Expr(expr) if !self.docstring_seen && expr.value.is_string_literal_expr() => {}
            _ if rules::import_position::may_precede_imports(stmt, |module| {
                self.imports_module(module)
            }) => {}
            _ => self.import_boundary = true,
        }
        self.docstring_seen = true;
        // Only strings (docstrings) may precede `from __future__` imports.
        if !stmt.is_import_from_stmt()
            && !matches!(stmt, Stmt::Expr(expr) if expr.value.is_string_literal_expr())
        {
            self.futures_allowed = false;
        }
        self.visit_stmt(stmt);
    }

    /// What a `def` or `class` evaluates before its body: decorators, then
    /// its type parameters in a scope of their own. Returns the scope the
    /// definition's name is bound in.
    fn enter_definition(
        &mut self,
        decorators: &'a [ast::Decorator],
        type_params: Option<&'a ast::TypeParams>,
    ) -> ScopeId {
        for decorator in decorators {
            self.visit_expr(&decorator.expression);
        }
        let outer = self.scope;
        if let Some(type_params) = type_params {
            self.scope = self.model.push_scope(ScopeKind::TypeParams, Some(outer));
            self.bind_type_params(type_params);
        }
        outer
    }

    fn visit_function_def(&mut self, function: &'a ast::StmtFunctionDef) {
        let outer =
            self.enter_definition(&function.decorator_list, function.type_params.as_deref());
        let parameters = &function.parameters;
        for parameter in parameters.iter_non_variadic_params() {
            if let Some(default) = &parameter.default {
                self.visit_expr(default);
            }
        }
        for parameter in parameters.iter() {
            if let Some(annotation) = parameter.annotation() {
                self.visit_annotation(annotation);
            }
        }
        if let Some(returns) = &function.returns {
            self.visit_annotation(returns);
        }
        rules::names::duplicate_parameters(&mut self.report, parameters, function.name.range);
        let deferred = self.defer(Body::Function(function));
        self.bodies.push(deferred);
        self.scope = outer;
        let overload = function.decorator_list.iter().any(|d| is_overload(&d.expression));
        let id = self.bind(function.name.as_str(), function.name.range, BindingKind::FunctionDef);
        self.model.binding_mut(id).overload = overload;
    }

    fn visit_class_def(&mut self, class: &'a ast::StmtClassDef) {
        let outer = self.enter_definition(&class.decorator_list, class.type_params.as_deref());
        if let Some(arguments) = &class.arguments {
            self.visit_arguments(arguments);
        }
        let loop_depth = std::mem::take(&mut self.loop_depth);
        self.scope = self.model.push_scope(ScopeKind::Class, Some(self.scope));
        self.visit_body(&class.body);
        self.loop_depth = loop_depth;
        self.scope = outer;
        self.bind(class.name.as_str(), class.name.range, BindingKind::ClassDef);
    }

    fn visit_if(&mut self, stmt: &'a ast::StmtIf) {
        rules::literals::if_tuple(&mut self.report, &stmt.test, stmt.test.range());
        self.visit_expr(&stmt.test);
        self.forking(|c| {
            c.conditionally(|c| {
                c.in_arm(|c| c.visit_body(&stmt.body));
                for clause in &stmt.elif_else_clauses {
                    if let Some(test) = &clause.test {
                        rules::literals::if_tuple(&mut c.report, test, test.range());
                        c.visit_expr(test);
                    }
                    c.in_arm(|c| c.visit_body(&clause.body));
                }
            })
        });
    }

    fn visit_try(&mut self, stmt: &'a ast::StmtTry) {
        rules::exceptions::check_handlers(&mut self.report, &stmt.handlers);
        let guards = stmt.handlers.iter().any(catches_name_error);
        self.forking(|c| {
            let body = c.in_arm(|c| {
                c.name_error_guard += u32::from(guards);
                c.visit_body(&stmt.body);
                c.name_error_guard -= u32::from(guards);
            });
            let outer = c.branch;
            for handler in &stmt.handlers {
                c.in_arm(|c| c.visit_handler(handler, outer));
            }
            // `else` runs after the body, in its arm.
            c.in_branch(body, |c| c.visit_body(&stmt.orelse));
            c.in_arm(|c| c.visit_body(&stmt.finalbody));
        });
    }

    /// `try_branch`: the arm the `try` statement itself is in, where
    /// pyflakes places the `as` name.
    fn visit_handler(&mut self, handler: &'a ExceptHandler, try_branch: Option<BranchId>) {
        let ExceptHandler::ExceptHandler(handler) = handler;
        if let Some(type_) = &handler.type_ {
            self.visit_expr(type_);
        }
        let Some(name) = &handler.name else {
            self.visit_body(&handler.body);
            return;
        };
        let previous = self.model.scope(self.scope).bindings.get(name.as_str()).copied();
        let id = self.store(name.as_str(), name.range, BindingKind::ExceptTarget);
        self.model.binding_mut(id).branch = try_branch;
        self.visit_body(&handler.body);
        // pyflakes checks the name's binding when the handler ends (`e = 1`
        // in the body replaces it); after a nested handler of the same
        // name, the reads of this one count (they mark `id`).
        let current = self.model.scope(self.scope).bindings.get(name.as_str()).copied();
        let checked = current
            .filter(|&c| !matches!(self.model.binding(c).kind, BindingKind::UnboundException(_)))
            .unwrap_or(id);
        if !self.model.binding(checked).used {
            self.report.push(
                Code::F841,
                format!("local variable `{}` is assigned to but never used", name.as_str()),
                name.range,
            );
        }
        // Python deletes the name when the handler ends.
        self.bind(name.as_str(), name.range, BindingKind::UnboundException(previous));
    }

    fn visit_match(&mut self, stmt: &'a ast::StmtMatch) {
        self.visit_expr(&stmt.subject);
        self.forking(|c| {
            for case in &stmt.cases {
                c.in_arm(|c| {
                    c.visit_pattern(&case.pattern);
                    if let Some(guard) = &case.guard {
                        c.visit_expr(guard);
                    }
                    c.visit_body(&case.body);
                });
            }
        });
    }

    /// `is_for`: pyflakes' F402 takes a `def`, `class` or import directly
    /// in a `for` loop (body or `else`) for a loop variable.
    fn visit_loop(&mut self, body: &'a [Stmt], orelse: &'a [Stmt], is_for: bool) {
        let in_for = |c: &mut Self, stmts: &'a [Stmt]| {
            for stmt in stmts {
                c.next_in_for = is_for;
                c.visit_stmt(stmt);
            }
        };
        self.loop_depth += 1;
        in_for(self, body);
        self.loop_depth -= 1;
        in_for(self, orelse);
    }

    fn visit_assign(&mut self, stmt: &'a ast::StmtAssign) {
        if matches!(&stmt.targets[..], [Expr::Name(name)] if name.id.as_str() == "__all__") {
            self.noqa_statements.push(stmt.range);
        }
        self.visit_expr(&stmt.value);
        rules::names::lambda_assignment(&mut self.report, &stmt.targets, &stmt.value);
        // `a, b = f()` unpacks; `a, b = 1, 2` assigns each name its own value
        // (pyflakes: only when every target is a tuple or list too).
        let is_sequence = |expr: &Expr| matches!(expr, Expr::Tuple(_) | Expr::List(_));
        let literal = is_sequence(&stmt.value) && stmt.targets.iter().all(is_sequence);
        for target in &stmt.targets {
            let unpacking = is_sequence(target) && !literal;
            self.visit_target(target, BindingKind::Assignment, unpacking);
        }
        if self.at_module_level() {
            for target in &stmt.targets {
                self.collect_exports(target, &stmt.value, stmt.range, false);
            }
        }
    }

    fn visit_ann_assign(&mut self, stmt: &'a ast::StmtAnnAssign) {
        self.visit_annotation(&stmt.annotation);
        let Some(value) = &stmt.value else {
            self.visit_target(&stmt.target, BindingKind::Annotation, false);
            return;
        };
        if is_type_alias(&stmt.annotation) {
            // `X: TypeAlias = Callable[["Response"], Any]`: the value is a type.
            self.visit_annotation_now(value);
        } else {
            self.visit_expr(value);
        }
        // In a class body an annotated lambda is a typed attribute.
        if self.model.scope(self.scope).kind != ScopeKind::Class {
            rules::names::lambda_assignment(
                &mut self.report,
                std::slice::from_ref(&*stmt.target),
                value,
            );
        }
        self.visit_target(&stmt.target, BindingKind::Assignment, false);
        if self.at_module_level() {
            self.collect_exports(&stmt.target, value, stmt.range, false);
        }
    }

    fn visit_aug_assign(&mut self, stmt: &'a ast::StmtAugAssign) {
        self.visit_expr(&stmt.value);
        // `x += 1` reads `x` first.
        self.visit_expr_as_load(&stmt.target);
        self.visit_target(&stmt.target, BindingKind::AugmentedAssignment, false);
        if self.at_module_level() {
            self.collect_exports(&stmt.target, &stmt.value, stmt.range, true);
        }
    }

    fn visit_declaration(
        &mut self,
        names: &'a [ast::Identifier],
        statement: TextRange,
        global: bool,
    ) {
        if self.model.scope(self.scope).kind == ScopeKind::Module {
            return;
        }
        for name in names {
            let name = name.as_str();
            self.forget_undefined(name);
            let branch = self.branch;
            let unassigned = &mut self.model.scope_mut(self.scope).unassigned;
            // A later declaration of the name replaces an earlier one.
            unassigned.retain(|d| d.name != name);
            unassigned.push(Declaration { name, statement, branch, global });
        }
        for name in names {
            // pyflakes binds the module name when it reaches the declaration
            // (module code and earlier bodies do not see it), for `nonlocal`
            // too: later reads anywhere find it.
            if !self.model.scope(ScopeId::MODULE).bindings.contains_key(name.as_str()) {
                self.bind_global(name.as_str(), name.range);
            }
            if global {
                self.model.scope_mut(self.scope).globals.push(name.as_str());
            } else {
                self.read_nonlocal(name.as_str());
                self.model.scope_mut(self.scope).nonlocals.push(name.as_str());
            }
        }
    }

    /// pyflakes drops the "undefined name" reports made so far for a name
    /// that a `global` or `nonlocal` statement declares (done at the end).
    fn forget_undefined(&mut self, name: &str) {
        self.withdrawn.insert(name.to_string(), self.report.findings.len());
    }

    /// Whether `module`'s name is bound to that module by an import here.
    fn imports_module(&self, module: &str) -> bool {
        self.model.lookup(self.scope, module).is_some_and(|id| {
            let binding = self.model.binding(id);
            matches!(binding.kind, BindingKind::Import | BindingKind::SubmoduleImport)
                && binding.qualified.as_deref().is_some_and(|q| {
                    q == module || q.strip_prefix(module).is_some_and(|r| r.starts_with('.'))
                })
        })
    }

    fn at_module_level(&self) -> bool {
        self.model.scope(self.scope).kind == ScopeKind::Module
    }
}

impl<'a> Visitor<'a> for Checker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        stacker::maybe_grow(RED_ZONE, STACK_GROWTH, || self.visit_statement(stmt));
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        // Expressions nest as deep as the parser allows (it grows its stack too).
        stacker::maybe_grow(RED_ZONE, STACK_GROWTH, || self.visit_expression(expr));
    }

    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        self.visit_match_pattern(pattern);
    }
}

impl<'a> Checker<'a> {
    fn visit_statement(&mut self, stmt: &'a Stmt) {
        let in_for = std::mem::take(&mut self.next_in_for);
        let outer = std::mem::replace(&mut self.stmt_in_for, in_for);
        self.visit_statement_kind(stmt);
        self.stmt_in_for = outer;
    }

    fn visit_statement_kind(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => self.visit_function_def(function),
            Stmt::ClassDef(class) => self.visit_class_def(class),
            Stmt::Return(ret) => {
                if !self.enclosing_kind().is_function_like() {
                    self.report.push(
                        Code::F706,
                        "`return` statement outside of a function/method",
                        stmt.range(),
                    );
                }
                if let Some(value) = &ret.value {
                    self.visit_expr(value);
                }
            }
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    self.visit_delete(target);
                }
            }
            Stmt::TypeAlias(alias) => {
                let outer = self.scope;
                if let Some(type_params) = &alias.type_params {
                    self.scope = self.model.push_scope(ScopeKind::TypeParams, Some(outer));
                    self.bind_type_params(type_params);
                }
                let deferred = self.defer(&*alias.value);
                self.annotations.push(deferred);
                self.scope = outer;
                self.visit_target(&alias.name, BindingKind::Assignment, false);
            }
            Stmt::Assign(assign) => self.visit_assign(assign),
            Stmt::AugAssign(assign) => self.visit_aug_assign(assign),
            Stmt::AnnAssign(assign) => self.visit_ann_assign(assign),
            Stmt::For(stmt) => {
                self.visit_expr(&stmt.iter);
                self.visit_target(&stmt.target, BindingKind::LoopVariable, false);
                self.visit_loop(&stmt.body, &stmt.orelse, true);
            }
            Stmt::While(stmt) => {
                self.visit_expr(&stmt.test);
                self.conditionally(|c| c.visit_loop(&stmt.body, &stmt.orelse, false));
            }
            Stmt::If(stmt) => self.visit_if(stmt),
            Stmt::With(stmt) => {
                for item in &stmt.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(target) = &item.optional_vars {
                        let unpacking = matches!(**target, Expr::Tuple(_) | Expr::List(_));
                        self.visit_target(target, BindingKind::WithTarget, unpacking);
                    }
                }
                self.forking(|c| {
                    c.in_arm(|c| c.visit_body(&stmt.body));
                });
            }
            Stmt::Match(stmt) => self.visit_match(stmt),
            Stmt::Raise(raise) => {
                rules::exceptions::raise_not_implemented(&mut self.report, raise);
                if let Some(exc) = &raise.exc {
                    self.visit_expr(exc);
                }
                if let Some(cause) = &raise.cause {
                    self.visit_expr(cause);
                }
            }
            Stmt::Try(stmt) => self.visit_try(stmt),
            Stmt::Assert(assert) => {
                rules::literals::assert_tuple(&mut self.report, &assert.test, stmt.range());
                self.visit_expr(&assert.test);
                if let Some(msg) = &assert.msg {
                    self.visit_expr(msg);
                }
            }
            Stmt::Import(import) => {
                self.noqa_statements.push(import.range);
                self.visit_import(import);
            }
            Stmt::ImportFrom(import) => {
                self.noqa_statements.push(import.range);
                self.visit_import_from(import);
            }
            Stmt::Global(global) => self.visit_declaration(&global.names, global.range, true),
            Stmt::Nonlocal(nonlocal) => {
                self.visit_declaration(&nonlocal.names, nonlocal.range, false);
            }
            Stmt::Expr(expr) => self.visit_expr(&expr.value),
            Stmt::Break(_) => {
                if self.loop_depth == 0 {
                    self.report.push(Code::F701, "`break` outside loop", stmt.range());
                }
            }
            Stmt::Continue(_) => {
                if self.loop_depth == 0 {
                    self.report.push(Code::F702, "`continue` not properly in loop", stmt.range());
                }
            }
            Stmt::Pass(_) | Stmt::IpyEscapeCommand(_) => {}
        }
    }
}
pub(super) const RED_ZONE: usize = 128 * 1024;
pub(super) const STACK_GROWTH: usize = 4 * 1024 * 1024;

fn is_overload(decorator: &Expr) -> bool {
    match decorator {
        Expr::Name(name) => name.id.as_str() == "overload",
        Expr::Attribute(attribute) => attribute.attr.as_str() == "overload",
        _ => false,
    }
}

fn is_type_alias(annotation: &Expr) -> bool {
    match annotation {
        Expr::Name(name) => name.id.as_str() == "TypeAlias",
        Expr::Attribute(attribute) => attribute.attr.as_str() == "TypeAlias",
        _ => false,
    }
}

fn catches_name_error(handler: &ExceptHandler) -> bool {
    let ExceptHandler::ExceptHandler(handler) = handler;
    let is_name_error = |expr: &Expr| match expr {
        Expr::Name(name) => name.id.as_str() == "NameError",
        Expr::Attribute(attribute) => attribute.attr.as_str() == "NameError",
        _ => false,
    };
    match handler.type_.as_deref() {
        Some(Expr::Tuple(tuple)) => tuple.elts.iter().any(is_name_error),
        Some(expr) => is_name_error(expr),
        None => false,
    }
}
