//! F501-F509: `"..." % values` whose format string and values disagree,
//! judged as pyflakes judges them (a literal tuple or list on the right is a
//! sequence, a literal dict with string keys a mapping).

use crate::codes::{Code, Report};
use crate::syntax::ast::{self, Expr};
use crate::syntax::{Ranged, TextRange};

pub const CODES: &[Code] = &[
    Code::F501,
    Code::F502,
    Code::F503,
    Code::F504,
    Code::F505,
    Code::F506,
    Code::F507,
    Code::F508,
    Code::F509,
];

/// One `%` conversion: `%(key)-*.3d` is key `key`, width `*`, precision
/// `.3` and conversion `d`.
struct Placeholder {
    key: Option<String>,
    width: String,
    precision: String,
    conversion: char,
}

/// The conversions of a format string, or `None` when one is cut off by
/// the end of the string.
fn parse(format: &str) -> Option<Vec<Placeholder>> {
    let chars: Vec<char> = format.chars().collect();
    let mut placeholders = Vec::new();
    let mut i = 0;
    while let Some(offset) = chars[i..].iter().position(|&c| c == '%') {
        i += offset + 1;
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            // A key runs to the first `)`, and may not hold another `(`.
            let close = chars[i + 1..].iter().position(|&c| c == '(' || c == ')');
            if let Some(close) = close.filter(|&n| chars[i + 1 + n] == ')') {
                key = Some(chars[i + 1..i + 1 + close].iter().collect());
                i += close + 2;
            }
        }
        let take = |i: &mut usize, accept: &dyn Fn(char) -> bool| {
            let start = *i;
            while chars.get(*i).is_some_and(|&c| accept(c)) {
                *i += 1;
            }
            chars[start..*i].iter().collect::<String>()
        };
        take(&mut i, &|c| "#0+ -".contains(c));
        let width = if chars.get(i) == Some(&'*') {
            i += 1;
            "*".to_string()
        } else {
            take(&mut i, &is_decimal)
        };
        let mut precision = String::new();
        if chars.get(i) == Some(&'.') {
            i += 1;
            precision.push('.');
            if chars.get(i) == Some(&'*') {
                i += 1;
                precision.push('*');
            } else {
                precision += &take(&mut i, &is_decimal);
            }
        }
        if chars.get(i).is_some_and(|c| "hlL".contains(*c)) {
            i += 1;
        }
        let conversion = *chars.get(i)?;
        i += 1;
        placeholders.push(Placeholder { key, width, precision, conversion });
    }
    Some(placeholders)
}

/// A width or precision digit. (Python's `\d` also takes other scripts'
/// decimal digits, which no real format string uses.)
fn is_decimal(c: char) -> bool {
    c.is_ascii_digit()
}

/// Checks `left % right` when `left` is a string literal.
pub fn check(report: &mut Report, binop: &ast::ExprBinOp) {
    if binop.op != ast::Operator::Mod || !report.any_enabled(CODES) {
        return;
    }
    let Expr::StringLiteral(string) = &*binop.left else { return };
    let range = binop.range();
    let Some(placeholders) = parse(string.value.to_str()) else {
        report.push(Code::F501, "`%` format string is invalid: incomplete format", range);
        return;
    };
    let mut named = Vec::<String>::new();
    let mut positional_count = 0;
    let mut positional: Option<bool> = None;
    for placeholder in &placeholders {
        if placeholder.conversion == '%' {
            continue;
        }
        if !"diouxXeEfFgGcrsa".contains(placeholder.conversion) {
            report.push(
                Code::F509,
                format!("`%` format has unsupported format character `{}`", placeholder.conversion),
                range,
            );
        }
        let is_positional = *positional.get_or_insert(placeholder.key.is_none());
        for part in [&placeholder.width, &placeholder.precision] {
            if part.contains('*') {
                if is_positional {
                    positional_count += 1;
                } else {
                    report.push(
                        Code::F508,
                        "`%` format's `*` specifier requires a sequence",
                        range,
                    );
                }
            }
        }
        if is_positional == placeholder.key.is_some() {
            report.push(Code::F506, "`%` format mixes positional and named placeholders", range);
            return;
        }
        match &placeholder.key {
            Some(key) => named.push(key.clone()),
            None => positional_count += 1,
        }
    }
    let positional = positional == Some(true);
    match &*binop.right {
        Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. })
            if !elts.iter().any(Expr::is_starred_expr) =>
        {
            if positional && positional_count != elts.len() {
                report.push(
                    Code::F507,
                    format!(
                        "`%` format has {positional_count} placeholder(s) but {} substitution(s)",
                        elts.len()
                    ),
                    range,
                );
            } else if !positional {
                report.push(Code::F502, "`%` format expected a mapping but got a sequence", range);
            }
        }
        Expr::Dict(dict) => mapping(report, dict, positional, positional_count, &named, range),
        _ => {}
    }
}

/// The right side is a dict literal: its keys must be the named placeholders.
fn mapping(
    report: &mut Report,
    dict: &ast::ExprDict,
    positional: bool,
    positional_count: usize,
    named: &[String],
    range: TextRange,
) {
    let mut keys = Vec::new();
    for item in &dict.items {
        match &item.key {
            Some(Expr::StringLiteral(key)) => keys.push(key.value.to_str().to_string()),
            // `**other` or a key that is not a string literal: unknown keys.
            _ => return,
        }
    }
    if positional && positional_count > 1 {
        report.push(Code::F503, "`%` format expected a sequence but got a mapping", range);
        return;
    }
    if positional {
        return;
    }
    let sorted = |mut names: Vec<&str>| {
        names.sort_unstable();
        names.dedup();
        names.join(", ")
    };
    let extra: Vec<&str> =
        keys.iter().map(String::as_str).filter(|k| !named.iter().any(|n| n == k)).collect();
    if !extra.is_empty() {
        report.push(
            Code::F504,
            format!("`%` format has unused named argument(s): {}", sorted(extra)),
            range,
        );
    }
    let missing: Vec<&str> =
        named.iter().map(String::as_str).filter(|n| !keys.iter().any(|k| k == n)).collect();
    if !missing.is_empty() {
        report.push(
            Code::F505,
            format!("`%` format is missing argument(s) for placeholder(s): {}", sorted(missing)),
            range,
        );
    }
}
