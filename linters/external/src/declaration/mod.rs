//! A tool declaration: how to run an external tool and read its output, as
//! data. It comes from a `[checkers.<name>]` table of `lintgate.toml`, from
//! a built-in file (`tools/<name>.toml`), or from both: a built-in is
//! turned on with `enabled = true` and any other key of the user's table
//! replaces the built-in's (the `severity` and `env` tables are merged key
//! by key). A table whose name is not built in declares a new tool, enabled
//! unless `enabled = false`.

mod command;
mod keys;
mod read;

use std::path::PathBuf;
use std::time::Duration;

use lintgate_engine::suggest::did_you_mean;
use toml::Table;

use crate::builtin;
use crate::parsers::Parser;
use crate::selection::FileSelection;
use crate::severity::SeverityMap;

pub use self::command::{FILE, FILES, ROOT, TMPFILE};
use self::keys::Keys;
pub use self::read::KEYS;

/// How many processes run and which files each gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunMode {
    /// One process per file.
    PerFile,
    /// As few processes as `max-batch` and the command-line limit allow,
    /// each given a share of the files.
    Batch,
    /// One process for the repository, given no file names.
    Once,
}

/// Where the tool writes what the parser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputStream {
    Stdout,
    Stderr,
    /// The file the command names as `{tmpfile}`.
    File,
}

#[derive(Debug, Clone)]
pub struct Declaration {
    /// The argv, with placeholders `{files}`, `{file}`, `{root}`, `{tmpfile}`.
    pub command: Vec<String>,
    pub files: FileSelection,
    pub run: RunMode,
    /// At most this many files per process.
    pub max_batch: Option<usize>,
    /// The working directory, relative to the repository root; the root by default.
    pub cwd: Option<PathBuf>,
    /// Added to the environment lintgate runs in.
    pub env: Vec<(String, String)>,
    pub output: OutputStream,
    pub parser: Parser,
    /// Exit codes of a clean run (its output is still read).
    pub success_codes: Vec<i32>,
    /// Exit codes that mean "findings": the output must have some.
    pub finding_codes: Vec<i32>,
    pub severity: SeverityMap,
    /// Per process; the whole process group is killed when it runs out.
    pub timeout: Duration,
    /// A missing tool is an error when true, a note when false.
    pub required: bool,
    pub version_command: Option<Vec<String>>,
    /// Put `--` before the file names.
    pub double_dash: bool,
    /// How to install the tool, for the error when it is missing.
    pub install: Option<String>,
    /// The code of findings whose output names none (codespell, pass-fail).
    pub default_code: String,
}

/// The names of the built-in tools.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    builtin::names()
}

/// The declaration of checker `name`, given its `[checkers.<name>]` table
/// if configuration has one; `None` when it is not enabled.
pub fn resolve(name: &str, user: Option<&Table>) -> Result<Option<Declaration>, String> {
    check_name(name)?;
    let builtin = match builtin::source(name) {
        Some(text) => Some(
            text.parse::<Table>()
                .map_err(|e| format!("built-in checker `{name}` does not parse: {e}"))?,
        ),
        None => None,
    };
    let Some(user) = user else {
        return match builtin {
            Some(_) => Ok(None),
            None => Err(format!(
                "no built-in checker is called `{name}`{}",
                did_you_mean(name, builtin::names())
            )),
        };
    };
    let user_keys = Keys::new(name, user);
    user_keys.reject_unknown(read::KEYS)?;
    if !user_keys.boolean("enabled")?.unwrap_or(builtin.is_none()) {
        return Ok(None);
    }
    if builtin.is_none() && !user_keys.has("command") {
        return Err(user_keys.error(
            "command",
            format!(
                "required: `{name}` is not a built-in checker{}",
                did_you_mean(name, builtin::names())
            ),
        ));
    }
    let merged = match builtin {
        Some(base) => merge(base, user),
        None => user.clone(),
    };
    read::declaration(&Keys::new(name, &merged)).map(Some)
}

/// The declarations of every checker enabled in a `[checkers]` table, in
/// the order written.
pub fn resolve_all(checkers: &Table) -> Result<Vec<(String, Declaration)>, String> {
    let mut out = Vec::new();
    for (name, value) in checkers {
        let table = value.as_table().ok_or_else(|| {
            format!("[checkers] {name} = {value}: expected a table ([checkers.{name}])")
        })?;
        if let Some(declaration) = resolve(name, Some(table))? {
            out.push((name.clone(), declaration));
        }
    }
    Ok(out)
}

/// Names become the namespace of codes (`pylint:C0114`), so they follow
/// the rule selectors' spelling of tool names.
fn check_name(name: &str) -> Result<(), String> {
    let valid = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(format!("[checkers.{name}]: a checker name may hold only letters, digits, `-` and `_`"))
    }
}

/// The user's keys over the built-in's; tables of names are merged. A
/// built-in's `pattern` belongs to its parser, so it goes when the user
/// picks another parser without giving a pattern.
fn merge(mut base: Table, user: &Table) -> Table {
    if user.contains_key("parser") && !user.contains_key("pattern") {
        base.remove("pattern");
    }
    for (key, value) in user {
        match (base.get_mut(key), value) {
            (Some(toml::Value::Table(base_table)), toml::Value::Table(user_table))
                if read::MERGED_TABLES.contains(&key.as_str()) =>
            {
                base_table.extend(user_table.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
    base
}

#[cfg(test)]
mod tests;
