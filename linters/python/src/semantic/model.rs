//! Scopes and bindings: what each name refers to, as pyflakes models it.

use rustc_hash::FxHashMap;

use crate::syntax::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeId(u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BindingId(u32);

/// The arm of an `if`/`try`/`match` a binding is made in. pyflakes calls a
/// binding a redefinition only when both are made in the same arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BranchId(u32);

/// A statement whose arms are alternatives (`if`, `try`, `match`, `with`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ForkId(u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
    TypeParams,
}

impl ScopeKind {
    pub fn is_function_like(self) -> bool {
        matches!(self, ScopeKind::Function | ScopeKind::Lambda)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    /// `import a` or `import a as b`.
    Import,
    /// `import a.b`: binds `a`.
    SubmoduleImport,
    FromImport,
    FutureImport,
    Assignment,
    AugmentedAssignment,
    /// `x: int` without a value: not a binding at runtime.
    Annotation,
    FunctionDef,
    ClassDef,
    Argument,
    LoopVariable,
    WithTarget,
    ExceptTarget,
    NamedExpr,
    MatchCapture,
    TypeParam,
    Deletion,
    /// After `except E as x:` Python unbinds `x`; the earlier binding, if any.
    UnboundException(Option<BindingId>),
}

impl BindingKind {
    pub fn is_import(self) -> bool {
        matches!(self, BindingKind::Import | BindingKind::SubmoduleImport | BindingKind::FromImport)
    }
}

#[derive(Debug)]
pub struct Binding<'a> {
    pub name: &'a str,
    pub kind: BindingKind,
    /// Where the name is bound (the alias for imports).
    pub range: TextRange,
    pub scope: ScopeId,
    pub branch: Option<BranchId>,
    pub used: bool,
    /// `a, b = f()`: one of several targets filled from one value.
    pub unpacked: bool,
    /// The import statement an import binding comes from: pyflakes
    /// reports unused and redefined imports there.
    pub statement: Option<TextRange>,
    /// Made by a statement directly in a `for` loop's body.
    pub in_for_loop: bool,
    /// Decorated with `@overload`.
    pub overload: bool,
    /// The dotted name an import binds (`os.path`, `.mod.thing`).
    pub qualified: Option<String>,
    /// The scope and place of the latest read (pyflakes' F823 looks at it).
    pub last_use: Option<(ScopeId, TextRange)>,
}

#[derive(Debug)]
pub struct Scope<'a> {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    pub bindings: FxHashMap<&'a str, BindingId>,
    /// Bindings that replaced or hid an earlier binding of the same name.
    pub shadowed: Vec<Shadowing>,
    pub star_import: bool,
    /// `from m import *` statements here, one per module.
    pub star_imports: Vec<StarImport>,
    pub uses_locals: bool,
    /// Names a `global` statement declares here.
    pub globals: Vec<&'a str>,
    /// Names a `nonlocal` statement declares here.
    pub nonlocals: Vec<&'a str>,
    /// `global`/`nonlocal` declarations no binding here has needed yet (F824).
    pub unassigned: Vec<Declaration<'a>>,
}

/// A `from m import *`: used once a name it may bind is read (F401).
#[derive(Debug)]
pub struct StarImport {
    /// `m`, with the leading dots of a relative import.
    pub module: String,
    pub statement: TextRange,
    pub used: bool,
}

/// A name of a `global` or `nonlocal` statement.
#[derive(Clone, Copy, Debug)]
pub struct Declaration<'a> {
    pub name: &'a str,
    pub statement: TextRange,
    pub branch: Option<BranchId>,
    pub global: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct Shadowing {
    pub earlier: BindingId,
    pub by: BindingId,
    /// The earlier binding is in an enclosing scope (a function's
    /// `import os` hides the module's).
    pub from_enclosing: bool,
}

#[derive(Default)]
pub struct Model<'a> {
    pub scopes: Vec<Scope<'a>>,
    pub bindings: Vec<Binding<'a>>,
    /// Each arm's statement and the arm around that statement.
    branches: Vec<(ForkId, Option<BranchId>)>,
    forks: u32,
    /// The latest read of each builtin, as `Binding::last_use`.
    pub builtin_uses: FxHashMap<&'static str, (ScopeId, TextRange)>,
}

impl<'a> Model<'a> {
    pub fn push_scope(&mut self, kind: ScopeKind, parent: Option<ScopeId>) -> ScopeId {
        let id = ScopeId(self.scopes.len() as u32);
        self.scopes.push(Scope {
            kind,
            parent,
            bindings: FxHashMap::default(),
            shadowed: Vec::new(),
            star_import: false,
            star_imports: Vec::new(),
            uses_locals: false,
            globals: Vec::new(),
            nonlocals: Vec::new(),
            unassigned: Vec::new(),
        });
        id
    }

    pub fn scope(&self, id: ScopeId) -> &Scope<'a> {
        &self.scopes[id.0 as usize]
    }

    pub fn scope_mut(&mut self, id: ScopeId) -> &mut Scope<'a> {
        &mut self.scopes[id.0 as usize]
    }

    pub fn binding(&self, id: BindingId) -> &Binding<'a> {
        &self.bindings[id.0 as usize]
    }

    pub fn binding_mut(&mut self, id: BindingId) -> &mut Binding<'a> {
        &mut self.bindings[id.0 as usize]
    }

    /// A read from `scope` at `range` uses the binding.
    pub fn use_binding(&mut self, id: BindingId, scope: ScopeId, range: TextRange) {
        let binding = self.binding_mut(id);
        binding.used = true;
        binding.last_use = Some((scope, range));
    }

    pub fn scope_ids(&self) -> impl Iterator<Item = ScopeId> + use<> {
        (0..self.scopes.len() as u32).map(ScopeId)
    }

    /// The scope and its enclosing scopes, innermost first.
    pub fn ancestors(&self, id: ScopeId) -> impl Iterator<Item = (ScopeId, &Scope<'a>)> {
        std::iter::successors(Some(id), |id| self.scope(*id).parent).map(|id| (id, self.scope(id)))
    }

    /// The binding a read of `name` in `scope` finds, without marking it used.
    pub fn lookup(&self, scope: ScopeId, name: &str) -> Option<BindingId> {
        let mut first = true;
        for (_, s) in self.ancestors(scope) {
            if (first || s.kind != ScopeKind::Class)
                && let Some(&id) = s.bindings.get(name)
            {
                return Some(id);
            }
            first = false;
        }
        None
    }

    /// Adds a binding that is not the name's current one in its scope.
    pub fn add_detached(&mut self, binding: Binding<'a>) -> BindingId {
        let id = BindingId(self.bindings.len() as u32);
        self.bindings.push(binding);
        id
    }

    /// Adds a binding and makes it the name's current one in `scope`.
    pub fn bind(&mut self, binding: Binding<'a>) -> BindingId {
        let id = BindingId(self.bindings.len() as u32);
        let (scope, name) = (binding.scope, binding.name);
        self.bindings.push(binding);
        let scope_id = scope;
        let previous = self.scope_mut(scope_id).bindings.insert(name, id);
        // A rebinding counts the reads of the binding it replaces, as
        // pyflakes does: `x = 0` then `x = x + 1` in a loop uses both.
        if let Some(previous) = previous {
            let inherited = match self.binding(previous).kind {
                BindingKind::Deletion | BindingKind::UnboundException(_) => false,
                _ => self.binding(previous).used,
            };
            self.bindings[id.0 as usize].used |= inherited;
        }
        // pyflakes looks for the name in every enclosing scope, innermost first.
        let shadowing = match previous {
            Some(earlier) => Some(Shadowing { earlier, by: id, from_enclosing: false }),
            None => self
                .ancestors(scope_id)
                .skip(1)
                .find_map(|(_, s)| s.bindings.get(name).copied())
                .map(|earlier| Shadowing { earlier, by: id, from_enclosing: true }),
        };
        if let Some(shadowing) = shadowing {
            self.scope_mut(scope_id).shadowed.push(shadowing);
        }
        id
    }

    /// A binding of a declared name in `scope` needs its declaration, as
    /// pyflakes decides it: unless the two are in different arms of a fork.
    pub fn assign_declared(&mut self, scope: ScopeId, name: &str, branch: Option<BranchId>) {
        let mut unassigned = std::mem::take(&mut self.scope_mut(scope).unassigned);
        unassigned.retain(|d| d.name != name || self.different_forks(d.branch, branch));
        self.scope_mut(scope).unassigned = unassigned;
    }

    /// A star import of `module`; a second one of the same module replaces
    /// the first (keeping whether it was used), as a rebinding does.
    /// Returns the statement it replaced if that was unused (F811).
    pub fn add_star_import(
        &mut self,
        scope: ScopeId,
        module: String,
        statement: TextRange,
    ) -> Option<TextRange> {
        let scope = self.scope_mut(scope);
        scope.star_import = true;
        match scope.star_imports.iter_mut().find(|star| star.module == module) {
            Some(star) => {
                let replaced = std::mem::replace(&mut star.statement, statement);
                (!star.used).then_some(replaced)
            }
            None => {
                scope.star_imports.push(StarImport { module, statement, used: false });
                None
            }
        }
    }

    /// A name nothing binds was read in `scope`: any star import around
    /// may be what binds it, so pyflakes counts them all as used.
    pub fn use_star_imports(&mut self, scope: ScopeId) {
        let mut next = Some(scope);
        while let Some(id) = next {
            let scope = self.scope_mut(id);
            for star in &mut scope.star_imports {
                star.used = true;
            }
            next = scope.parent;
        }
    }

    pub fn new_fork(&mut self) -> ForkId {
        self.forks += 1;
        ForkId(self.forks)
    }

    /// A new arm of `fork`, a statement in the arm `parent`.
    pub fn new_branch(&mut self, fork: ForkId, parent: Option<BranchId>) -> BranchId {
        self.branches.push((fork, parent));
        BranchId(self.branches.len() as u32)
    }

    /// pyflakes' "different forks": the two places are in different arms
    /// of one `if`/`try`/`match`, so at most one of them runs.
    pub fn different_forks(&self, a: Option<BranchId>, b: Option<BranchId>) -> bool {
        let path = |mut branch: Option<BranchId>| {
            let mut path = Vec::new();
            while let Some(id) = branch {
                path.push(id);
                branch = self.branches[id.0 as usize - 1].1;
            }
            path.reverse();
            path
        };
        let (a, b) = (path(a), path(b));
        match a.iter().zip(&b).find(|(x, y)| x != y) {
            Some((x, y)) => self.branches[x.0 as usize - 1].0 == self.branches[y.0 as usize - 1].0,
            None => false,
        }
    }
}

impl BindingId {
    /// Bindings are numbered in the order they were made.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl ScopeId {
    pub const fn first() -> ScopeId {
        ScopeId(0)
    }
}
