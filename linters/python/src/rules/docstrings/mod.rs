//! pydocstyle's checks as ruff implements them: D100–D107 (missing
//! docstrings on public definitions), and D200–D419 on the docstrings
//! themselves. Off by default; `[python] docstring-convention` turns on the
//! convention's set.

mod content;
mod definitions;
mod missing;

use crate::codes::{Code, Report};
use crate::syntax::ast::Stmt;
use crate::visit::FileInfo;

pub const CODES: &[Code] = &[
    Code::D100,
    Code::D101,
    Code::D102,
    Code::D103,
    Code::D104,
    Code::D105,
    Code::D106,
    Code::D107,
    Code::D200,
    Code::D201,
    Code::D202,
    Code::D205,
    Code::D209,
    Code::D210,
    Code::D300,
    Code::D400,
    Code::D403,
    Code::D419,
];

/// `module_name`: the file's stem; a module named `_x` is private.
pub fn check(body: &[Stmt], module_name: &str, info: FileInfo, text: &str, report: &mut Report) {
    if !report.any_enabled(CODES) {
        return;
    }
    for definition in definitions::collect(body, module_name, info.is_init) {
        // A stub documents nothing: its definitions mirror the real ones.
        if !info.is_stub {
            missing::check(&definition, report);
        }
        content::check(&definition, text, report);
    }
}

/// The codes a `docstring-convention` leaves out (ruff's sets, restricted to
/// the codes lintgate has): Google uses D415 instead of D400, NumPy
/// documents `__init__` in the class docstring.
pub fn convention_excludes(convention: &str) -> Option<&'static [&'static str]> {
    match convention {
        "pep257" => Some(&[]),
        "google" => Some(&["D400"]),
        "numpy" => Some(&["D107"]),
        _ => None,
    }
}
