//! Which configuration applies to which directory: the nearest
//! configuration file up the tree (alone, with its `extend` chain), a
//! `--config` file for everything, or none with `--isolated`; beneath it,
//! the `[flake8]` section flake8 would read there.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, RwLock};

use lintgate_engine::checker::FileChecker;
use lintgate_engine::config::{self, Config, ConfigError, SectionSpec};
use lintgate_engine::registry;
use lintgate_engine::selector::{RuleSelection, SelectionLayer, Selector};
use lintgate_python::{Flake8Config, PydocstyleConfig};

use crate::args::ConfigSource;

/// A configuration with its rule selection worked out.
#[derive(Debug)]
pub struct Settings {
    pub config: Config,
    pub selection: RuleSelection,
    /// The checkers (a rule's `checker` field) with at least one enabled
    /// rule; a file checker that reports none of them need not run
    /// (`--select SC2086` parses no Python).
    pub busy_checkers: BTreeSet<&'static str>,
    /// `--isolated`: no configuration file is read, other tools' included.
    pub isolated: bool,
    /// The `[flake8]` section that applies here (its selection is the
    /// lowest layer of `selection`).
    pub flake8: Option<Arc<Flake8Config>>,
    /// pydocstyle's configuration, when lintgate has no docstring settings
    /// (its selection sits just above flake8's).
    pub pydocstyle: Option<Arc<PydocstyleConfig>>,
}

impl Settings {
    fn new(config: Config, inherited: Inherited, command_line: &SelectionLayer) -> Settings {
        let Inherited { flake8, pydocstyle } = inherited;
        // A docstring convention turns its D codes on beneath the
        // configuration's own selection and keeps its excluded codes off
        // above it (the command line can still select them).
        let convention = lintgate_python::docstring_convention(config.sections.get("python"));
        let layer = |codes: &[&str], on: bool| {
            let selectors = codes.iter().map(|c| Selector::Prefix(c.to_string())).collect();
            if on {
                SelectionLayer { extend_select: selectors, ..SelectionLayer::default() }
            } else {
                SelectionLayer { ignore: selectors, ..SelectionLayer::default() }
            }
        };
        let (below, above) = match convention {
            Some(c) => (layer(c.enabled, true), layer(c.excluded, false)),
            None => (SelectionLayer::default(), SelectionLayer::default()),
        };
        // flake8's selection decides only its own codes, beneath everything
        // lintgate's configuration says.
        let flake8_layer =
            flake8.as_deref().map(lintgate_python::flake8_selection).unwrap_or_default();
        let pydocstyle_layer =
            pydocstyle.as_deref().map(lintgate_python::pydocstyle_selection).unwrap_or_default();
        let selection = RuleSelection::new(
            [&flake8_layer, &pydocstyle_layer, &below]
                .into_iter()
                .chain(&config.selection)
                .chain([&above, command_line]),
        );
        let busy_checkers = registry::all()
            .iter()
            .filter(|rule| selection.is_enabled(rule.code))
            .map(|rule| rule.checker)
            .collect();
        Settings { config, selection, busy_checkers, isolated: false, flake8, pydocstyle }
    }

    /// The codes `per-file-ignores` turns off for `path` (absolute):
    /// lintgate's, or without any, the `[flake8]` section's.
    /// A file pydocstyle's `match`/`match-dir` leave out gets no D code.
    pub fn ignored_for(&self, path: &Path) -> Vec<Selector> {
        let mut ignored = match &self.flake8 {
            Some(flake8) if self.config.per_file_ignores.is_empty() => flake8.ignored_for(path),
            _ => self.config.ignored_for(path),
        };
        if self.pydocstyle.as_ref().is_some_and(|p| !p.checks(path)) {
            ignored.push(Selector::Prefix("D".into()));
        }
        ignored
    }

    /// Whether `path` (absolute) is left out: by lintgate's `exclude` and
    /// `extend-exclude`, or without either, also by the `[flake8]`
    /// section's (on top of lintgate's default excludes).
    pub fn is_excluded(&self, path: &Path) -> bool {
        if self.config.is_excluded(path) {
            return true;
        }
        let own = self.config.exclude.is_some() || !self.config.extend_exclude.is_empty();
        match &self.flake8 {
            Some(flake8) if !own => flake8.exclude_patterns().iter().any(|p| p.matches(path)),
            _ => false,
        }
    }
}

impl Settings {
    /// Whether `checker` has work here: it reports an enabled rule, or
    /// lintgate knows no rules of it (its codes are its own, like a test's).
    pub fn runs(&self, checker: &dyn FileChecker) -> bool {
        static WITH_RULES: LazyLock<BTreeSet<&'static str>> =
            LazyLock::new(|| registry::all().iter().map(|rule| rule.checker).collect());
        self.busy_checkers.iter().any(|b| checker.reports_rules_of(b))
            || !WITH_RULES.iter().any(|c| checker.reports_rules_of(c))
    }
}

/// Other tools' configuration beneath lintgate's.
#[derive(Default)]
struct Inherited {
    flake8: Option<Arc<Flake8Config>>,
    pydocstyle: Option<Arc<PydocstyleConfig>>,
}

/// The files a `Settings` is made of: lintgate's (base first), flake8's
/// and pydocstyle's.
type SettingsKey = (Vec<PathBuf>, Option<PathBuf>, Option<PathBuf>);

pub struct Resolver {
    /// Error messages name configuration files relative to this directory.
    cwd: PathBuf,
    command_line: SelectionLayer,
    sections: &'static [SectionSpec],
    /// Set with `--isolated`: one configuration for all, no other tool's.
    isolated: Option<Arc<Settings>>,
    /// Set with `--config`: one lintgate configuration for all.
    fixed: Option<Arc<Config>>,
    /// The lintgate configuration of each directory.
    configs: RwLock<HashMap<PathBuf, Arc<Config>>>,
    flake8: lintgate_python::Flake8Cache,
    pydocstyle: lintgate_python::PydocstyleCache,
    /// One `Settings` per (lintgate files, flake8 file) pair, shared by
    /// every directory it governs.
    combined: RwLock<HashMap<SettingsKey, Arc<Settings>>>,
    by_dir: RwLock<HashMap<PathBuf, Arc<Settings>>>,
}

impl Resolver {
    pub fn new(
        cwd: &Path,
        source: &ConfigSource,
        command_line: SelectionLayer,
        sections: &'static [SectionSpec],
    ) -> Result<Resolver, ConfigError> {
        let isolated = source.isolated.then(|| {
            Arc::new(Settings {
                isolated: true,
                ..Settings::new(Config::default(), Inherited::default(), &command_line)
            })
        });
        let fixed = match &source.config {
            Some(path) if isolated.is_none() => Some(Arc::new(
                config::load(&absolute(cwd, path), sections).map_err(|e| relative_error(cwd, e))?,
            )),
            _ => None,
        };
        Ok(Resolver {
            cwd: cwd.to_path_buf(),
            command_line,
            sections,
            isolated,
            fixed,
            configs: RwLock::default(),
            flake8: lintgate_python::Flake8Cache::default(),
            pydocstyle: lintgate_python::PydocstyleCache::default(),
            combined: RwLock::default(),
            by_dir: RwLock::default(),
        })
    }

    /// The settings for files directly in `dir` (an absolute path).
    pub fn for_dir(&self, dir: &Path) -> Result<Arc<Settings>, ConfigError> {
        self.lookup(dir).map_err(|e| relative_error(&self.cwd, e))
    }

    fn lookup(&self, dir: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(isolated) = &self.isolated {
            return Ok(isolated.clone());
        }
        if let Some(found) = self.by_dir.read().unwrap_or_else(|e| e.into_inner()).get(dir) {
            return Ok(found.clone());
        }
        let config = match &self.fixed {
            Some(fixed) => fixed.clone(),
            None => self.config_for(dir)?,
        };
        // A file flake8 cannot parse is a note of the Python checker's.
        let flake8 = self.flake8.for_dir(dir, &mut Vec::new());
        let pydocstyle = (!lintgate_python::has_docstring_settings(config.sections.get("python")))
            .then(|| self.pydocstyle.for_dir(dir, &lintgate_python::docstring_codes()))
            .flatten();
        let key = (
            config.files.clone(),
            flake8.as_ref().map(|f| f.file.clone()),
            pydocstyle.as_ref().map(|p| p.file.clone()),
        );
        let found = self.combined.read().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
        let settings = found.unwrap_or_else(|| {
            let inherited = Inherited { flake8, pydocstyle };
            let settings =
                Arc::new(Settings::new((*config).clone(), inherited, &self.command_line));
            let mut combined = self.combined.write().unwrap_or_else(|e| e.into_inner());
            combined.entry(key).or_insert(settings).clone()
        });
        let mut cache = self.by_dir.write().unwrap_or_else(|e| e.into_inner());
        Ok(cache.entry(dir.to_path_buf()).or_insert(settings).clone())
    }

    /// The lintgate configuration governing `dir`: its own file or its
    /// nearest parent's.
    fn config_for(&self, dir: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(found) = self.configs.read().unwrap_or_else(|e| e.into_inner()).get(dir) {
            return Ok(found.clone());
        }
        let config = match config::config_in_dir(dir)? {
            Some(file) => Arc::new(config::load(&file, self.sections)?),
            None => match dir.parent() {
                Some(parent) => self.config_for(parent)?,
                None => Arc::new(Config::default()),
            },
        };
        let mut cache = self.configs.write().unwrap_or_else(|e| e.into_inner());
        Ok(cache.entry(dir.to_path_buf()).or_insert(config).clone())
    }

    /// The settings for a file (or directory) at `path`.
    pub fn for_path(&self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        let dir = if path.is_dir() { path } else { path.parent().unwrap_or(path) };
        self.for_dir(dir)
    }
}

/// The repository root: the nearest ancestor of `cwd` with a `.git`, else
/// `cwd`. Report paths are relative to it.
pub fn project_root(cwd: &Path) -> PathBuf {
    lintgate_engine::repository::root_of(cwd).to_path_buf()
}

/// `path` relative to `root` with `/` separators; paths outside the root
/// stay absolute.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
    if rel.is_absolute() { rel.to_string_lossy().into_owned() } else { parts.join("/") }
}

/// Joins `path` onto `cwd` and removes `.` and `..` without touching the disk
/// (so symlinks named on the command line keep their names).
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `base` when it is below it, for messages.
pub fn relative_to(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .map_or_else(|_| path.display().to_string(), |rel| rel.display().to_string())
}

fn relative_error(cwd: &Path, mut error: ConfigError) -> ConfigError {
    error.path = relative_to(cwd, &error.path).into();
    error
}
