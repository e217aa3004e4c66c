//! Settings a repository already wrote for other tools, used where
//! lintgate's own `[python]` settings are silent: flake8's `[flake8]`
//! section, ruff's `line-length` and `target-version`, and
//! `requires-python`. Each is the nearest directory's (the file's or
//! above), read once per directory.

mod flake8;
mod ini;
pub mod pydocstyle;
pub mod selection;
mod version;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lintgate_engine::nearest::NearestCache;

pub use flake8::{Flake8Config, scoped as scoped_flake8_code};
pub use version::{InheritedVersion, VersionSource};

/// A value and the line of the file that set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub line: usize,
}

/// A value, the file that set it and its 1-based line, for `config --show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub file: PathBuf,
    pub line: usize,
}

/// What one directory says about a setting: a value, or only notes about
/// files it could not use (then the walk goes on upward, as flake8's does).
#[derive(Debug)]
pub struct DirReading<T> {
    pub dir: PathBuf,
    pub value: Option<T>,
    pub notes: Vec<String>,
}

/// What other tools' files set for one directory.
#[derive(Debug, Default)]
pub struct Inherited {
    /// `line` 0: a `[flake8]` section without `max-line-length` (flake8's 79).
    pub line_length: Option<Found<usize>>,
    pub max_doc_length: Option<usize>,
    pub max_complexity: Option<usize>,
    pub version: Option<Found<InheritedVersion>>,
    pub flake8: Option<Arc<Flake8Config>>,
    /// Files that could not be used, and values left out.
    pub notes: Vec<String>,
}

/// The `[flake8]` section flake8 would use, per directory.
#[derive(Default)]
pub struct Flake8Cache(NearestCache<DirReading<Arc<Flake8Config>>>);

impl Flake8Cache {
    /// The section for files in `dir`, with the notes on files skipped
    /// on the way and on its values left out.
    pub fn for_dir(&self, dir: &Path, notes: &mut Vec<String>) -> Option<Arc<Flake8Config>> {
        let found = nearest(&self.0, dir, &flake8::read_dir, notes)?.value.clone()?;
        notes.extend(found.problems.iter().cloned());
        Some(found)
    }
}

/// One cache per setting, shared by every file of a run.
#[derive(Default)]
pub struct Caches {
    flake8: Flake8Cache,
    ruff_length: NearestCache<DirReading<Found<usize>>>,
    version: NearestCache<DirReading<Found<InheritedVersion>>>,
}

/// The nearest reading with a value, and every note met on the way.
fn nearest<T>(
    cache: &NearestCache<DirReading<T>>,
    dir: &Path,
    read: &impl Fn(&Path) -> Option<DirReading<T>>,
    notes: &mut Vec<String>,
) -> Option<Arc<DirReading<T>>> {
    let mut dir = dir.to_path_buf();
    loop {
        let reading = cache.for_dir(&dir, read)?;
        notes.extend(reading.notes.iter().cloned());
        if reading.value.is_some() {
            return Some(reading);
        }
        dir = reading.dir.parent()?.to_path_buf();
    }
}

impl Caches {
    /// The line length flake8 or ruff would use: the nearer of ruff's
    /// `line-length` and a `[flake8]` section (its `max-line-length`, else
    /// flake8's 79); ruff's in one directory.
    fn line_length(
        &self,
        dir: &Path,
        flake8: Option<&Arc<Flake8Config>>,
        notes: &mut Vec<String>,
    ) -> Option<Found<usize>> {
        let ruff = nearest(&self.ruff_length, dir, &ruff_length, notes);
        let depth = |d: &Path| d.components().count();
        let ruff_nearer = match (&ruff, flake8) {
            (Some(r), Some(f)) => depth(&r.dir) >= depth(f.dir()),
            (r, _) => r.is_some(),
        };
        if ruff_nearer {
            return ruff.and_then(|r| r.value.clone());
        }
        let config = flake8?;
        Some(match &config.max_line_length {
            Some(set) => Found { value: set.value, file: config.file.clone(), line: set.line },
            None => Found { value: FLAKE8_LINE_LENGTH, file: config.file.clone(), line: 0 },
        })
    }

    /// Everything inherited for files in `dir`, each file read once per run.
    pub fn for_dir(&self, dir: &Path) -> Inherited {
        let mut notes = Vec::new();
        let flake8 = self.flake8.for_dir(dir, &mut notes);
        let line_length = self.line_length(dir, flake8.as_ref(), &mut notes);
        let version = self.version(dir, &mut notes);
        let config = flake8.as_deref();
        Inherited {
            line_length,
            max_doc_length: config.and_then(|c| c.max_doc_length.as_ref()).map(|s| s.value),
            max_complexity: config.and_then(|c| c.max_complexity.as_ref()).map(|s| s.value),
            version,
            flake8,
            notes,
        }
    }

    /// The Python version `requires-python` or ruff's `target-version` states.
    pub fn version(&self, dir: &Path, notes: &mut Vec<String>) -> Option<Found<InheritedVersion>> {
        nearest(&self.version, dir, &version::read_dir, notes)?.value.clone()
    }
}

/// flake8's `max-line-length` when its section does not set one.
pub const FLAKE8_LINE_LENGTH: usize = 79;

/// ruff's `line-length` set in `dir` itself.
fn ruff_length(dir: &Path) -> Option<DirReading<Found<usize>>> {
    let found = |file: PathBuf, value: Option<(usize, usize)>| {
        let (value, line) = value?;
        Some(DirReading {
            dir: dir.to_path_buf(),
            value: Some(Found { value, file, line }),
            notes: Vec::new(),
        })
    };
    for name in ["ruff.toml", ".ruff.toml"] {
        let file = dir.join(name);
        if let Ok(text) = std::fs::read_to_string(&file)
            && let Some(found) = found(file, toml_length(&text, &[]))
        {
            return Some(found);
        }
    }
    let file = dir.join("pyproject.toml");
    let text = std::fs::read_to_string(&file).ok()?;
    found(file, toml_length(&text, &["tool", "ruff"]))
}

/// `line-length` in the table at `path`, with its 1-based line.
fn toml_length(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    let document: toml::Table = text.parse().ok()?;
    let mut table = &document;
    for key in path {
        table = table.get(*key)?.as_table()?;
    }
    let value = usize::try_from(table.get("line-length")?.as_integer()?).ok()?;
    let line =
        text.lines().position(|l| l.trim_start().starts_with("line-length")).map_or(1, |i| i + 1);
    Some((value, line))
}

/// For `lintgate config --show`: what a fresh walk finds for `dir`.
pub fn find(dir: &Path) -> Inherited {
    Caches::default().for_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ruff_settings() {
        assert_eq!(
            toml_length("[tool.ruff]\nline-length = 99\n", &["tool", "ruff"]),
            Some((99, 2))
        );
        assert_eq!(toml_length("[tool.black]\nline-length = 99\n", &["tool", "ruff"]), None);
        assert_eq!(toml_length("line-length = 79\n", &[]), Some((79, 1)));
    }

    #[test]
    fn ruff_wins_over_flake8_in_one_directory_and_the_nearer_wins_across() {
        let root = tempfile::tempdir().unwrap();
        let sub = root.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let length = |dir: &Path| find(dir).line_length.map(|f| f.value);
        std::fs::write(root.path().join("setup.cfg"), "[flake8]\nmax-line-length = 100\n").unwrap();
        assert_eq!(length(&sub), Some(100));
        std::fs::write(root.path().join("ruff.toml"), "line-length = 110\n").unwrap();
        assert_eq!(length(&sub), Some(110));
        // A nearer `[flake8]` without a length means flake8's 79.
        std::fs::write(sub.join("tox.ini"), "[flake8]\nselect = E\n").unwrap();
        assert_eq!(length(&sub), Some(79));
        assert_eq!(length(root.path()), Some(110));
    }

    #[test]
    fn a_broken_file_is_a_note_and_the_walk_goes_on() {
        let root = tempfile::tempdir().unwrap();
        let sub = root.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(root.path().join(".flake8"), "[flake8]\nmax-line-length = 100\n").unwrap();
        std::fs::write(sub.join("setup.cfg"), "[flake8]\nmax-line-length\n").unwrap();
        let Inherited { line_length, notes, .. } = find(&sub);
        assert_eq!(line_length.unwrap().value, 100);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("setup.cfg:2: not valid INI"), "{notes:?}");
    }
}
