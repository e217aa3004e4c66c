//! E741 ambiguous names, E731 lambdas assigned to names, and what a name
//! says about itself.

use crate::codes::{Code, Report};
use crate::syntax::ast::Expr;
use crate::syntax::{Ranged, TextRange};

/// `__name__`-style: two underscores on each side of something.
pub fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// E741: `l`, `O` and `I` look like `1` and `0` in many fonts.
pub fn ambiguous_name(report: &mut Report, name: &str, range: TextRange) {
    if matches!(name, "l" | "O" | "I") {
        report.push(Code::E741, format!("ambiguous variable name: `{name}`"), range);
    }
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
