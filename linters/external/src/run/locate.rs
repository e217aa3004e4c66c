//! Placing a tool's findings in the repository: the path as a
//! repository-relative POSIX path, positions made 1-based, the code
//! namespaced by the checker (`pylint:C0114`), the severity mapped.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use lintgate_engine::checker::LocatedFinding;
use lintgate_engine::source::Position;

use super::argv::FileArg;
use crate::declaration::Declaration;
use crate::parsers::ToolFinding;

/// Where findings about no particular file go (`run = "once"` tools).
pub const REPOSITORY: &str = ".";

pub struct Locator<'a> {
    checker: &'a str,
    declaration: &'a Declaration,
    /// The root as given and as the file system resolves it (tools that
    /// print real paths see through a symlinked checkout).
    roots: [PathBuf; 2],
    cwd: &'a Path,
    /// Argv items as printed (lossily) -> repository paths: most tools echo
    /// the names they were given.
    by_arg: HashMap<String, &'a str>,
    /// The file of a one-file process, for findings that name none.
    only_file: Option<&'a str>,
}

impl<'a> Locator<'a> {
    pub fn new(
        checker: &'a str,
        declaration: &'a Declaration,
        root: &'a Path,
        cwd: &'a Path,
        files: &[&'a FileArg],
    ) -> Self {
        let by_arg = files
            .iter()
            .map(|f| (f.arg.to_string_lossy().into_owned(), f.display.as_str()))
            .collect();
        let only_file = match files {
            [file] => Some(file.display.as_str()),
            _ => None,
        };
        let roots = [root.to_path_buf(), root.canonicalize().unwrap_or(root.to_path_buf())];
        Locator { checker, declaration, roots, cwd, by_arg, only_file }
    }

    pub fn locate(&self, finding: ToolFinding) -> LocatedFinding {
        let code =
            if finding.code.is_empty() { &self.declaration.default_code } else { &finding.code };
        let severity = self.declaration.severity.of(code, finding.severity.as_deref());
        let (start, end) = positions(&finding);
        LocatedFinding {
            path: self.path(&finding.path),
            start,
            end,
            code: format!("{}:{code}", self.checker),
            severity,
            message: finding.message,
        }
    }

    fn path(&self, printed: &str) -> String {
        if printed.is_empty() {
            return self.only_file.unwrap_or(REPOSITORY).to_string();
        }
        if let Some(display) = self.by_arg.get(printed) {
            return display.to_string();
        }
        let absolute = normalize(&self.cwd.join(printed));
        match self.roots.iter().find_map(|root| absolute.strip_prefix(root).ok()) {
            Some(relative) if relative.as_os_str().is_empty() => REPOSITORY.to_string(),
            Some(relative) => posix(relative),
            // Outside the repository (a tool that follows imports into a
            // library): kept as printed, so the report still says where.
            None => printed.to_string(),
        }
    }
}

/// `.` and `..` resolved without touching the file system (a symlink is
/// taken at its word, as the tool printed it).
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn posix(path: &Path) -> String {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

/// 1-based positions; a line of 0 (the whole file) is its first line, a
/// column of 0 (the whole line) its first column. The end is never before
/// the start.
fn positions(finding: &ToolFinding) -> (Position, Position) {
    let start = Position { line: finding.line.max(1), column: finding.column.max(1) };
    let end_line = finding.end_line.unwrap_or(start.line).max(start.line);
    let end_column = match finding.end_column {
        Some(column) => column.max(1),
        None => start.column,
    };
    let end = Position { line: end_line, column: end_column };
    (start, if end < start { start } else { end })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declaration::resolve;

    fn declaration() -> Declaration {
        let table: toml::Table = toml::from_str("enabled = true").unwrap();
        resolve("pylint", Some(&table)).unwrap().unwrap()
    }

    fn finding(path: &str) -> ToolFinding {
        ToolFinding { path: path.into(), message: "m".into(), ..ToolFinding::default() }
    }

    #[test]
    fn paths_become_repository_relative() {
        let declaration = declaration();
        let root = Path::new("/repo");
        let cwd = Path::new("/repo/sub");
        let given = FileArg { arg: "./-x.py".into(), display: "sub/-x.py".into(), size: 0 };
        let locator = Locator::new("pylint", &declaration, root, cwd, &[&given]);
        let path = |printed: &str| locator.locate(finding(printed)).path;
        assert_eq!(path("./-x.py"), "sub/-x.py");
        assert_eq!(path("a.py"), "sub/a.py");
        assert_eq!(path("./lib/../b.py"), "sub/b.py");
        assert_eq!(path("/repo/c/d.py"), "c/d.py");
        assert_eq!(path("../e.py"), "e.py");
        assert_eq!(path("/usr/lib/python3/os.py"), "/usr/lib/python3/os.py");
        assert_eq!(path(""), "sub/-x.py");
        let batch = Locator::new("pylint", &declaration, root, cwd, &[]);
        assert_eq!(batch.locate(finding("")).path, ".");
    }

    #[test]
    fn codes_are_namespaced_and_severities_mapped() {
        let declaration = declaration();
        let locator = Locator::new("pylint", &declaration, Path::new("/r"), Path::new("/r"), &[]);
        let f = ToolFinding {
            code: "C0114".into(),
            severity: Some("convention".into()),
            line: 3,
            column: 5,
            end_line: Some(3),
            end_column: Some(9),
            ..finding("a.py")
        };
        let located = locator.locate(f);
        assert_eq!(located.code, "pylint:C0114");
        assert_eq!(located.severity, lintgate_engine::diagnostic::Severity::Info);
        assert_eq!(located.start, Position { line: 3, column: 5 });
        assert_eq!(located.end, Position { line: 3, column: 9 });
        let no_code = locator.locate(finding("a.py"));
        assert_eq!(no_code.code, "pylint:finding");
    }

    #[test]
    fn positions_are_one_based_and_ordered() {
        let whole_file = positions(&finding("a"));
        assert_eq!(whole_file, (Position { line: 1, column: 1 }, Position { line: 1, column: 1 }));
        let backwards = ToolFinding {
            line: 5,
            column: 7,
            end_line: Some(5),
            end_column: Some(2),
            ..finding("a")
        };
        let (start, end) = positions(&backwards);
        assert_eq!(
            (start, end),
            (Position { line: 5, column: 7 }, Position { line: 5, column: 7 })
        );
    }
}
