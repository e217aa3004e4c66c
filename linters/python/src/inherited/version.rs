//! The oldest Python a project runs on, when `[python] target-version` is
//! not set: the lower bound of `[project] requires-python` in
//! `pyproject.toml`, else ruff's `target-version` (`ruff.toml`,
//! `.ruff.toml`, then `[tool.ruff]` in `pyproject.toml`).

use std::path::Path;

use super::{DirReading, Found};

/// Where a version came from, for `lintgate config --show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionSource {
    RequiresPython(String),
    RuffTargetVersion(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InheritedVersion {
    /// 3.`minor`.
    pub minor: u32,
    pub source: VersionSource,
}

/// What `dir` itself says.
pub fn read_dir(dir: &Path) -> Option<DirReading<Found<InheritedVersion>>> {
    let mut notes = Vec::new();
    let pyproject = dir.join("pyproject.toml");
    let document = std::fs::read_to_string(&pyproject)
        .ok()
        .and_then(|text| Some((text.parse::<toml::Table>().ok()?, text)));
    let reading = |value: Option<Found<InheritedVersion>>, notes| {
        Some(DirReading { dir: dir.to_path_buf(), value, notes })
    };
    if let Some((table, text)) = &document {
        let project = table.get("project").and_then(toml::Value::as_table);
        if let Some(spec) = project.and_then(|p| p.get("requires-python")).and_then(|v| v.as_str())
        {
            let line = line_of(text, "requires-python");
            match lower_bound(spec) {
                Ok(minor) => {
                    let source = VersionSource::RequiresPython(spec.to_string());
                    let found = Found {
                        value: InheritedVersion { minor, source },
                        file: pyproject.clone(),
                        line,
                    };
                    return reading(Some(found), notes);
                }
                Err(problem) => notes.push(format!(
                    "{}:{line}: `requires-python = {spec:?}` {problem}; it is not used for the Python version",
                    pyproject.display()
                )),
            }
        }
    }
    for name in ["ruff.toml", ".ruff.toml"] {
        let file = dir.join(name);
        if let Ok(text) = std::fs::read_to_string(&file)
            && let Ok(table) = text.parse::<toml::Table>()
            && let Some(found) = ruff_version(&table, &text, &file, &mut notes)
        {
            return reading(Some(found), notes);
        }
    }
    if let Some((table, text)) = &document
        && let Some(ruff) = table.get("tool").and_then(|t| t.get("ruff")).and_then(|r| r.as_table())
        && let Some(found) = ruff_version(ruff, text, &pyproject, &mut notes)
    {
        return reading(Some(found), notes);
    }
    (!notes.is_empty()).then(|| DirReading { dir: dir.to_path_buf(), value: None, notes })
}

fn ruff_version(
    table: &toml::Table,
    text: &str,
    file: &Path,
    notes: &mut Vec<String>,
) -> Option<Found<InheritedVersion>> {
    let name = table.get("target-version")?.as_str()?;
    let line = line_of(text, "target-version");
    let Some(minor) = name.strip_prefix("py3").and_then(|m| m.parse().ok()) else {
        notes.push(format!(
            "{}:{line}: ruff's `target-version = {name:?}` is not a version such as \"py311\"; it is not used",
            file.display()
        ));
        return None;
    };
    let source = VersionSource::RuffTargetVersion(name.to_string());
    Some(Found { value: InheritedVersion { minor, source }, file: file.to_path_buf(), line })
}

fn line_of(text: &str, key: &str) -> usize {
    text.lines().position(|l| l.trim_start().starts_with(key)).map_or(1, |i| i + 1)
}

/// The lowest Python 3 minor version a PEP 440 specifier set allows:
/// `>=3.10, <4` → 10, `~=3.11` → 11, `==3.12.*` → 12, `>3.9` → 9 (3.9.1
/// is allowed); no lower bound, or one below Python 3, → 0.
pub fn lower_bound(spec: &str) -> Result<u32, String> {
    let mut lowest: Option<(u32, u32)> = None;
    let mut clauses = 0;
    for clause in spec.split(',').map(str::trim) {
        if clause.is_empty() {
            return Err("has an empty clause".to_string());
        }
        clauses += 1;
        let operator_len = clause.find(|c: char| c.is_ascii_digit() || c.is_whitespace());
        let (operator, version) = clause.split_at(operator_len.unwrap_or(clause.len()));
        let version = version.trim();
        let Some((major, minor)) = release(version, operator == "==" || operator == "!=") else {
            return Err(format!("has `{clause}`, which is not a version clause"));
        };
        let bound = match operator {
            ">=" | "~=" | "==" | "===" | ">" => Some((major, minor)),
            "<=" | "<" | "!=" => None,
            _ => return Err(format!("has `{clause}`, which is not a PEP 440 version specifier")),
        };
        if let Some(bound) = bound {
            // With several lower bounds the strictest (highest) holds.
            lowest = Some(lowest.map_or(bound, |l| l.max(bound)));
        }
    }
    if clauses == 0 {
        return Err("is empty".to_string());
    }
    Ok(match lowest {
        Some((3, minor)) => minor,
        Some((major, _)) if major > 3 => u32::MAX,
        _ => 0,
    })
}

/// `3`, `3.10`, `3.10.2`, `3.11.0rc1` → (major, minor); a trailing `.*` only
/// where `wildcard` allows it.
fn release(version: &str, wildcard: bool) -> Option<(u32, u32)> {
    let version = if wildcard { version.strip_suffix(".*").unwrap_or(version) } else { version };
    let end = version.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(version.len());
    let (numbers, suffix) = version.split_at(end);
    let suffix_ok = suffix.is_empty()
        || ["a", "b", "rc", "c", ".post", "post", ".dev", "dev", "+"]
            .iter()
            .any(|p| suffix.starts_with(p));
    if !suffix_ok || numbers.is_empty() || numbers.ends_with('.') {
        return None;
    }
    let mut parts = numbers.split('.').map(|n| n.parse::<u32>().ok());
    let major = parts.next()??;
    let minor = parts.next().unwrap_or(Some(0))?;
    parts.all(|p| p.is_some()).then_some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_bounds_of_specifiers() {
        assert_eq!(lower_bound(">=3.10"), Ok(10));
        assert_eq!(lower_bound(">= 3.10, <4"), Ok(10));
        assert_eq!(lower_bound("~=3.11"), Ok(11));
        assert_eq!(lower_bound("~=3.11.2"), Ok(11));
        assert_eq!(lower_bound("==3.12.*"), Ok(12));
        assert_eq!(lower_bound(">3.9"), Ok(9));
        assert_eq!(lower_bound(">=3.8,!=3.9.*"), Ok(8));
        assert_eq!(lower_bound("<3.13"), Ok(0));
        assert_eq!(lower_bound(">=2.7, !=3.0.*, !=3.1.*"), Ok(0));
        assert_eq!(lower_bound(">=3.11.0rc1"), Ok(11));
        assert_eq!(lower_bound(">=3.9,>=3.11"), Ok(11));
    }

    #[test]
    fn invalid_specifiers_say_why() {
        for bad in ["3.10", ">=py310", ">= 3.x", ">=3.10,", "", "=>3.9", ">=3.10.*"] {
            assert!(lower_bound(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn requires_python_comes_before_ruff_and_a_bad_one_is_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("ruff.toml", "target-version = \"py312\"\n");
        let found = read_dir(dir.path()).unwrap().value.unwrap();
        assert_eq!((found.value.minor, found.line), (12, 1));
        write("pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.11\"\n");
        let found = read_dir(dir.path()).unwrap().value.unwrap();
        assert_eq!(
            found.value,
            InheritedVersion { minor: 11, source: VersionSource::RequiresPython(">=3.11".into()) }
        );
        assert_eq!(found.line, 3);
        write("pyproject.toml", "[project]\nrequires-python = \"3.11\"\n");
        let reading = read_dir(dir.path()).unwrap();
        assert_eq!(reading.value.unwrap().value.minor, 12);
        assert!(reading.notes[0].contains("pyproject.toml:2: `requires-python = \"3.11\"`"));
    }
}
