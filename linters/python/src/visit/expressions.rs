//! Expressions: reads, comprehension and lambda scopes, annotation strings.

use super::{Body, Checker};
use crate::codes::Code;
use crate::rules;
use crate::semantic::builtins;
use crate::semantic::model::{BindingKind, ScopeKind};
use crate::syntax::ast::{self, Expr, ExprContext};
use crate::syntax::{Ranged, Visitor, visitor};

impl<'a> Checker<'a> {
    pub(super) fn visit_expression(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Call(call) => rules::format_call::check(&mut self.report, call),
            Expr::BinOp(binop) => {
                rules::percent_format::check(&mut self.report, binop);
                self.print_shift(binop);
            }
            _ => {}
        }
        match expr {
            Expr::Name(name) => match name.ctx {
                ExprContext::Load => self.read(name.id.as_str(), name.range),
                ExprContext::Store => {
                    self.store(name.id.as_str(), name.range, BindingKind::Assignment);
                }
                ExprContext::Del => self.visit_delete(expr),
                ExprContext::Invalid => {}
            },
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                self.visit_target(&named.target, BindingKind::NamedExpr, false);
            }
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    for parameter in parameters.iter_non_variadic_params() {
                        if let Some(default) = &parameter.default {
                            self.visit_expr(default);
                        }
                    }
                }
                if let Some(parameters) = &lambda.parameters {
                    rules::names::duplicate_parameters(&mut self.report, parameters, lambda.range);
                }
                let deferred = self.defer(Body::Lambda(lambda));
                self.bodies.push(deferred);
            }
            Expr::ListComp(comp) => self.visit_comprehension(&comp.generators, &[&comp.elt]),
            Expr::SetComp(comp) => self.visit_comprehension(&comp.generators, &[&comp.elt]),
            Expr::Generator(comp) => self.visit_comprehension(&comp.generators, &[&comp.elt]),
            Expr::DictComp(comp) => match &comp.key {
                Some(key) => self.visit_comprehension(&comp.generators, &[key, &comp.value]),
                None => self.visit_comprehension(&comp.generators, &[&comp.value]),
            },
            Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => {
                if !self.in_function_body() {
                    let what = match expr {
                        Expr::Yield(_) => "yield",
                        Expr::YieldFrom(_) => "yield from",
                        _ => "await",
                    };
                    self.report.push(
                        Code::F704,
                        format!("`{what}` statement outside of a function"),
                        expr.range(),
                    );
                }
                visitor::walk_expr(self, expr);
            }
            Expr::Compare(compare) => {
                let (model, scope, minor) = (&self.model, self.scope, self.info.minor);
                rules::comparisons::check(&mut self.report, compare, |name| {
                    model.lookup(scope, name).is_none() && builtins::is_builtin(name, minor)
                });
                visitor::walk_expr(self, expr);
            }
            Expr::UnaryOp(unary) => {
                rules::comparisons::negated(&mut self.report, unary);
                visitor::walk_expr(self, expr);
            }
            Expr::FString(fstring) => {
                // The fields of an f-string's format spec parse as f-strings
                // of their own; pyflakes does not look at nested ones.
                if !self.in_fstring {
                    rules::literals::fstring_without_placeholders(&mut self.report, fstring);
                }
                let outer = std::mem::replace(&mut self.in_fstring, true);
                visitor::walk_expr(self, expr);
                self.in_fstring = outer;
            }
            Expr::TString(tstring) => {
                rules::literals::tstring_without_placeholders(&mut self.report, tstring);
                let outer = std::mem::replace(&mut self.in_fstring, true);
                visitor::walk_expr(self, expr);
                self.in_fstring = outer;
            }
            Expr::If(if_expr) => {
                rules::literals::if_tuple(&mut self.report, &if_expr.test, if_expr.range);
                visitor::walk_expr(self, expr);
            }
            Expr::Dict(dict) => {
                rules::dict_keys::repeated_keys(&mut self.report, dict, self.text);
                visitor::walk_expr(self, expr);
            }
            Expr::Call(call) if self.in_annotation => {
                // `ForwardRef("x")` in a type: its arguments are values.
                self.visit_expr(&call.func);
                self.in_annotation = false;
                visitor::walk_arguments(self, &call.arguments);
                self.in_annotation = true;
            }
            Expr::Call(call) => {
                if matches!(&*call.func, Expr::Name(name) if name.id.as_str() == "locals") {
                    self.model.scope_mut(self.scope).uses_locals = true;
                }
                match self.typing_member(&call.func) {
                    Some(
                        member @ ("cast" | "assert_type" | "TypeVar" | "ParamSpec" | "TypeVarTuple"
                        | "NewType" | "TypedDict" | "NamedTuple"),
                    ) => {
                        self.visit_typing_call(member, call);
                    }
                    _ => visitor::walk_expr(self, expr),
                }
            }
            Expr::Subscript(subscript)
                if !self.in_annotation
                    && self.typing_member(&subscript.value).is_some_and(|m| m != "Literal") =>
            {
                // `Union[X, "Y"]` outside an annotation is still a type.
                self.visit_annotation_now(expr);
            }
            Expr::StringLiteral(string) if self.in_annotation => {
                let deferred = self.defer(string);
                self.string_annotations.push(deferred);
            }
            Expr::Subscript(subscript) if self.in_annotation => {
                self.visit_expr(&subscript.value);
                if is_literal_type(&subscript.value) {
                    // `Literal["a"]`: the strings are values, not types.
                    let outer = std::mem::replace(&mut self.in_annotation, false);
                    self.visit_expr(&subscript.slice);
                    self.in_annotation = outer;
                } else if is_annotated_type(&subscript.value)
                    && let Expr::Tuple(tuple) = &*subscript.slice
                    && let [first, metadata @ ..] = &tuple.elts[..]
                {
                    self.visit_expr(first);
                    let outer = std::mem::replace(&mut self.in_annotation, false);
                    for item in metadata {
                        self.visit_expr(item);
                    }
                    self.in_annotation = outer;
                } else {
                    self.visit_expr(&subscript.slice);
                }
            }
            _ => visitor::walk_expr(self, expr),
        }
    }

    /// The first iterable is evaluated outside; the rest has its own scope.
    fn visit_comprehension(&mut self, generators: &'a [ast::Comprehension], elements: &[&'a Expr]) {
        let Some(first) = generators.first() else { return };
        self.visit_expr(&first.iter);
        let outer = self.scope;
        self.scope = self.model.push_scope(ScopeKind::Comprehension, Some(outer));
        for (i, generator) in generators.iter().enumerate() {
            if i > 0 {
                self.visit_expr(&generator.iter);
            }
            self.visit_target(&generator.target, BindingKind::Assignment, false);
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
        for element in elements {
            self.visit_expr(element);
        }
        self.scope = outer;
    }

    /// `cast("Foo", x)`, `assert_type(x, "Foo")`, `TypeVar("T", bound="Foo")`
    /// (and `default=`, also of `ParamSpec` and `TypeVarTuple`), `NewType("N",
    /// "Foo")`, `TypedDict("D", {"k": "Foo"})`, `NamedTuple("N", [("k",
    /// "Foo")])`: the arguments that are types, strings included, are read as
    /// types, as pyflakes reads them.
    fn visit_typing_call(&mut self, member: &str, call: &'a ast::ExprCall) {
        self.visit_expr(&call.func);
        let args = &call.arguments.args;
        for (i, arg) in args.iter().enumerate() {
            match (member, i, arg) {
                ("cast", 0, _) | ("assert_type" | "NewType", 1.., _) | ("TypeVar", 1.., _) => {
                    self.visit_annotation_now(arg);
                }
                ("TypedDict", 1, Expr::Dict(dict)) => {
                    for item in &dict.items {
                        if let Some(key) = &item.key {
                            self.visit_expr(key);
                        }
                        self.visit_annotation_now(&item.value);
                    }
                }
                ("NamedTuple", 1, Expr::List(ast::ExprList { elts, .. })) => {
                    for field in elts {
                        match field {
                            Expr::Tuple(pair) if pair.elts.len() == 2 => {
                                self.visit_expr(&pair.elts[0]);
                                self.visit_annotation_now(&pair.elts[1]);
                            }
                            other => self.visit_expr(other),
                        }
                    }
                }
                _ => self.visit_expr(arg),
            }
        }
        for keyword in &call.arguments.keywords {
            let arg = keyword.arg.as_ref().map(|a| a.as_str());
            let is_type = match member {
                "TypeVar" | "ParamSpec" | "TypeVarTuple" => {
                    matches!(arg, Some("bound" | "default"))
                }
                "cast" => arg == Some("typ"),
                "NewType" => arg == Some("tp"),
                "TypedDict" | "NamedTuple" => arg.is_some(),
                _ => false,
            };
            if is_type {
                self.visit_annotation_now(&keyword.value);
            } else {
                self.visit_expr(&keyword.value);
            }
        }
    }

    /// `X` when `expr` is `typing.X`, or a name imported from `typing` (or
    /// `typing_extensions`).
    fn typing_member(&self, expr: &'a Expr) -> Option<&'a str> {
        match expr {
            Expr::Attribute(attribute) => match &*attribute.value {
                Expr::Name(module)
                    if matches!(module.id.as_str(), "typing" | "typing_extensions") =>
                {
                    Some(attribute.attr.as_str())
                }
                _ => None,
            },
            Expr::Name(name) => {
                let binding = self.model.binding(self.model.lookup(self.scope, name.id.as_str())?);
                let qualified = binding.qualified.as_deref()?;
                let member = qualified
                    .strip_prefix("typing.")
                    .or_else(|| qualified.strip_prefix("typing_extensions."))?;
                (binding.kind == BindingKind::FromImport)
                    .then_some(name.id.as_str())
                    .filter(|_| !member.is_empty())
            }
            _ => None,
        }
    }

    /// F633: `print >> file, ...` (Python 2's syntax) with the builtin `print`.
    fn print_shift(&mut self, binop: &ast::ExprBinOp) {
        if binop.op != ast::Operator::RShift {
            return;
        }
        for side in [&*binop.left, &*binop.right] {
            if let Expr::Name(name) = side
                && name.id.as_str() == "print"
                && self.model.lookup(self.scope, "print").is_none()
            {
                self.report.push(Code::F633, "`>>` with the `print` function", name.range);
            }
        }
    }

    fn in_function_body(&self) -> bool {
        self.enclosing_kind().is_function_like()
    }
}

/// `Literal`, `typing.Literal`, `typing_extensions.Literal`.
pub(super) fn is_literal_type(expr: &Expr) -> bool {
    last_name(expr) == Some("Literal")
}

pub(super) fn is_annotated_type(expr: &Expr) -> bool {
    last_name(expr) == Some("Annotated")
}

fn last_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}
