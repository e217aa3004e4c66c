//! pydocstyle's own configuration, as pydocstyle 6.3 discovers it: in each
//! directory the first of its files with a `[pydocstyle]` (or `[pep257]`,
//! or `[tool.pydocstyle]`) section; a section inherits the one above it
//! unless it says `inherit = false`; `ignore`, `select` or `convention`
//! replaces the inherited codes, `add-select`/`add-ignore` adjust them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use super::ini;

/// pydocstyle's order within one directory.
pub const FILES: [&str; 8] = [
    "setup.cfg",
    "tox.ini",
    ".pydocstyle",
    ".pydocstyle.ini",
    ".pydocstylerc",
    ".pydocstylerc.ini",
    "pyproject.toml",
    ".pep257",
];

const DEFAULT_MATCH: &str = r"(?!test_).*\.py";
const DEFAULT_MATCH_DIR: &str = r"[^\.].*";
const DEFAULT_PROPERTY_DECORATORS: &str = "property,cached_property,functools.cached_property";

/// What pydocstyle applies to the files of one directory.
#[derive(Debug)]
pub struct PydocstyleConfig {
    /// The nearest file with a section (the others were merged into it).
    pub file: PathBuf,
    /// The D codes checked, sorted.
    pub codes: Vec<&'static str>,
    pub match_files: Pattern,
    pub match_dirs: Pattern,
    pub ignore_decorators: Option<Arc<Pattern>>,
    pub property_decorators: Vec<String>,
    /// Values that could not be used, for notes.
    pub problems: Vec<String>,
}

/// A Python regular expression, matched at the start and to the end as
/// pydocstyle's `re(pattern + '$').match` does.
#[derive(Debug)]
pub struct Pattern {
    pub text: String,
    regex: Option<fancy_regex::Regex>,
}

impl Pattern {
    fn new(text: &str, anchored: bool, problems: &mut Vec<String>, origin: &str) -> Pattern {
        let source = if anchored { format!(r"\A(?:{text})$") } else { text.to_string() };
        let regex = fancy_regex::Regex::new(&source)
            .map_err(|e| problems.push(format!("{origin}: `{text}` is not a regex ({e}); ignored")))
            .ok();
        Pattern { text: text.to_string(), regex }
    }

    /// Whether the pattern matches `name` (a broken pattern matches all,
    /// so no file is left out by it).
    pub fn matches(&self, name: &str) -> bool {
        self.regex.as_ref().is_none_or(|r| r.is_match(name).unwrap_or(true))
    }

    /// Whether the pattern occurs in `name` (pydocstyle's `findall`; a
    /// broken pattern occurs nowhere, so no definition is skipped by it).
    pub fn occurs_in(&self, name: &str) -> bool {
        self.regex.as_ref().is_some_and(|r| r.is_match(name).unwrap_or(false))
    }
}

impl PydocstyleConfig {
    /// Whether pydocstyle checks the file at `path` at all: its name
    /// matches `match` and each directory below the configuration's matches
    /// `match-dir`.
    pub fn checks(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let base = self.file.parent().unwrap_or(Path::new(""));
        let dirs = path.parent().and_then(|p| p.strip_prefix(base).ok());
        let dirs_match = dirs
            .into_iter()
            .flat_map(|d| d.iter())
            .all(|d| d.to_str().is_none_or(|d| self.match_dirs.matches(d)));
        self.match_files.matches(name) && dirs_match
    }
}

/// One file's section as written.
#[derive(Debug, Default)]
struct Section {
    file: PathBuf,
    inherit: bool,
    values: HashMap<String, (String, usize)>,
}

impl Section {
    fn get(&self, key: &str) -> Option<&(String, usize)> {
        self.values.get(key)
    }
}

/// The effective configuration of every directory asked for.
#[derive(Default)]
pub struct PydocstyleCache {
    by_dir: RwLock<HashMap<PathBuf, Option<Arc<PydocstyleConfig>>>>,
}

impl PydocstyleCache {
    /// What pydocstyle would apply in `dir`; `None` when no pydocstyle
    /// file is found there or above.
    pub fn for_dir(&self, dir: &Path, all_codes: &[&'static str]) -> Option<Arc<PydocstyleConfig>> {
        if let Some(found) = self.by_dir.read().unwrap_or_else(|e| e.into_inner()).get(dir) {
            return found.clone();
        }
        let parent = || dir.parent().and_then(|p| self.for_dir(p, all_codes));
        let found = match read_dir(dir) {
            None => parent(),
            Some(section) => {
                let above = if section.inherit { parent() } else { None };
                Some(Arc::new(merge(above.as_deref(), &section, all_codes)))
            }
        };
        let mut cache = self.by_dir.write().unwrap_or_else(|e| e.into_inner());
        cache.entry(dir.to_path_buf()).or_insert(found).clone()
    }
}

/// The first file of `dir` with a pydocstyle section.
fn read_dir(dir: &Path) -> Option<Section> {
    FILES.iter().find_map(|name| {
        let file = dir.join(name);
        let text = std::fs::read_to_string(&file).ok()?;
        if *name == "pyproject.toml" { toml_section(file, &text) } else { ini_section(file, &text) }
    })
}

fn ini_section(file: PathBuf, text: &str) -> Option<Section> {
    let parsed = ini::parse(text).ok()?;
    let name = ["pydocstyle", "pep257"].into_iter().find(|n| parsed.has_section(n))?;
    let mut section = Section { file, inherit: true, values: HashMap::new() };
    for option in parsed.section(name) {
        let key = option.key.replace('_', "-");
        // pydocstyle reads with inline `#` and `;` comments.
        let value = strip_inline_comment(&option.value).trim().to_string();
        section.values.insert(key, (value, option.line));
    }
    section.read_inherit();
    Some(section)
}

fn toml_section(file: PathBuf, text: &str) -> Option<Section> {
    let document: toml::Table = text.parse().ok()?;
    let table = document.get("tool")?.get("pydocstyle")?.as_table()?;
    let mut section = Section { file, inherit: true, values: HashMap::new() };
    for (key, value) in table {
        let line = text.lines().position(|l| l.trim_start().starts_with(key.as_str()));
        let text = match value {
            toml::Value::String(s) => s.clone(),
            // pydocstyle joins lists with commas.
            toml::Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map_or(i.to_string(), String::from))
                .collect::<Vec<_>>()
                .join(","),
            other => other.to_string(),
        };
        section.values.insert(key.replace('_', "-"), (text, line.map_or(1, |l| l + 1)));
    }
    section.read_inherit();
    Some(section)
}

impl Section {
    fn read_inherit(&mut self) {
        if let Some((value, _)) = self.values.remove("inherit") {
            self.inherit =
                !matches!(value.to_ascii_lowercase().as_str(), "false" | "no" | "off" | "0");
        }
    }
}

/// configparser's inline comments: `#` or `;` after white space.
fn strip_inline_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    let cut = (1..bytes.len())
        .find(|&i| matches!(bytes[i], b'#' | b';') && bytes[i - 1].is_ascii_whitespace());
    cut.map_or(value, |i| &value[..i])
}

/// `section` over the configuration of the directory above (`None` at the
/// top or with `inherit = false`).
fn merge(
    above: Option<&PydocstyleConfig>,
    section: &Section,
    all: &[&'static str],
) -> PydocstyleConfig {
    let mut problems = Vec::new();
    let origin = |key: &str| {
        let line = section.get(key).map_or(0, |(_, line)| *line);
        format!("{}:{line}: `[pydocstyle] {key}`", section.file.display())
    };
    let expand = |key: &str, problems: &mut Vec<String>| -> Option<Vec<&'static str>> {
        let (value, _) = section.get(key)?;
        let mut codes = Vec::new();
        for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let matching: Vec<&'static str> =
                all.iter().copied().filter(|c| c.starts_with(part)).collect();
            if matching.is_empty() {
                problems.push(format!("{}: `{part}` names no pydocstyle code", origin(key)));
            }
            codes.extend(matching);
        }
        Some(codes)
    };
    let exclusive: Vec<&str> = ["ignore", "select", "convention"]
        .into_iter()
        .filter(|k| section.get(k).is_some())
        .collect();
    if exclusive.len() > 1 {
        problems.push(format!(
            "{}: `{}` cannot be combined (pydocstyle refuses the file); `{}` is used",
            section.file.display(),
            exclusive.join("`, `"),
            exclusive[0]
        ));
    }
    let convention = |name: &str, problems: &mut Vec<String>| -> Vec<&'static str> {
        match crate::rules::docstrings::convention_excludes(name) {
            Some(excluded) => all.iter().copied().filter(|c| !excluded.contains(c)).collect(),
            None => {
                problems.push(format!(
                    "{}: `{name}` is not pep257, numpy or google; pep257 is used",
                    origin("convention")
                ));
                convention_codes("pep257", all)
            }
        }
    };
    let mut codes: Vec<&'static str> = match exclusive.first().copied() {
        Some("ignore") => {
            let ignored = expand("ignore", &mut problems).unwrap_or_default();
            all.iter().copied().filter(|c| !ignored.contains(c)).collect()
        }
        Some("select") => expand("select", &mut problems).unwrap_or_default(),
        Some(_) => convention(
            &section.get("convention").map_or(String::new(), |v| v.0.clone()),
            &mut problems,
        ),
        None => above.map_or_else(|| convention_codes("pep257", all), |a| a.codes.clone()),
    };
    codes.extend(expand("add-select", &mut problems).unwrap_or_default());
    let removed = expand("add-ignore", &mut problems).unwrap_or_default();
    codes.retain(|c| !removed.contains(c));
    codes.sort_unstable();
    codes.dedup();
    let text = |key: &str| section.get(key).map(|(v, _)| v.clone());
    let inherited_text = |key: &str, of: fn(&PydocstyleConfig) -> Option<&str>| {
        text(key).or_else(|| above.and_then(of).map(String::from))
    };
    let match_files = inherited_text("match", |a| Some(&a.match_files.text))
        .unwrap_or_else(|| DEFAULT_MATCH.to_string());
    let match_dirs = inherited_text("match-dir", |a| Some(&a.match_dirs.text))
        .unwrap_or_else(|| DEFAULT_MATCH_DIR.to_string());
    let ignore_decorators = inherited_text("ignore-decorators", |a| {
        a.ignore_decorators.as_ref().map(|p| p.text.as_str())
    });
    let property_decorators = text("property-decorators")
        .map(|v| v.split(',').map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect())
        .or_else(|| above.map(|a| a.property_decorators.clone()))
        .unwrap_or_else(|| DEFAULT_PROPERTY_DECORATORS.split(',').map(String::from).collect());
    PydocstyleConfig {
        file: section.file.clone(),
        codes,
        match_files: Pattern::new(&match_files, true, &mut problems, &origin("match")),
        match_dirs: Pattern::new(&match_dirs, true, &mut problems, &origin("match-dir")),
        ignore_decorators: ignore_decorators.map(|t| {
            Arc::new(Pattern::new(&t, false, &mut problems, &origin("ignore-decorators")))
        }),
        property_decorators,
        problems,
    }
}

fn convention_codes(name: &str, all: &[&'static str]) -> Vec<&'static str> {
    let excluded = crate::rules::docstrings::convention_excludes(name).unwrap_or_default();
    all.iter().copied().filter(|c| !excluded.contains(c)).collect()
}

#[cfg(test)]
mod tests;
