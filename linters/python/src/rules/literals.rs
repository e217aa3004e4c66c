//! F541, F542, F601, F602, F631, F634: literals that do not do what they seem to.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::codes::{Code, Report};
use crate::syntax::ast::{self, Expr, FStringPart, InterpolatedStringElement};
use crate::syntax::{ComparableExpr, Ranged, TextRange, to_range};

/// F634: `if (a, b):` is always true.
pub fn if_tuple(report: &mut Report, test: &Expr) {
    if matches!(test, Expr::Tuple(tuple) if !tuple.elts.is_empty()) {
        report.push(Code::F634, "`if` test is a tuple, which is always `True`", test.range());
    }
}

/// F631: `assert (x, "message")` is always true.
pub fn assert_tuple(report: &mut Report, test: &Expr, statement: TextRange) {
    if matches!(test, Expr::Tuple(tuple) if !tuple.elts.is_empty()) {
        report.push(
            Code::F631,
            "`assert` test is a non-empty tuple, which is always `True`",
            statement,
        );
    }
}

/// F541: an f-string (with all the parts implicitly concatenated to it)
/// without a `{}` field; pyflakes reports it once, where it starts.
pub fn fstring_without_placeholders(report: &mut Report, fstring: &ast::ExprFString) {
    let has_placeholder = fstring.value.iter().any(|part| match part {
        FStringPart::FString(f) => {
            f.elements.iter().any(|e| matches!(e, InterpolatedStringElement::Interpolation(_)))
        }
        FStringPart::Literal(_) => false,
    });
    if !has_placeholder {
        report.push(Code::F541, "f-string without any placeholders", fstring.range);
    }
}

/// F542: the same for a t-string.
pub fn tstring_without_placeholders(report: &mut Report, tstring: &ast::ExprTString) {
    let has_placeholder =
        tstring.value.elements().any(|e| matches!(e, InterpolatedStringElement::Interpolation(_)));
    if !has_placeholder {
        report.push(Code::F542, "t-string without any placeholders", tstring.range);
    }
}

/// A key whose value the source spells out: a literal, `-1`, an f-string,
/// or a tuple of such.
fn is_static(expr: &Expr) -> bool {
    match expr {
        Expr::FString(_) => true,
        Expr::UnaryOp(unary) => is_static(&unary.operand),
        Expr::Tuple(tuple) => tuple.elts.iter().all(is_static),
        _ => expr.is_literal_expr(),
    }
}

/// A dict key as Python hashes it: `1`, `1.0` and `True` are one key.
#[derive(PartialEq, Eq, Hash)]
enum Key<'a> {
    Integer(i64),
    Float(u64),
    Other(ComparableExpr<'a>),
}

impl<'a> Key<'a> {
    fn of(expr: &'a Expr) -> Key<'a> {
        match expr {
            Expr::BooleanLiteral(boolean) => Key::Integer(i64::from(boolean.value)),
            Expr::NumberLiteral(ast::ExprNumberLiteral {
                value: ast::Number::Int(int), ..
            }) => int.as_i64().map_or_else(|| Key::Other(ComparableExpr::from(expr)), Key::Integer),
            Expr::NumberLiteral(ast::ExprNumberLiteral {
                value: ast::Number::Float(f), ..
            }) => {
                if f.fract() == 0.0 && f.abs() < 9.0e15 {
                    Key::Integer(*f as i64)
                } else {
                    Key::Float(f.to_bits())
                }
            }
            _ => Key::Other(ComparableExpr::from(expr)),
        }
    }
}

/// F601/F602: a dict literal that repeats a key; the later value wins.
pub fn repeated_keys(report: &mut Report, dict: &ast::ExprDict, text: &str) {
    if !report.any_enabled(&[Code::F601, Code::F602]) || dict.items.len() < 2 {
        return;
    }
    let mut seen: FxHashMap<Key, FxHashSet<ComparableExpr>> = FxHashMap::default();
    for item in &dict.items {
        let Some(key) = &item.key else { continue };
        let code = match key {
            Expr::Name(_) => Code::F602,
            _ if is_static(key) => Code::F601,
            _ => continue,
        };
        let values = seen.entry(Key::of(key)).or_default();
        let first = values.is_empty();
        values.insert(ComparableExpr::from(&item.value));
        if !first {
            report.push(
                code,
                format!("dictionary key `{}` repeated", &text[to_range(key.range())]),
                key.range(),
            );
        }
    }
}
