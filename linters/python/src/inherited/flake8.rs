//! The `[flake8]` section flake8 7 itself would read for a directory: in
//! `setup.cfg`, `tox.ini`, then `.flake8`, the first file with the section
//! (`flake8/options/config.py`); a file `configparser` refuses is skipped
//! with a note, as flake8 skips it with a warning.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lintgate_engine::config::PathPattern;
use lintgate_engine::selector::Selector;

use super::ini;
use super::{DirReading, Setting};

/// flake8's order within one directory.
pub const FILES: [&str; 3] = ["setup.cfg", "tox.ini", ".flake8"];

/// `per-file-ignores` entries: a pattern and the codes it turns off.
pub type FileCodes = Vec<(String, Vec<String>)>;

/// What a `[flake8]` section sets, each value with its line.
#[derive(Debug, Clone, Default)]
pub struct Flake8Config {
    /// The file it was read from (absolute when the walk was).
    pub file: PathBuf,
    pub max_line_length: Option<Setting<usize>>,
    pub max_doc_length: Option<Setting<usize>>,
    /// `None` below 0: mccabe is off, as with flake8's default of -1.
    pub max_complexity: Option<Setting<usize>>,
    pub select: Option<Setting<Vec<String>>>,
    pub extend_select: Option<Setting<Vec<String>>>,
    pub ignore: Option<Setting<Vec<String>>>,
    pub extend_ignore: Option<Setting<Vec<String>>>,
    pub per_file_ignores: Option<Setting<FileCodes>>,
    pub exclude: Option<Setting<Vec<String>>>,
    pub extend_exclude: Option<Setting<Vec<String>>>,
    /// Values left out, for notes (`setup.cfg:4: ...`).
    pub problems: Vec<String>,
}

impl Flake8Config {
    pub(super) fn dir(&self) -> &Path {
        self.file.parent().unwrap_or(Path::new(""))
    }

    /// `exclude` and `extend-exclude`, relative to the file's directory.
    pub fn exclude_patterns(&self) -> Vec<PathPattern> {
        let lists = [&self.exclude, &self.extend_exclude];
        let texts = lists.into_iter().flatten().flat_map(|s| s.value.iter());
        texts.filter_map(|text| PathPattern::new(text, self.dir()).ok()).collect()
    }

    /// The codes `per-file-ignores` turns off for `path` (absolute): as in
    /// flake8, only the longest matching pattern's, and only codes flake8's
    /// own checkers report.
    pub fn ignored_for(&self, path: &Path) -> Vec<Selector> {
        let Some(entries) = &self.per_file_ignores else { return Vec::new() };
        let matching = entries.value.iter().filter(|(pattern, _)| {
            PathPattern::new(pattern, self.dir()).is_ok_and(|p| p.matches(path))
        });
        let longest = matching.max_by_key(|(pattern, _)| self.normalized_len(pattern));
        longest.map_or_else(Vec::new, |(_, codes)| codes.iter().filter_map(|c| scoped(c)).collect())
    }

    /// The length flake8 compares: a pattern with `/` is made absolute.
    fn normalized_len(&self, pattern: &str) -> usize {
        if pattern.contains('/') || pattern == "." {
            self.dir().join(pattern).to_string_lossy().trim_end_matches('/').len()
        } else {
            pattern.len()
        }
    }
}

/// A flake8 code prefix as a lintgate selector, when it names codes of
/// pycodestyle (E, W), pyflakes (F) or mccabe (C90); other plugins' codes
/// are left to lintgate's own selection.
pub fn scoped(prefix: &str) -> Option<Selector> {
    if prefix.starts_with(['E', 'W', 'F']) || prefix.starts_with("C90") {
        Some(Selector::Prefix(prefix.to_string()))
    } else if "C90".starts_with(prefix) && !prefix.is_empty() {
        Some(Selector::Prefix("C90".to_string()))
    } else {
        None
    }
}

/// What `dir` holds for flake8.
pub fn read_dir(dir: &Path) -> Option<DirReading<Arc<Flake8Config>>> {
    let mut notes = Vec::new();
    for name in FILES {
        let file = dir.join(name);
        let Ok(bytes) = std::fs::read(&file) else { continue };
        let Ok(text) = String::from_utf8(bytes) else {
            notes.push(format!("{}: not UTF-8; flake8 skips it, so does lintgate", file.display()));
            continue;
        };
        match ini::parse(&text) {
            Err(e) => notes.push(format!(
                "{}:{}: not valid INI ({}); flake8 skips it, so does lintgate",
                file.display(),
                e.line,
                e.message
            )),
            Ok(parsed)
                if parsed.has_section("flake8") || parsed.has_section("flake8:local-plugins") =>
            {
                let config = read_section(file, parsed.section("flake8"));
                return Some(DirReading {
                    dir: dir.to_path_buf(),
                    value: Some(Arc::new(config)),
                    notes,
                });
            }
            Ok(_) => {}
        }
    }
    (!notes.is_empty()).then(|| DirReading { dir: dir.to_path_buf(), value: None, notes })
}

fn read_section(file: PathBuf, options: &[ini::IniValue]) -> Flake8Config {
    let mut config = Flake8Config { file, ..Flake8Config::default() };
    for option in options {
        // flake8 registers each option under both spellings.
        let key = option.key.replace('_', "-");
        let line = option.line;
        let list = || Some(Setting { value: comma_list(&option.value), line });
        match key.as_str() {
            "max-line-length" => config.max_line_length = config.number(option),
            "max-doc-length" => config.max_doc_length = config.number(option),
            "max-complexity" => {
                let value = leading_number(&option.value);
                if value.is_none() {
                    config.problem(option, "is not a number");
                }
                config.max_complexity = value
                    .and_then(|n| usize::try_from(n).ok())
                    .map(|value| Setting { value, line });
            }
            "select" => config.select = list(),
            "extend-select" => config.extend_select = list(),
            "ignore" => config.ignore = config.codes(option),
            "extend-ignore" => config.extend_ignore = config.codes(option),
            "exclude" => config.exclude = list(),
            "extend-exclude" => config.extend_exclude = list(),
            "per-file-ignores" => match files_to_codes(&option.value) {
                Some(value) => config.per_file_ignores = Some(Setting { value, line }),
                None => config.problem(option, "is not a list of `pattern: codes`"),
            },
            _ => {}
        }
    }
    config
}

impl Flake8Config {
    fn problem(&mut self, option: &ini::IniValue, what: &str) {
        self.problems.push(format!(
            "{}:{}: `[flake8] {}` {what}; left out",
            self.file.display(),
            option.line,
            option.key
        ));
    }

    fn number(&mut self, option: &ini::IniValue) -> Option<Setting<usize>> {
        let value = leading_number(&option.value).and_then(|n| usize::try_from(n).ok());
        if value.is_none() {
            self.problem(option, "is not a positive number");
        }
        value.map(|value| Setting { value, line: option.line })
    }

    /// `ignore`-like lists, whose entries flake8 insists are codes.
    fn codes(&mut self, option: &ini::IniValue) -> Option<Setting<Vec<String>>> {
        let (valid, invalid): (Vec<String>, Vec<String>) =
            comma_list(&option.value).into_iter().partition(|c| is_code_prefix(c));
        if !invalid.is_empty() {
            self.problem(
                option,
                &format!("has entries that are not error codes ({})", invalid.join(", ")),
            );
        }
        Some(Setting { value: valid, line: option.line })
    }
}

/// An integer at the start of the value; a trailing `; comment` (which
/// configparser keeps) is tolerated.
fn leading_number(value: &str) -> Option<i64> {
    value.split([';', '#']).next()?.trim().parse().ok()
}

/// flake8's comma-separated lists: split at commas and whitespace.
fn comma_list(value: &str) -> Vec<String> {
    value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// flake8's `VALID_CODE_PREFIX`: one to three capitals, up to three digits.
fn is_code_prefix(code: &str) -> bool {
    let letters = code.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = &code[letters..];
    (1..=3).contains(&letters) && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// flake8's `per-file-ignores` syntax: `patterns: codes` entries separated
/// by whitespace or commas; `None` where flake8 stops with an error.
fn files_to_codes(value: &str) -> Option<FileCodes> {
    let mut entries = Vec::new();
    let (mut files, mut codes): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut seen_colon = false;
    let flush = |files: &mut Vec<String>, codes: &mut Vec<String>, out: &mut Vec<_>| {
        if !codes.is_empty() {
            out.extend(files.iter().map(|f: &String| (f.clone(), codes.clone())));
        }
        files.clear();
        codes.clear();
    };
    // Split so that `:` is a token of its own.
    let spaced = value.replace(':', " : ");
    for token in spaced.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        if token == ":" {
            if seen_colon {
                return None;
            }
            seen_colon = true;
        } else if !seen_colon {
            files.push(token.to_string());
        } else if is_code_token(token) {
            codes.push(token.to_string());
        } else {
            // A file name after the colon starts the next entry.
            flush(&mut files, &mut codes, &mut entries);
            files.push(token.to_string());
            seen_colon = false;
        }
    }
    if !files.is_empty() && !seen_colon {
        return None;
    }
    flush(&mut files, &mut codes, &mut entries);
    Some(entries)
}

/// flake8's code token: capitals then digits.
fn is_code_token(token: &str) -> bool {
    let letters = token.bytes().take_while(u8::is_ascii_uppercase).count();
    letters > 0 && token[letters..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lists_numbers_and_per_file_ignores() {
        let ini = ini::parse(
            "[flake8]\nmax_line_length = 100\nmax-complexity = -1\nselect = E,W\n  F401\n\
             extend-ignore = E203, # black\nper-file-ignores =\n  __init__.py: F401\n  tests/*,conftest.py: E501 W\n",
        )
        .unwrap();
        let config = read_section("setup.cfg".into(), ini.section("flake8"));
        assert_eq!(config.max_line_length.as_ref().map(|s| (s.value, s.line)), Some((100, 2)));
        assert!(config.max_complexity.is_none());
        assert_eq!(config.select.unwrap().value, ["E", "W", "F401"]);
        assert_eq!(config.extend_ignore.unwrap().value, ["E203"]);
        assert_eq!(config.problems.len(), 1, "{:?}", config.problems);
        assert!(config.problems[0].contains("setup.cfg:6"), "{:?}", config.problems);
        let per_file = config.per_file_ignores.unwrap().value;
        assert_eq!(per_file.len(), 3);
        assert_eq!(per_file[1], ("tests/*".to_string(), vec!["E501".to_string(), "W".to_string()]));
    }

    #[test]
    fn per_file_ignores_errors_where_flake8_does() {
        assert_eq!(files_to_codes(""), Some(vec![]));
        assert_eq!(files_to_codes("a.py:E1,b.py:F4").map(|e| e.len()), Some(2));
        assert_eq!(files_to_codes("a.py"), None);
        assert_eq!(files_to_codes(": E1"), Some(vec![]));
        assert_eq!(files_to_codes("a.py: b.py: E1").map(|e| e.len()), Some(1));
        assert_eq!(files_to_codes("a.py: E1 : F"), None);
    }

    #[test]
    fn scoping_keeps_flake8s_own_codes() {
        assert_eq!(scoped("E5"), Some(Selector::Prefix("E5".into())));
        assert_eq!(scoped("C"), Some(Selector::Prefix("C90".into())));
        assert_eq!(scoped("C901"), Some(Selector::Prefix("C901".into())));
        assert_eq!(scoped("D"), None);
        assert_eq!(scoped("C4"), None);
        assert!(is_code_prefix("E") && is_code_prefix("ABC123") && !is_code_prefix("#"));
    }

    #[test]
    fn the_first_file_with_the_section_wins_and_broken_ones_are_notes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".flake8"), "[flake8]\nmax-line-length = 120\n").unwrap();
        std::fs::write(dir.path().join("tox.ini"), "[tox]\nenvlist = py\n").unwrap();
        let found = read_dir(dir.path()).unwrap();
        assert_eq!(found.value.unwrap().max_line_length.as_ref().unwrap().value, 120);
        std::fs::write(dir.path().join("setup.cfg"), "[flake8]\nselect = E\n").unwrap();
        let found = read_dir(dir.path()).unwrap();
        let config = found.value.unwrap();
        assert!(config.file.ends_with("setup.cfg") && config.max_line_length.is_none());
        std::fs::write(dir.path().join("setup.cfg"), "[flake8\nselect = E\n").unwrap();
        let found = read_dir(dir.path()).unwrap();
        assert!(found.value.unwrap().file.ends_with(".flake8"));
        assert!(found.notes[0].contains("setup.cfg:1: not valid INI"), "{:?}", found.notes);
    }
}
