//! F541, F542, F631, F634: literals that do not do what they seem to.

use crate::codes::{Code, Report};
use crate::syntax::TextRange;
use crate::syntax::ast::{self, Expr, FStringPart, InterpolatedStringElement};

/// F634: `if (a, b):` is always true.
/// `at`: where pyflakes reports it (a conditional expression's start).
pub fn if_tuple(report: &mut Report, test: &Expr, at: TextRange) {
    if matches!(test, Expr::Tuple(tuple) if !tuple.elts.is_empty()) {
        report.push(Code::F634, "`if` test is a tuple, which is always `True`", at);
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
