//! Scopes and bindings: what each name refers to, as pyflakes models it.

use rustc_hash::FxHashMap;

use crate::syntax::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeId(u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BindingId(u32);

/// A path of (fork, arm) choices from the module's top: two bindings made
/// in different arms of one `if`/`try`/`match` never both happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BranchId(u32);

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
    /// `del x` in a branch: `x` may still be bound.
    ConditionalDeletion(Option<BindingId>),
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
    /// `import x as x`, `from m import x as x`: an explicit re-export.
    pub explicit_export: bool,
    /// Decorated with `@overload`.
    pub overload: bool,
    /// The dotted name an import binds (`os.path`, `.mod.thing`).
    pub qualified: Option<String>,
}

#[derive(Debug)]
pub struct Scope<'a> {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    pub bindings: FxHashMap<&'a str, BindingId>,
    /// (earlier binding, the binding that replaced it), in order.
    pub shadowed: Vec<(BindingId, BindingId)>,
    pub star_import: bool,
    pub uses_locals: bool,
    /// Names a `global` statement declares here.
    pub globals: Vec<&'a str>,
    /// Names a `nonlocal` statement declares here.
    pub nonlocals: Vec<&'a str>,
}

struct Branch {
    parent: Option<BranchId>,
    fork: u32,
    arm: u32,
}

/// A read from a function scope that found the name in an outer scope
/// (for F823: the function binds it later, so the read fails at runtime).
pub struct OuterRead {
    pub scope: ScopeId,
    /// The name's range: its text is the name.
    pub range: TextRange,
}

#[derive(Default)]
pub struct Model<'a> {
    pub scopes: Vec<Scope<'a>>,
    pub bindings: Vec<Binding<'a>>,
    branches: Vec<Branch>,
    pub outer_reads: Vec<OuterRead>,
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
            uses_locals: false,
            globals: Vec::new(),
            nonlocals: Vec::new(),
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

    pub fn scope_ids(&self) -> impl Iterator<Item = ScopeId> + use<> {
        (0..self.scopes.len() as u32).map(ScopeId)
    }

    /// The scope and its enclosing scopes, innermost first.
    pub fn ancestors(&self, id: ScopeId) -> impl Iterator<Item = (ScopeId, &Scope<'a>)> {
        std::iter::successors(Some(id), |id| self.scope(*id).parent).map(|id| (id, self.scope(id)))
    }

    /// Adds a binding and makes it the name's current one in `scope`.
    pub fn bind(&mut self, binding: Binding<'a>) -> BindingId {
        let id = BindingId(self.bindings.len() as u32);
        let (scope, name) = (binding.scope, binding.name);
        self.bindings.push(binding);
        let scope = self.scope_mut(scope);
        if let Some(previous) = scope.bindings.insert(name, id) {
            scope.shadowed.push((previous, id));
        }
        id
    }

    pub fn enter_arm(&mut self, parent: Option<BranchId>, fork: u32, arm: u32) -> BranchId {
        let id = BranchId(self.branches.len() as u32);
        self.branches.push(Branch { parent, fork, arm });
        id
    }

    /// Whether two branches lie in different arms of one fork.
    pub fn different_arms(&self, a: Option<BranchId>, b: Option<BranchId>) -> bool {
        let mut arms: Vec<(u32, u32)> = Vec::new();
        let mut cursor = a;
        while let Some(id) = cursor {
            let branch = &self.branches[id.0 as usize];
            arms.push((branch.fork, branch.arm));
            cursor = branch.parent;
        }
        let mut cursor = b;
        while let Some(id) = cursor {
            let branch = &self.branches[id.0 as usize];
            if arms.iter().any(|&(fork, arm)| fork == branch.fork && arm != branch.arm) {
                return true;
            }
            cursor = branch.parent;
        }
        false
    }
}

impl ScopeId {
    pub const fn first() -> ScopeId {
        ScopeId(0)
    }
}
