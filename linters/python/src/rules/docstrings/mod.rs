//! pydocstyle's checks with its codes and its semantics (pydocstyle 6.3 is
//! the reference; `cargo xtask compat python --against pydocstyle` measures
//! the agreement): D100–D107 (missing docstrings on public definitions),
//! D200–D215 (white space), D300–D301 (quotes), D400–D419 (content and
//! sections). Off by default; `[python] docstring-convention` turns on a
//! convention's set, exactly as pydocstyle defines it.
//!
//! pydocstyle's `# noqa` placement works too: a `# noqa` or
//! `# noqa: D401,D402` comment after a definition's colon (or on a line of
//! its own before its docstring) turns those codes off for that definition,
//! and one at the top of the file for the module.

mod content;
mod definitions;
mod docstring;
mod missing;
mod mood;
mod sections;
mod stem;
mod whitespace;

use std::ops::Range;

use crate::codes::{Code, Report};
use crate::syntax::Ranged;
use crate::syntax::ast::Stmt;
use crate::visit::FileInfo;

use definitions::Definition;
use docstring::{Docstring, is_blank};

#[rustfmt::skip]
pub const CODES: &[Code] = &[
    Code::D100, Code::D101, Code::D102, Code::D103, Code::D104, Code::D105, Code::D106,
    Code::D107, Code::D200, Code::D201, Code::D202, Code::D203, Code::D204, Code::D205,
    Code::D206, Code::D207, Code::D208, Code::D209, Code::D210, Code::D211, Code::D212,
    Code::D213, Code::D214, Code::D215, Code::D300, Code::D301, Code::D400, Code::D401,
    Code::D402, Code::D403, Code::D404, Code::D405, Code::D406, Code::D407, Code::D408,
    Code::D409, Code::D410, Code::D411, Code::D412, Code::D413, Code::D414, Code::D415,
    Code::D416, Code::D417, Code::D418, Code::D419,
];

/// What the configuration adds to pydocstyle's defaults.
pub struct Options {
    /// Decorators that make a function a property (no D401).
    pub property_decorators: Vec<String>,
    /// pydocstyle's `ignore-decorators`: a definition with a decorator this
    /// pattern occurs in is not checked at all.
    pub ignore_decorators: Option<std::sync::Arc<crate::inherited::pydocstyle::Pattern>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            property_decorators: ["property", "cached_property", "functools.cached_property"]
                .map(String::from)
                .to_vec(),
            ignore_decorators: None,
        }
    }
}

/// `module_public`: see [`is_public_module`]; `comments`: the file's
/// comment ranges, in order.
pub fn check(
    body: &[Stmt],
    module_public: bool,
    info: FileInfo,
    text: &str,
    comments: &[Range<usize>],
    options: &Options,
    report: &mut Report,
) {
    if !report.any_enabled(CODES) {
        return;
    }
    let content_options = content::Options { property_decorators: &options.property_decorators };
    for definition in definitions::collect(body, text, module_public, info.is_init) {
        let skip = skipped_codes(&definition, text, comments);
        let ignored = options.ignore_decorators.as_ref().is_some_and(|pattern| {
            definition.decorators.iter().any(|name| pattern.occurs_in(name))
        });
        if matches!(skip, Skip::All) || ignored {
            continue;
        }
        let mark = report.findings.len();
        check_definition(&definition, info, text, &content_options, report);
        if let Skip::Codes(codes) = skip {
            let mut i = mark;
            while i < report.findings.len() {
                if codes.contains(report.findings[i].code.as_str()) {
                    report.findings.remove(i);
                } else {
                    i += 1;
                }
            }
        }
    }
}

fn check_definition(
    definition: &Definition,
    info: FileInfo,
    text: &str,
    options: &content::Options,
    report: &mut Report,
) {
    let Some(literal) = definition.docstring else {
        // A stub documents nothing: its definitions mirror the real ones.
        if !info.is_stub {
            missing::check(definition, report);
        }
        return;
    };
    let doc = Docstring::new(definition, literal, text);
    if is_blank(&doc.value) {
        report.push(Code::D419, "docstring is empty", doc.range);
        return;
    }
    whitespace::check(definition, &doc, report);
    content::check(definition, &doc, options, report);
    sections::check(definition, &doc, report);
}

enum Skip {
    None,
    All,
    /// The text after `noqa: `; a code is skipped when it occurs in it.
    Codes(String),
}

/// pydocstyle's `# noqa` for a definition: the first comment with `noqa`
/// between the definition's colon and its first statement (for the
/// module: before its first statement).
fn skipped_codes(definition: &Definition, text: &str, comments: &[Range<usize>]) -> Skip {
    let first = definition.body.first().map_or(text.len(), |s| s.range().start().to_usize());
    let from = match definition.stmt {
        None => 0,
        Some(stmt) => {
            let header_end = header_end(stmt);
            // `def f(): ...  # noqa` on one line is not read.
            if !text[header_end..first].contains(['\n', '\r']) {
                return Skip::None;
            }
            header_end
        }
    };
    let start = comments.partition_point(|c| c.start < from);
    for comment in comments[start..].iter().take_while(|c| c.start < first) {
        let body = &text[comment.clone()];
        if body.contains("noqa: ") {
            return Skip::Codes(body.split("noqa: ").skip(1).collect());
        }
        if body.starts_with("# noqa") {
            return Skip::All;
        }
    }
    Skip::None
}

/// Where a `def` or `class` header ends, before its colon.
fn header_end(stmt: &Stmt) -> usize {
    let end = match stmt {
        Stmt::FunctionDef(function) => {
            function.returns.as_ref().map_or(function.parameters.range().end(), |r| r.range().end())
        }
        Stmt::ClassDef(class) => class.arguments.as_ref().map_or_else(
            || class.type_params.as_ref().map_or(class.name.range.end(), |t| t.range().end()),
            |a| a.range().end(),
        ),
        _ => stmt.range().start(),
    };
    end.to_usize()
}

/// A module is private, as pydocstyle decides it, when its name or the
/// name of a directory on its path (`path` is relative to where the
/// checker runs) starts with `_`; dunder names such as `__main__` are
/// public.
pub fn is_public_module(path: &str) -> bool {
    let private =
        |name: &str| name.starts_with('_') && !(name.starts_with("__") && name.ends_with("__"));
    let path = std::path::Path::new(path);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if private(stem) {
        return false;
    }
    !path
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .filter_map(|c| c.as_os_str().to_str())
        .any(private)
}

/// The codes a `docstring-convention` leaves out: pydocstyle's sets.
pub fn convention_excludes(convention: &str) -> Option<&'static [&'static str]> {
    match convention {
        "pep257" => Some(&[
            "D203", "D212", "D213", "D214", "D215", "D404", "D405", "D406", "D407", "D408", "D409",
            "D410", "D411", "D413", "D415", "D416", "D417", "D418",
        ]),
        "numpy" => Some(&["D107", "D203", "D212", "D213", "D402", "D413", "D415", "D416", "D417"]),
        "google" => Some(&[
            "D203", "D204", "D213", "D215", "D400", "D401", "D404", "D406", "D407", "D408", "D409",
            "D413",
        ]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_privacy_follows_the_path() {
        assert!(is_public_module("pkg/mod.py"));
        assert!(is_public_module("pkg/__main__.py"));
        assert!(!is_public_module("pkg/_mod.py"));
        assert!(!is_public_module("_pkg/mod.py"));
        assert!(is_public_module("__pkg__/mod.py"));
    }

    #[test]
    fn conventions_leave_out_pydocstyles_codes() {
        let on = |name: &str| -> Vec<&str> {
            let excluded = convention_excludes(name).unwrap();
            CODES.iter().map(|c| c.as_str()).filter(|c| !excluded.contains(c)).collect()
        };
        // The mutually exclusive pairs: pep257 and numpy use D211 and
        // neither D212 nor D213; google uses D211 and D212.
        for name in ["pep257", "numpy", "google"] {
            assert!(on(name).contains(&"D211") && !on(name).contains(&"D203"), "{name}");
            assert!(!on(name).contains(&"D213"), "{name}");
        }
        assert!(on("google").contains(&"D212"));
        assert!(!on("pep257").contains(&"D212") && !on("numpy").contains(&"D212"));
        assert_eq!(on("pep257").len(), 28);
        assert_eq!(on("numpy").len(), 37);
        assert_eq!(on("google").len(), 34);
        assert!(convention_excludes("pep8").is_none());
    }
}
