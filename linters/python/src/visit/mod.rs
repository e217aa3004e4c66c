//! One traversal of a module: builds the scope model and runs the rules
//! that look at single nodes. Function and lambda bodies are visited after
//! the code around them (as pyflakes does), so a function sees the module's
//! final bindings; annotations are deferred when Python defers them.

mod exports;
mod expressions;
mod names;
mod statements;

use crate::codes::Report;
use crate::semantic::model::{BranchId, ForkId, Model, ScopeId, ScopeKind};
use crate::syntax::ast::{self, Expr, Stmt};
use crate::syntax::{TextRange, Visitor};

/// What the checker needs to know about the file besides its text.
#[derive(Clone, Copy, Debug)]
pub struct FileInfo {
    /// A package's `__init__.py`: `__path__` exists, `__all__` may name submodules.
    pub is_init: bool,
    /// A `.pyi` stub: annotations are never evaluated.
    pub is_stub: bool,
    /// The target Python's minor version (3.`minor`).
    pub minor: u32,
}

enum Body<'a> {
    Function(&'a ast::StmtFunctionDef),
    Lambda(&'a ast::ExprLambda),
}

/// Code whose visit waits until the surrounding code has been visited.
struct Deferred<T> {
    item: T,
    scope: ScopeId,
    branch: Option<BranchId>,
    /// How many bindings existed: a class body's later bindings are not
    /// what a lazy annotation in it refers to (`def Process(self) ->
    /// Process` names the module's `Process`).
    bindings: usize,
    conditional_depth: u32,
}

pub struct Checker<'a> {
    text: &'a str,
    info: FileInfo,
    pub model: Model<'a>,
    pub report: Report,
    scope: ScopeId,
    branch: Option<BranchId>,
    /// The statement whose arms `in_arm` makes.
    fork: ForkId,
    /// The statement being visited sits directly in a `for` loop (F402).
    stmt_in_for: bool,
    next_in_for: bool,
    /// Loops around the current statement, within its function or class body.
    loop_depth: u32,
    /// `if` and `while` statements around the current one, those around
    /// its function or class included: pyflakes takes a `del` there as one
    /// that may not happen (and one in `try` or `match` as certain).
    conditional_depth: u32,
    /// Inside the body of a `try` whose handlers catch `NameError`.
    name_error_guard: u32,
    /// Visiting a type annotation: strings in it are forward references.
    in_annotation: bool,
    /// Inside an f-string or t-string (its fields and format specs).
    in_fstring: bool,
    /// `from __future__ import annotations` (or a stub): annotations are lazy.
    lazy_annotations: bool,
    bodies: Vec<Deferred<Body<'a>>>,
    annotations: Vec<Deferred<&'a Expr>>,
    string_annotations: Vec<Deferred<&'a ast::ExprStringLiteral>>,
    /// While reading a lazy annotation: the class bindings it can see.
    class_bindings_before: Option<usize>,
    /// Reading an annotation Python evaluates later, if at all (a string,
    /// or any annotation under `from __future__ import annotations`).
    postponed: bool,
    /// Reads in a stub that found nothing, tried again at the end.
    stub_reads: Vec<Deferred<(String, TextRange)>>,
    retrying: bool,
    /// Each F821 report: its index in the findings and the name.
    undefined_reported: Vec<(usize, String)>,
    /// Names a `global` or `nonlocal` statement declares, with how many
    /// findings existed then: the F821 reports before that are withdrawn.
    withdrawn: rustc_hash::FxHashMap<String, usize>,
    /// The latest `__all__` assignment at module level.
    exports: Option<exports::Exports>,
    /// Imports and `__all__` assignments: a `# noqa` on the first line of
    /// one that spans lines covers all of them, as in ruff.
    pub noqa_statements: Vec<TextRange>,
    /// E402: a statement other than imports and a docstring was seen.
    import_boundary: bool,
    docstring_seen: bool,
    /// F404: nothing but docstrings and `from` imports came before.
    futures_allowed: bool,
}

impl<'a> Checker<'a> {
    pub fn new(text: &'a str, info: FileInfo, report: Report) -> Checker<'a> {
        let mut model = Model::default();
        let scope = model.push_scope(ScopeKind::Module, None);
        Checker {
            text,
            info,
            model,
            report,
            scope,
            branch: None,
            fork: ForkId::default(),
            stmt_in_for: false,
            next_in_for: false,
            loop_depth: 0,
            conditional_depth: 0,
            name_error_guard: 0,
            in_annotation: false,
            in_fstring: false,
            lazy_annotations: info.is_stub,
            bodies: Vec::new(),
            annotations: Vec::new(),
            string_annotations: Vec::new(),
            class_bindings_before: None,
            postponed: false,
            stub_reads: Vec::new(),
            retrying: false,
            undefined_reported: Vec::new(),
            withdrawn: Default::default(),
            exports: None,
            noqa_statements: Vec::new(),
            import_boundary: false,
            docstring_seen: false,
            futures_allowed: true,
        }
    }

    /// Visits the module and everything deferred, leaving a complete model.
    pub fn check_module(&mut self, body: &'a [Stmt]) {
        self.lazy_annotations |= body.iter().any(is_future_annotations);
        for stmt in body {
            self.visit_top_level(stmt);
        }
        self.visit_deferred();
        self.retrying = true;
        for deferred in std::mem::take(&mut self.stub_reads) {
            self.enter(deferred.scope, deferred.branch);
            self.read(&deferred.item.0, deferred.item.1);
        }
        self.resolve_exports();
        self.withdraw_undefined();
    }

    /// Drops the F821 reports a later `global`/`nonlocal` withdrew.
    fn withdraw_undefined(&mut self) {
        let dropped: rustc_hash::FxHashSet<usize> = std::mem::take(&mut self.undefined_reported)
            .into_iter()
            .filter(|(index, name)| self.withdrawn.get(name).is_some_and(|until| index < until))
            .map(|(index, _)| index)
            .collect();
        if dropped.is_empty() {
            return;
        }
        let mut index = 0;
        self.report.findings.retain(|_| {
            index += 1;
            !dropped.contains(&(index - 1))
        });
    }

    fn defer<T>(&self, item: T) -> Deferred<T> {
        Deferred {
            item,
            scope: self.scope,
            branch: self.branch,
            bindings: self.model.bindings.len(),
            conditional_depth: self.conditional_depth,
        }
    }

    fn visit_deferred(&mut self) {
        loop {
            if !self.bodies.is_empty() {
                for deferred in std::mem::take(&mut self.bodies) {
                    self.visit_body_later(deferred);
                }
            } else if !self.annotations.is_empty() {
                for deferred in std::mem::take(&mut self.annotations) {
                    self.enter(deferred.scope, deferred.branch);
                    self.class_bindings_before = Some(deferred.bindings);
                    self.postponed = true;
                    self.visit_annotation_now(deferred.item);
                }
            } else if !self.string_annotations.is_empty() {
                for deferred in std::mem::take(&mut self.string_annotations) {
                    self.enter(deferred.scope, deferred.branch);
                    self.class_bindings_before = Some(deferred.bindings);
                    self.postponed = true;
                    self.visit_string_annotation(deferred.item);
                }
            } else {
                break;
            }
        }
    }

    /// Restores the place a deferred visit was recorded at.
    fn enter(&mut self, scope: ScopeId, branch: Option<BranchId>) {
        self.scope = scope;
        self.branch = branch;
        self.loop_depth = 0;
        self.conditional_depth = 0;
        self.name_error_guard = 0;
        self.in_annotation = false;
        self.class_bindings_before = None;
        self.postponed = false;
    }

    fn visit_body_later(&mut self, deferred: Deferred<Body<'a>>) {
        self.enter(deferred.scope, deferred.branch);
        self.conditional_depth = deferred.conditional_depth;
        match deferred.item {
            Body::Function(function) => {
                self.scope = self.model.push_scope(ScopeKind::Function, Some(deferred.scope));
                self.bind_parameters(&function.parameters);
                self.visit_body(&function.body);
            }
            Body::Lambda(lambda) => {
                self.scope = self.model.push_scope(ScopeKind::Lambda, Some(deferred.scope));
                if let Some(parameters) = &lambda.parameters {
                    self.bind_parameters(parameters);
                }
                self.visit_expr(&lambda.body);
            }
        }
    }

    /// Visits an annotation now, or records it when Python evaluates it lazily.
    fn visit_annotation(&mut self, annotation: &'a Expr) {
        if self.lazy_annotations {
            let deferred = self.defer(annotation);
            self.annotations.push(deferred);
        } else {
            self.visit_annotation_now(annotation);
        }
    }

    fn visit_annotation_now(&mut self, annotation: &'a Expr) {
        let outer = std::mem::replace(&mut self.in_annotation, true);
        self.visit_expr(annotation);
        self.in_annotation = outer;
    }

    /// `"List[Foo]"` in an annotation: the names inside are read, later.
    fn visit_string_annotation(&mut self, string: &'a ast::ExprStringLiteral) {
        self.read_string_annotation(string.value.to_str(), string.range);
    }

    /// A string annotation, or one nested in another (`"List['Foo']"`). As
    /// pyflakes does, what it reports inside is reported at the outermost
    /// string (`at`).
    fn read_string_annotation(&mut self, value: &str, at: TextRange) {
        let Some(parsed) =
            crate::rules::annotations::forward_annotation(&mut self.report, value, at)
        else {
            return;
        };
        if let Some(expr) = parsed.expr() {
            let mut reader = names::AnnotationReader { checker: self, at, metadata: false };
            crate::syntax::Visitor::visit_expr(&mut reader, expr);
        }
    }

    /// Runs `visit` in a new arm of a branching statement; returns the arm.
    fn in_arm(&mut self, visit: impl FnOnce(&mut Self)) -> BranchId {
        let branch = self.model.new_branch(self.fork, self.branch);
        self.in_branch(branch, visit);
        branch
    }

    /// Runs `visit` for a statement whose arms `in_arm` visits.
    fn forking(&mut self, visit: impl FnOnce(&mut Self)) {
        let outer = std::mem::replace(&mut self.fork, self.model.new_fork());
        visit(self);
        self.fork = outer;
    }

    fn in_branch(&mut self, branch: BranchId, visit: impl FnOnce(&mut Self)) {
        let outer = self.branch.replace(branch);
        visit(self);
        self.branch = outer;
    }

    fn conditionally(&mut self, visit: impl FnOnce(&mut Self)) {
        self.conditional_depth += 1;
        visit(self);
        self.conditional_depth -= 1;
    }

    /// The nearest scope that is not a comprehension or type-parameter scope.
    fn enclosing_kind(&self) -> ScopeKind {
        self.model
            .ancestors(self.scope)
            .map(|(_, scope)| scope.kind)
            .find(|kind| !matches!(kind, ScopeKind::Comprehension | ScopeKind::TypeParams))
            .unwrap_or(ScopeKind::Module)
    }
}

fn is_future_annotations(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::ImportFrom(import)
        if import.module.as_ref().is_some_and(|m| m.as_str() == "__future__")
            && import.names.iter().any(|alias| alias.name.as_str() == "annotations"))
}
