//! E711, E712, E713, E714, E721, F632: comparisons written the wrong way.

use crate::codes::{Code, Report};
use crate::syntax::ast::{self, CmpOp, Expr, UnaryOp};
use crate::syntax::{Ranged, TextRange};

/// `is_builtin(name)`: the name is read from builtins here (not shadowed).
pub fn check(report: &mut Report, compare: &ast::ExprCompare, is_builtin: impl Fn(&str) -> bool) {
    let is_type = |expr: &Expr| is_type(expr, &is_builtin);
    let mut left = &*compare.left;
    for (op, right) in compare.ops.iter().zip(&compare.comparators) {
        match op {
            CmpOp::Eq | CmpOp::NotEq => {
                let negated = *op == CmpOp::NotEq;
                for side in [left, right] {
                    singleton_comparison(report, side, negated);
                }
                if (is_type(left) || is_type(right)) && !is_dtype(left) && !is_dtype(right) {
                    report.push(
                        Code::E721,
                        "use `is` and `is not` for type comparisons, or `isinstance()` for isinstance checks",
                        TextRange::new(left.start(), right.end()),
                    );
                }
            }
            CmpOp::Is | CmpOp::IsNot
                if (is_constant_non_singleton(left) || is_constant_non_singleton(right)) =>
            {
                report.push(
                    Code::F632,
                    format!(
                        "use `{}` to compare constant literals",
                        if *op == CmpOp::Is { "==" } else { "!=" }
                    ),
                    TextRange::new(left.start(), right.end()),
                );
            }
            _ => {}
        }
        left = right;
    }
}

fn singleton_comparison(report: &mut Report, side: &Expr, negated: bool) {
    match side {
        Expr::NoneLiteral(_) => report.push(
            Code::E711,
            format!(
                "comparison to `None` should be `cond is {}None`",
                if negated { "not " } else { "" }
            ),
            side.range(),
        ),
        Expr::BooleanLiteral(boolean) => {
            // `x == True` and `x != False` test `x`; the others test `not x`.
            let truthy = boolean.value != negated;
            report.push(
                Code::E712,
                format!(
                    "avoid {} comparisons to `{}`; use `{}cond:` for truth checks",
                    if negated { "inequality" } else { "equality" },
                    if boolean.value { "True" } else { "False" },
                    if truthy { "" } else { "not " }
                ),
                side.range(),
            );
        }
        _ => {}
    }
}

/// E713 `not x in y`, E714 `not x is y`.
pub fn negated(report: &mut Report, unary: &ast::ExprUnaryOp) {
    if unary.op != UnaryOp::Not {
        return;
    }
    let Expr::Compare(compare) = &*unary.operand else { return };
    match &compare.ops[..] {
        [CmpOp::In] => {
            report.push(Code::E713, "test for membership should be `not in`", compare.range)
        }
        [CmpOp::Is] => {
            report.push(Code::E714, "test for object identity should be `is not`", compare.range);
        }
        _ => {}
    }
}

/// `type(x)` or a builtin class (`int`, `ValueError`): comparing types
/// with `==` ignores subclasses.
fn is_type(expr: &Expr, is_builtin: impl Fn(&str) -> bool) -> bool {
    match expr {
        Expr::Call(call) => {
            matches!(&*call.func, Expr::Name(name) if name.id.as_str() == "type" && is_builtin("type"))
        }
        Expr::Name(name) => is_builtin_class(name.id.as_str()) && is_builtin(name.id.as_str()),
        _ => false,
    }
}

fn is_builtin_class(name: &str) -> bool {
    let exception = name.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && !matches!(name, "True" | "False" | "None" | "Ellipsis" | "NotImplemented");
    exception
        || matches!(
            name,
            "bool"
                | "bytearray"
                | "bytes"
                | "classmethod"
                | "complex"
                | "dict"
                | "enumerate"
                | "filter"
                | "float"
                | "frozenset"
                | "int"
                | "list"
                | "map"
                | "memoryview"
                | "object"
                | "property"
                | "range"
                | "reversed"
                | "set"
                | "slice"
                | "staticmethod"
                | "str"
                | "super"
                | "tuple"
                | "type"
                | "zip"
        )
}

/// numpy's `x.dtype == float` is how dtypes are compared.
fn is_dtype(expr: &Expr) -> bool {
    match expr {
        Expr::Attribute(attribute) => attribute.attr.as_str() == "dtype",
        Expr::Call(call) => {
            matches!(&*call.func, Expr::Attribute(a) if a.attr.as_str() == "dtype")
                || matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "dtype")
        }
        _ => false,
    }
}

/// A literal whose identity is an implementation detail: strings, bytes,
/// numbers, and tuples of them (not `None`, `True`, `False`, `...`).
fn is_constant_non_singleton(expr: &Expr) -> bool {
    match expr {
        // pyflakes looks at constants only: `x is []` is not reported.
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => true,
        Expr::Tuple(tuple) => tuple.elts.iter().all(is_constant),
        _ => false,
    }
}

fn is_constant(expr: &Expr) -> bool {
    match expr {
        Expr::Tuple(tuple) => tuple.elts.iter().all(is_constant),
        _ => expr.is_literal_expr(),
    }
}
