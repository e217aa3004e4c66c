//! Finding the configuration file of a directory and following `extend`.

use std::fs;
use std::path::{Path, PathBuf};

use super::read::read_layer;
use super::schema::SectionSpec;
use super::{Config, ConfigError};

/// In order of precedence within one directory.
pub const CONFIG_FILE_NAMES: [&str; 3] = [".lintgate.toml", "lintgate.toml", "pyproject.toml"];

/// The configuration file that governs `dir` itself, if it has one. A
/// `pyproject.toml` counts only with a `[tool.lintgate]` table.
pub fn config_in_dir(dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
    for name in CONFIG_FILE_NAMES {
        let path = dir.join(name);
        if !path.is_file() {
            continue;
        }
        if name != "pyproject.toml" {
            return Ok(Some(path));
        }
        let text = read(&path)?;
        // Cheap test first: most pyproject.toml files never mention us.
        if text.contains("lintgate") && read_layer(&path, &text, &[])?.is_some() {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// Loads `path` and the chain of files it `extend`s, base first.
pub fn load(path: &Path, sections: &[SectionSpec]) -> Result<Config, ConfigError> {
    let mut chain: Vec<Config> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut next = Some(path.to_path_buf());
    let mut referrer: Option<(PathBuf, String, usize)> = None;
    while let Some(path) = next.take() {
        let canonical = path.canonicalize().map_err(|e| match &referrer {
            Some((from, text, offset)) => ConfigError::at(
                from,
                text,
                *offset,
                format!("`extend` names {}, which cannot be read: {e}", path.display()),
            ),
            None => ConfigError::whole_file(&path, format!("cannot read configuration: {e}")),
        })?;
        if seen.contains(&canonical) {
            let (from, text, offset) = referrer.expect("a cycle needs a referrer");
            return Err(ConfigError::at(&from, &text, offset, "`extend` forms a cycle"));
        }
        seen.push(canonical);
        let text = read(&path)?;
        let layer = read_layer(&path, &text, sections)?.ok_or_else(|| {
            ConfigError::whole_file(&path, "has no `[tool.lintgate]` table to extend")
        })?;
        if let Some((target, span)) = layer.extend {
            referrer = Some((path.clone(), text, span.start));
            next = Some(target);
        }
        chain.push(layer.config);
    }
    Ok(chain.into_iter().rev().reduce(Config::merge).unwrap_or_default())
}

fn read(path: &Path) -> Result<String, ConfigError> {
    fs::read_to_string(path).map_err(|e| ConfigError::whole_file(path, format!("cannot read: {e}")))
}
