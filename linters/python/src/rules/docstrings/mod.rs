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

/// `module_public`: see [`is_public_module`].
pub fn check(body: &[Stmt], module_public: bool, info: FileInfo, text: &str, report: &mut Report) {
    if !report.any_enabled(CODES) {
        return;
    }
    for definition in definitions::collect(body, module_public, info.is_init) {
        // A stub documents nothing: its definitions mirror the real ones.
        if !info.is_stub {
            missing::check(&definition, report);
        }
        content::check(&definition, text, report);
    }
}

/// A module is private when its name, or the name of a package it is in
/// (directories with `__init__.py` above it), starts with `_` (dunder names
/// such as `__main__` are public).
pub fn is_public_module(path: &std::path::Path) -> bool {
    let private = |name: &str| name.starts_with('_') && !super::names::is_dunder(name);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if private(stem) {
        return false;
    }
    let packages = path
        .ancestors()
        .skip(1)
        .take_while(|dir| dir.join("__init__.py").exists() || dir.join("__init__.pyi").exists());
    !packages.filter_map(|dir| dir.file_name().and_then(|n| n.to_str())).any(private)
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
