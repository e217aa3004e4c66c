//! F601/F602: a dict display that repeats a key with different values, as
//! pyflakes decides it. Keys and values are compared as the constants they
//! spell (`1`, `1.0` and `True` are one key) or as names; anything else
//! (`-1`, `f(x)`, an f-string) equals nothing. When one value of a repeated
//! key differs from all the others, every occurrence of the key is reported.

use rustc_hash::FxHashMap;

use crate::codes::{Code, Report};
use crate::syntax::ast::{self, Expr};
use crate::syntax::{Ranged, to_range};

/// A constant, a tuple of them, or a name, compared as Python compares them.
#[derive(PartialEq, Eq, Hash)]
enum Value<'a> {
    Int(i64),
    BigInt(String),
    Float(u64),
    Complex(u64, u64),
    Str(&'a str),
    Bytes(Vec<u8>),
    None,
    Ellipsis,
    Tuple(Vec<Value<'a>>),
    Name(&'a str),
}

/// `None` for what pyflakes cannot compare (it equals nothing).
fn value(expr: &Expr) -> Option<Value<'_>> {
    Some(match expr {
        Expr::StringLiteral(string) => Value::Str(string.value.to_str()),
        Expr::BytesLiteral(bytes) => Value::Bytes(bytes.value.bytes().collect()),
        Expr::NumberLiteral(number) => match &number.value {
            ast::Number::Int(int) => {
                int.as_i64().map_or_else(|| Value::BigInt(int.to_string()), Value::Int)
            }
            ast::Number::Float(float) => float_value(*float),
            ast::Number::Complex { real, imag } if *imag == 0.0 => float_value(*real),
            ast::Number::Complex { real, imag } => Value::Complex(real.to_bits(), imag.to_bits()),
        },
        Expr::BooleanLiteral(boolean) => Value::Int(i64::from(boolean.value)),
        Expr::NoneLiteral(_) => Value::None,
        Expr::EllipsisLiteral(_) => Value::Ellipsis,
        Expr::Tuple(tuple) => Value::Tuple(tuple.elts.iter().map(value).collect::<Option<_>>()?),
        Expr::Name(name) => Value::Name(name.id.as_str()),
        _ => return None,
    })
}

/// A whole float equals the integer (`1.0 == 1`, `-0.0 == 0`).
fn float_value(float: f64) -> Value<'static> {
    if float.fract() == 0.0 && float.abs() < 9.0e15 {
        Value::Int(float as i64)
    } else {
        Value::Float(float.to_bits())
    }
}

pub fn repeated_keys(report: &mut Report, dict: &ast::ExprDict, text: &str) {
    if !report.any_enabled(&[Code::F601, Code::F602]) || dict.items.len() < 2 {
        return;
    }
    // Each key's occurrences, in the order keys first appear.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: FxHashMap<Value, usize> = FxHashMap::default();
    for (index, item) in dict.items.iter().enumerate() {
        let Some(key) = item.key.as_ref().and_then(value) else { continue };
        let group = *group_of.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(index);
    }
    for indices in groups.iter().filter(|indices| indices.len() > 1) {
        let mut counts: FxHashMap<Value, usize> = FxHashMap::default();
        let mut incomparable = false;
        for &index in indices {
            match value(&dict.items[index].value) {
                Some(value) => *counts.entry(value).or_default() += 1,
                None => incomparable = true,
            }
        }
        if !incomparable && counts.values().all(|&count| count > 1) {
            continue;
        }
        for &index in indices {
            let Some(key) = &dict.items[index].key else { continue };
            let code = if key.is_name_expr() { Code::F602 } else { Code::F601 };
            report.push(
                code,
                format!(
                    "dictionary key `{}` repeated with different values",
                    &text[to_range(key.range())]
                ),
                key.range(),
            );
        }
    }
}
