//! E731 lambdas assigned to names, and what a name
//! says about itself.

use crate::codes::{Code, Report};
use crate::syntax::ast::Expr;
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
