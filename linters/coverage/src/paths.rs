//! Places a report's paths in the repository. Reports write paths in many
//! ways: relative to a Cobertura `<source>`, absolute on the machine that ran
//! the tests, as Go import paths, or as JaCoCo `package/File.java`. A path is
//! matched when it names a file that exists in the repository. When too many
//! do not, the report belongs to another checkout (the most common failure of
//! coverage gates): that is an error showing examples and the `path-map` that
//! would fix them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::formats::{Format, RawReport};
use crate::model::Coverage;

/// How report paths are rewritten before they are looked up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathOptions {
    /// Prefix -> replacement, longest prefix first.
    pub path_map: Vec<(String, String)>,
    pub strip_prefix: Vec<String>,
    /// Where JaCoCo's `package/File.java` paths live (`src/main/java`, ...).
    pub source_roots: Vec<String>,
    /// The share of a report's files that may be missing from the
    /// repository before the report is refused (0.0–1.0).
    pub max_unmatched: f64,
}

/// JaCoCo source roots tried when none are configured.
const DEFAULT_SOURCE_ROOTS: &[&str] =
    &["src/main/java", "src/main/kotlin", "src/main/scala", "src", ""];

#[derive(Debug, Default)]
pub struct Resolved {
    pub coverage: Coverage,
    /// Files of the report not found in the repository (ignored).
    pub unmatched: Vec<String>,
}

pub fn resolve(report: RawReport, root: &Path, options: &PathOptions) -> Result<Resolved, String> {
    let total = report.files.len();
    let mut lookup = Lookup::new(root, report.format, &report.sources, options);
    let mut resolved = Resolved::default();
    for file in report.files {
        match lookup.find(&file.path) {
            Some(path) => resolved.coverage.add_file(path, file.coverage),
            None => resolved.unmatched.push(file.path),
        }
    }
    let share = if total == 0 { 0.0 } else { resolved.unmatched.len() as f64 / total as f64 };
    if !resolved.unmatched.is_empty() && share > options.max_unmatched {
        return Err(lookup.unmatched_error(&resolved.unmatched, total));
    }
    Ok(resolved)
}

struct Lookup<'a> {
    root: &'a Path,
    format: Format,
    sources: Vec<String>,
    options: &'a PathOptions,
    /// Go module paths (from every `go.mod`) -> their directory in the repository.
    modules: Vec<(String, String)>,
    /// Repository files by file name, built on first need.
    by_name: Option<HashMap<String, Vec<String>>>,
}

impl<'a> Lookup<'a> {
    fn new(root: &'a Path, format: Format, sources: &[String], options: &'a PathOptions) -> Self {
        let mut lookup = Lookup {
            root,
            format,
            sources: sources.iter().map(|s| slashes(s)).collect(),
            options,
            modules: Vec::new(),
            by_name: None,
        };
        if format == Format::Go {
            lookup.modules = go_modules(root);
        }
        lookup
    }

    fn find(&mut self, raw: &str) -> Option<String> {
        let path = slashes(raw);
        // `path-map` and `strip-prefix` apply to the report's path and to
        // the path joined with each `<source>`.
        for candidate in self.candidates(&path) {
            for candidate in [self.rewrite(&candidate), candidate] {
                if let Some(relative) = self.relative(&candidate)
                    && self.root.join(&relative).is_file()
                {
                    return Some(relative);
                }
            }
        }
        if self.format == Format::Jacoco {
            return self.unique_by_suffix(&self.rewrite(&path));
        }
        None
    }

    /// The path as the report means it: joined to its first `<source>`.
    fn as_reported(&self, raw: &str) -> String {
        let path = slashes(raw);
        match self.sources.first() {
            Some(source) if !path.starts_with('/') => join(source, &path),
            _ => path,
        }
    }

    /// `path-map` (longest prefix wins), then `strip-prefix`.
    fn rewrite(&self, path: &str) -> String {
        let mapped = self
            .options
            .path_map
            .iter()
            .filter(|(from, _)| path.starts_with(from.as_str()))
            .max_by_key(|(from, _)| from.len())
            .map(|(from, to)| format!("{to}{}", &path[from.len()..]));
        let mut path = mapped.unwrap_or_else(|| path.to_string());
        for prefix in &self.options.strip_prefix {
            if let Some(rest) = path.strip_prefix(prefix.as_str()) {
                path = rest.to_string();
                break;
            }
        }
        path
    }

    fn candidates(&self, path: &str) -> Vec<String> {
        let mut out = Vec::new();
        match self.format {
            Format::Go => {
                for (module, dir) in &self.modules {
                    if let Some(rest) =
                        path.strip_prefix(module.as_str()).and_then(|r| r.strip_prefix('/'))
                    {
                        out.push(join(dir, rest));
                    }
                }
            }
            Format::Jacoco => {
                let roots: Vec<&str> = if self.options.source_roots.is_empty() {
                    DEFAULT_SOURCE_ROOTS.to_vec()
                } else {
                    self.options.source_roots.iter().map(String::as_str).collect()
                };
                out.extend(roots.iter().map(|root| join(root, path)));
            }
            _ => {}
        }
        if !path.starts_with('/') {
            out.extend(self.sources.iter().map(|source| join(source, path)));
        }
        out.push(path.to_string());
        out
    }

    /// A candidate as a repository-relative path: absolute ones must lie
    /// under the root, relative ones are taken from the root.
    fn relative(&self, candidate: &str) -> Option<String> {
        let full = if candidate.starts_with('/') {
            PathBuf::from(candidate)
        } else {
            self.root.join(candidate)
        };
        let normal = normalize(&full)?;
        let rest = normal.strip_prefix(self.root).ok()?;
        let text = rest.to_str()?.replace('\\', "/");
        (!text.is_empty()).then_some(text)
    }

    fn index(&mut self) -> &HashMap<String, Vec<String>> {
        let root = self.root;
        self.by_name.get_or_insert_with(|| {
            let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
            for entry in ignore::WalkBuilder::new(root).build().flatten() {
                if entry.file_type().is_some_and(|t| t.is_file())
                    && let Ok(rest) = entry.path().strip_prefix(root)
                    && let (Some(name), Some(rest)) = (entry.file_name().to_str(), rest.to_str())
                {
                    by_name.entry(name.to_string()).or_default().push(rest.replace('\\', "/"));
                }
            }
            by_name
        })
    }

    /// The one repository file ending in `/path` (JaCoCo multi-module builds).
    fn unique_by_suffix(&mut self, path: &str) -> Option<String> {
        let name = path.rsplit('/').next()?.to_string();
        let suffix = format!("/{path}");
        let matches: Vec<&String> = self
            .index()
            .get(&name)?
            .iter()
            .filter(|file| file.ends_with(&suffix) || *file == path)
            .collect();
        (matches.len() == 1).then(|| matches[0].clone())
    }

    fn unmatched_error(&mut self, unmatched: &[String], total: usize) -> String {
        let mut message = format!(
            "{} of the report's {total} files are not in the repository at {} (more than {:.0}% allowed by `max-unmatched`): the report was probably made in another checkout or directory\n",
            unmatched.len(),
            self.root.display(),
            self.options.max_unmatched * 100.0,
        );
        message.push_str("  for example:\n");
        let mut fix = None;
        for raw in unmatched.iter().take(5) {
            message.push_str(&format!("    {raw}\n"));
            if fix.is_none() {
                fix = self.suggest(&self.as_reported(raw));
            }
        }
        if !self.sources.is_empty() {
            message.push_str(&format!(
                "  the report's <source> entries: {}\n",
                self.sources.join(", ")
            ));
        }
        match fix {
            Some((from, to, example)) => message.push_str(&format!(
                "  `{example}` exists; this mapping in [coverage] would fix the paths:\n    [coverage.path-map]\n    \"{from}\" = \"{to}\"",
            )),
            None => message.push_str(
                "  no file of those names exists in the repository: is this the report of another repository?",
            ),
        }
        message
    }

    /// The prefix to replace so that `raw` names an existing file with the
    /// same name and the longest common tail of directories.
    fn suggest(&mut self, raw: &str) -> Option<(String, String, String)> {
        let name = raw.rsplit('/').next()?.to_string();
        let best =
            self.index().get(&name)?.iter().max_by_key(|file| common_tail(raw, file))?.clone();
        let tail = common_tail(raw, &best);
        let from = &raw[..raw.len() - tail];
        let to = &best[..best.len() - tail];
        Some((from.to_string(), to.to_string(), best))
    }
}

/// The length in bytes of the longest common suffix of whole components.
fn common_tail(a: &str, b: &str) -> usize {
    let mut length = 0;
    for (x, y) in a.rsplit('/').zip(b.rsplit('/')) {
        if x != y {
            break;
        }
        length += x.len() + 1;
    }
    length.saturating_sub(1).min(a.len()).min(b.len())
}

fn slashes(path: &str) -> String {
    path.trim().replace('\\', "/")
}

fn join(dir: &str, path: &str) -> String {
    let dir = dir.trim_end_matches('/');
    if dir.is_empty() { path.to_string() } else { format!("{dir}/{path}") }
}

/// Resolves `.` and `..` lexically; `None` when `..` climbs above `/`.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// Every `go.mod` in the repository: its module path and its directory.
fn go_modules(root: &Path) -> Vec<(String, String)> {
    let mut modules = Vec::new();
    for entry in ignore::WalkBuilder::new(root).build().flatten() {
        if entry.file_name() != "go.mod" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        let module = text.lines().find_map(|line| {
            let rest = line.trim().strip_prefix("module")?;
            rest.starts_with(char::is_whitespace).then(|| rest.trim().trim_matches('"').to_string())
        });
        let dir = entry.path().parent().and_then(|d| d.strip_prefix(root).ok());
        if let (Some(module), Some(dir)) = (module, dir) {
            modules.push((module, dir.to_string_lossy().replace('\\', "/")));
        }
    }
    // Nested modules first: the longest module path is the most specific.
    modules.sort_by_key(|(module, _)| std::cmp::Reverse(module.len()));
    modules
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::RawFile;
    use crate::model::FileCoverage;

    fn report(format: Format, sources: &[&str], paths: &[&str]) -> RawReport {
        RawReport {
            format,
            sources: sources.iter().map(|s| s.to_string()).collect(),
            files: paths
                .iter()
                .map(|p| RawFile {
                    path: p.to_string(),
                    coverage: FileCoverage { lines: vec![(1, 1)], ..Default::default() },
                })
                .collect(),
        }
    }

    fn repo(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x\n").unwrap();
        }
        dir
    }

    fn options() -> PathOptions {
        PathOptions { max_unmatched: 0.5, ..Default::default() }
    }

    #[test]
    fn sources_absolute_paths_and_mappings() {
        let dir = repo(&["src/pkg/a.py", "src/pkg/b.py", "lib/c.py"]);
        let root = dir.path();
        let absolute = format!("{}/src/pkg/b.py", root.display());
        let raw = report(
            Format::Cobertura,
            &["/elsewhere", &format!("{}/src", root.display())],
            &["pkg/a.py", &absolute, "lib/c.py"],
        );
        let resolved = resolve(raw, root, &options()).unwrap();
        let paths: Vec<&String> = resolved.coverage.files.keys().collect();
        assert_eq!(paths, ["lib/c.py", "src/pkg/a.py", "src/pkg/b.py"]);

        let raw = report(Format::Lcov, &[], &["/ci/build/src/pkg/a.py"]);
        let mut mapped = options();
        mapped.path_map = vec![("/ci/build/".into(), "".into())];
        let resolved = resolve(raw, root, &mapped).unwrap();
        assert!(resolved.coverage.files.contains_key("src/pkg/a.py"));
    }

    #[test]
    fn another_checkout_is_an_error_with_the_fixing_map() {
        let dir = repo(&["src/pkg/a.py", "src/pkg/b.py"]);
        let raw =
            report(Format::Lcov, &[], &["/builds/team/app/pkg/a.py", "/builds/team/app/pkg/b.py"]);
        let error = resolve(raw, dir.path(), &options()).unwrap_err();
        assert!(error.contains("2 of the report's 2 files"), "{error}");
        assert!(error.contains("\"/builds/team/app/\" = \"src/\""), "{error}");
    }

    #[test]
    fn go_import_paths_and_jacoco_packages() {
        let dir = repo(&["go.mod", "internal/x.go", "svc/src/main/java/com/acme/Foo.java"]);
        std::fs::write(dir.path().join("go.mod"), "module example.com/team/app\n\ngo 1.22\n")
            .unwrap();
        let raw = report(Format::Go, &[], &["example.com/team/app/internal/x.go"]);
        let resolved = resolve(raw, dir.path(), &options()).unwrap();
        assert!(resolved.coverage.files.contains_key("internal/x.go"));
        let raw = report(Format::Jacoco, &[], &["com/acme/Foo.java"]);
        let resolved = resolve(raw, dir.path(), &options()).unwrap();
        assert!(resolved.coverage.files.contains_key("svc/src/main/java/com/acme/Foo.java"));
    }

    #[test]
    fn a_few_unmatched_files_are_ignored_and_listed() {
        let dir = repo(&["a.py", "b.py"]);
        let raw = report(Format::Lcov, &[], &["a.py", "b.py", "/usr/lib/python3/x.py"]);
        let resolved = resolve(raw, dir.path(), &options()).unwrap();
        assert_eq!(resolved.unmatched, ["/usr/lib/python3/x.py"]);
        assert_eq!(resolved.coverage.files.len(), 2);
    }
}
