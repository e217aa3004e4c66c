//! E731 lambdas assigned to names, F831 repeated parameters, F621/F622
//! starred targets, and what a name says about itself.

use crate::codes::{Code, Report};
use crate::syntax::ast::{self, Expr};
use crate::syntax::{Ranged, TextRange};

/// `__name__`-style: two underscores on each side of something.
pub fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// E731: `f = lambda x: ...` (one plain name as the only target).
pub fn lambda_assignment(report: &mut Report, targets: &[Expr], value: &Expr) {
    if let ([target @ Expr::Name(_)], Expr::Lambda(_)) = (targets, value) {
        report.push(
            Code::E731,
            "do not assign a `lambda` expression, use a `def`",
            TextRange::new(target.start(), value.end()),
        );
    }
}

/// F831: a parameter name used twice; reported at the definition (`at`)
/// once for each repetition, as pyflakes does.
pub fn duplicate_parameters(report: &mut Report, parameters: &ast::Parameters, at: TextRange) {
    // pyflakes' order: positional-only, positional, keyword-only, `*args`, `**kwargs`.
    let named = parameters
        .posonlyargs
        .iter()
        .chain(&parameters.args)
        .chain(&parameters.kwonlyargs)
        .map(|p| p.parameter.name.as_str());
    let variadic = parameters.vararg.iter().chain(&parameters.kwarg).map(|p| p.name.as_str());
    let names: Vec<&str> = named.chain(variadic).collect();
    for (i, name) in names.iter().enumerate() {
        if names[..i].contains(name) {
            report.push(
                Code::F831,
                format!("duplicate argument `{name}` in function definition"),
                at,
            );
        }
    }
}

/// F622 two starred names in one target, F621 more than 255 targets
/// before the starred one (CPython's limit).
pub fn starred_targets(report: &mut Report, elements: &[Expr], target: TextRange) {
    let mut starred = elements.iter().enumerate().filter(|(_, e)| e.is_starred_expr());
    let first = starred.next().map(|(i, _)| i);
    if starred.next().is_some() {
        report.push(Code::F622, "two starred expressions in assignment", target);
    }
    if first.is_some_and(|i| i >= 1 << 8) {
        report.push(Code::F621, "too many expressions in star-unpacking assignment", target);
    }
}
