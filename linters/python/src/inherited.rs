//! A line length the repository already configured for flake8 or ruff, used
//! when lintgate's own `[python] line-length` is not set: the nearest
//! directory (the file's or above) with `ruff.toml`, `.ruff.toml`,
//! `pyproject.toml` `[tool.ruff]`, `.flake8`, `setup.cfg` or `tox.ini`
//! `[flake8]` naming one wins; in one directory, in that order.

use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InheritedLength {
    pub line_length: usize,
    /// `setup.cfg:12`, for `lintgate config --show`.
    pub file: std::path::PathBuf,
    pub line: usize,
}

/// The setting nearest to `dir` (itself or above).
pub fn find(dir: &Path) -> Option<InheritedLength> {
    dir.ancestors().find_map(read_dir)
}

/// What `dir` itself configures.
pub fn read_dir(dir: &Path) -> Option<InheritedLength> {
    let found = |file: &str, value: Option<(usize, usize)>| {
        value.map(|(line_length, line)| InheritedLength { line_length, file: dir.join(file), line })
    };
    for name in ["ruff.toml", ".ruff.toml"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(name))
            && let Some(found) = found(name, toml_length(&text, &[]))
        {
            return Some(found);
        }
    }
    if let Ok(text) = std::fs::read_to_string(dir.join("pyproject.toml"))
        && let Some(found) = found("pyproject.toml", toml_length(&text, &["tool", "ruff"]))
    {
        return Some(found);
    }
    for name in [".flake8", "setup.cfg", "tox.ini"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(name))
            && let Some(found) = found(name, flake8_length(&text))
        {
            return Some(found);
        }
    }
    None
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

/// `max-line-length` (or `max_line_length`) in an INI file's `[flake8]`.
fn flake8_length(text: &str) -> Option<(usize, usize)> {
    let mut in_section = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == "[flake8]";
            continue;
        }
        if !in_section {
            continue;
        }
        let Some((key, value)) = line.split_once(['=', ':']) else { continue };
        if matches!(key.trim(), "max-line-length" | "max_line_length") {
            let value = value.split([';', '#']).next().unwrap_or_default().trim();
            return value.parse().ok().map(|n| (n, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_flake8_and_ruff_settings() {
        assert_eq!(
            flake8_length("[metadata]\nname = x\n[flake8]\nmax-line-length = 100\n"),
            Some((100, 4))
        );
        assert_eq!(flake8_length("[flake8]\nmax_line_length: 120 ; team rule\n"), Some((120, 2)));
        assert_eq!(flake8_length("[pycodestyle]\nmax-line-length = 100\n"), None);
        assert_eq!(
            toml_length("[tool.ruff]\nline-length = 99\n", &["tool", "ruff"]),
            Some((99, 2))
        );
        assert_eq!(toml_length("[tool.black]\nline-length = 99\n", &["tool", "ruff"]), None);
        assert_eq!(toml_length("line-length = 79\n", &[]), Some((79, 1)));
    }

    #[test]
    fn ruff_wins_over_flake8_in_one_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("setup.cfg"), "[flake8]\nmax-line-length = 100\n").unwrap();
        assert_eq!(read_dir(dir.path()).map(|f| f.line_length), Some(100));
        std::fs::write(dir.path().join("ruff.toml"), "line-length = 110\n").unwrap();
        assert_eq!(read_dir(dir.path()).map(|f| f.line_length), Some(110));
    }
}
