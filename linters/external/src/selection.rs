//! Which files a tool is given: file kinds (`python`, `ci-yaml`) and globs
//! (`scripts/**/*.sh`), minus `exclude` globs. Globs follow lintgate's own
//! `exclude` rules: a glob without `/` matches a name anywhere; others
//! match the repository-relative path.

use std::path::Path;

use lintgate_engine::checker::BatchFile;
use lintgate_engine::config::PathPattern;
use lintgate_engine::kind::FileKind;

const KINDS: [FileKind; 6] = [
    FileKind::Python,
    FileKind::Shell,
    FileKind::CiYaml,
    FileKind::Yaml,
    FileKind::Markdown,
    FileKind::Other,
];

#[derive(Debug, Clone)]
pub struct FileSelection {
    kinds: Vec<FileKind>,
    globs: Vec<PathPattern>,
    exclude: Vec<PathPattern>,
}

impl FileSelection {
    /// `files` entries are kind names or globs; `Err` says which entry is bad.
    pub fn new(files: &[String]) -> Result<FileSelection, String> {
        let mut selection =
            FileSelection { kinds: Vec::new(), globs: Vec::new(), exclude: Vec::new() };
        for entry in files {
            match KINDS.iter().find(|k| k.name() == entry) {
                Some(kind) => selection.kinds.push(*kind),
                None => selection.globs.push(pattern(entry)?),
            }
        }
        Ok(selection)
    }

    /// Leaves out files matching any of the `exclude` globs.
    pub fn excluding(mut self, exclude: &[String]) -> Result<FileSelection, String> {
        self.exclude = exclude.iter().map(|e| pattern(e)).collect::<Result<_, _>>()?;
        Ok(self)
    }

    pub fn matches(&self, file: &BatchFile) -> bool {
        let path = Path::new(&file.path);
        let included =
            self.kinds.contains(&file.kind) || self.globs.iter().any(|g| g.matches(path));
        included && !self.exclude.iter().any(|g| g.matches(path))
    }
}

/// Patterns are matched against repository-relative paths, so their base
/// is the empty path.
fn pattern(text: &str) -> Result<PathPattern, String> {
    PathPattern::new(text, Path::new(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, kind: FileKind) -> BatchFile {
        BatchFile { path: path.into(), disk_path: path.into(), kind }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn kinds_and_globs_minus_excludes() {
        let selection = FileSelection::new(&strings(&["python", "scripts/**/*.sh", "*.bats"]))
            .and_then(|s| s.excluding(&strings(&["vendor/**", "generated_*.py"])))
            .unwrap();
        assert!(selection.matches(&file("src/app.py", FileKind::Python)));
        assert!(selection.matches(&file("scripts/ci/run.sh", FileKind::Shell)));
        assert!(selection.matches(&file("deep/dir/t.bats", FileKind::Other)));
        assert!(!selection.matches(&file("tools/run.sh", FileKind::Shell)));
        assert!(!selection.matches(&file("vendor/lib/x.py", FileKind::Python)));
        assert!(!selection.matches(&file("src/generated_api.py", FileKind::Python)));
        assert!(!selection.matches(&file("README.md", FileKind::Markdown)));
    }

    #[test]
    fn bad_globs_are_errors() {
        let error = FileSelection::new(&strings(&["src/[x"])).unwrap_err();
        assert!(error.starts_with("invalid glob `src/[x`"), "{error}");
    }
}
