//! Configuration: `lintgate.toml`, `.lintgate.toml` or `[tool.lintgate]` in
//! `pyproject.toml`, kebab-case keys, `extend` chains, and where each value
//! came from.

mod discover;
mod error;
mod read;
mod schema;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};

pub use discover::{CONFIG_FILE_NAMES, config_in_dir, load};
pub use error::ConfigError;
pub use schema::{OptionKind, OptionSpec, SectionSpec};

use crate::diagnostic::Severity;
use crate::selector::{RuleSelection, SelectionLayer, Selector};

/// Where a value was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File { path: PathBuf, line: usize },
    CommandLine,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line } => write!(f, "{}:{line}", path.display()),
            Origin::CommandLine => f.write_str("command line"),
        }
    }
}

/// A glob from configuration, relative to the directory of the file that
/// wrote it.
#[derive(Debug, Clone)]
pub struct PathPattern {
    pub text: String,
    base: PathBuf,
    matcher: GlobMatcher,
    /// A pattern without `/` matches a file or directory name anywhere.
    name_only: bool,
}

impl PathPattern {
    pub fn new(text: &str, base: &Path) -> Result<PathPattern, String> {
        let trimmed = text.trim_end_matches('/');
        let name_only = !trimmed.contains('/');
        let glob_text = trimmed.strip_prefix("./").unwrap_or(trimmed);
        let glob =
            Glob::new(glob_text).map_err(|e| format!("invalid glob `{text}`: {}", e.kind()))?;
        Ok(PathPattern {
            text: text.into(),
            base: base.into(),
            matcher: glob.compile_matcher(),
            name_only,
        })
    }

    pub fn matches(&self, path: &Path) -> bool {
        if self.name_only {
            return path.file_name().is_some_and(|name| self.matcher.is_match(name));
        }
        path.strip_prefix(&self.base).is_ok_and(|rel| self.matcher.is_match(rel))
    }
}

/// The names ruff leaves out of every walk, plus lintgate's own.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".git-rewrite",
    ".hg",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    "__pypackages__",
    "_build",
    "buck-out",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
    "__pycache__",
    "target",
    ".gitlab-ci-local",
    ".lintgate_cache",
];

/// One configuration as it applies to the files below it: the nearest
/// configuration file merged over the files it `extend`s.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The files it was read from, base first; empty for the defaults.
    pub files: Vec<PathBuf>,
    /// Base first, then each file's own `select`/`extend-select`/`ignore`.
    pub selection: Vec<SelectionLayer>,
    pub per_file_ignores: Vec<(PathPattern, Vec<Selector>)>,
    /// `None`: the defaults ([`DEFAULT_EXCLUDES`]).
    pub exclude: Option<Vec<PathPattern>>,
    pub extend_exclude: Vec<PathPattern>,
    pub fail_on: Option<Severity>,
    /// `baseline`: the file of known findings `lint` hides (absolute).
    pub baseline: Option<PathBuf>,
    /// `cache-dir`: where the result cache lives (absolute).
    pub cache_dir: Option<PathBuf>,
    /// Later entries win.
    pub severity: Vec<(Selector, Severity)>,
    /// Checker tables (`[python]`, ...): option name -> value.
    pub sections: BTreeMap<String, toml::Table>,
    /// For `config --show`: top-level key (or `section.key`) -> where each
    /// contribution to it came from, base first.
    pub origins: BTreeMap<String, Vec<Origin>>,
}

impl Config {
    /// Overlays `child` on `self` (the base): scalars and `select`-like
    /// replacements take the child's value, lists that extend accumulate.
    pub fn merge(mut self, child: Config) -> Config {
        self.files.extend(child.files);
        self.selection.extend(child.selection);
        self.per_file_ignores.extend(child.per_file_ignores);
        if child.exclude.is_some() {
            self.exclude = child.exclude;
        }
        self.extend_exclude.extend(child.extend_exclude);
        self.fail_on = child.fail_on.or(self.fail_on);
        self.baseline = child.baseline.or(self.baseline);
        self.cache_dir = child.cache_dir.or(self.cache_dir);
        self.severity.extend(child.severity);
        for (section, options) in child.sections {
            self.sections.entry(section).or_default().extend(options);
        }
        for (key, origins) in child.origins {
            self.origins.entry(key).or_default().extend(origins);
        }
        self
    }

    pub fn rule_selection(&self, command_line: &SelectionLayer) -> RuleSelection {
        RuleSelection::new(self.selection.iter().chain([command_line]))
    }

    /// The codes `per-file-ignores` turns off for `path` (absolute).
    pub fn ignored_for(&self, path: &Path) -> Vec<Selector> {
        self.per_file_ignores
            .iter()
            .filter(|(pattern, _)| pattern.matches(path))
            .flat_map(|(_, selectors)| selectors.iter().cloned())
            .collect()
    }

    /// Whether `path` (absolute) is excluded by `exclude`/`extend-exclude`.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let by_default = || {
            path.file_name().and_then(|n| n.to_str()).is_some_and(|n| DEFAULT_EXCLUDES.contains(&n))
        };
        let excluded = match &self.exclude {
            Some(patterns) => patterns.iter().any(|p| p.matches(path)),
            None => by_default(),
        };
        excluded || self.extend_exclude.iter().any(|p| p.matches(path))
    }

    /// The severity a code gets: the last matching `[severity]` entry, else `default`.
    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        self.severity.iter().rev().find(|(s, _)| s.matches(code)).map_or(default, |(_, sev)| *sev)
    }
}

#[cfg(test)]
mod tests;
