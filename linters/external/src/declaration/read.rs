//! Building a [`Declaration`] from a (merged) table, checking every key.

use std::path::PathBuf;
use std::time::Duration;

use super::keys::Keys;
use super::{Declaration, OutputStream, RunMode, command};
use crate::parsers::{FIXED_PARSERS, Parser, RegexParser};
use crate::selection::FileSelection;
use crate::severity::SeverityMap;

/// Every key a declaration may have.
pub const KEYS: &[&str] = &[
    "enabled",
    "command",
    "files",
    "exclude",
    "run",
    "max-batch",
    "cwd",
    "env",
    "output",
    "parser",
    "pattern",
    "success-codes",
    "finding-codes",
    "severity",
    "timeout",
    "required",
    "version-command",
    "double-dash",
    "install",
    "default-code",
];

/// Tables a user's declaration adds to, rather than replaces.
pub const MERGED_TABLES: &[&str] = &["severity", "env"];

const DEFAULT_TIMEOUT_SECONDS: f64 = 300.0;
/// No tool should need a day; a larger value is most likely a unit mistake.
const MAX_TIMEOUT_SECONDS: f64 = 86_400.0;

pub fn declaration(keys: &Keys) -> Result<Declaration, String> {
    keys.reject_unknown(KEYS)?;
    let command = keys.strings("command")?.ok_or_else(|| keys.error("command", "required"))?;
    let output = match keys.choice("output", &["stdout", "stderr", "file"])? {
        Some("stderr") => OutputStream::Stderr,
        Some("file") => OutputStream::File,
        _ => OutputStream::Stdout,
    };
    let run = match keys.choice("run", &["per-file", "batch", "once"])? {
        Some("per-file") => Some(RunMode::PerFile),
        Some("batch") => Some(RunMode::Batch),
        Some(_) => Some(RunMode::Once),
        None => None,
    };
    let run = command::check(keys, &command, run, output)?;
    let (success_codes, finding_codes) = exit_codes(keys)?;
    Ok(Declaration {
        files: files(keys)?,
        run,
        max_batch: max_batch(keys)?,
        cwd: keys.string("cwd")?.map(PathBuf::from),
        env: keys.string_table("env")?.unwrap_or_default(),
        output,
        parser: parser(keys)?,
        success_codes,
        finding_codes,
        severity: severity(keys)?,
        timeout: timeout(keys)?,
        required: keys.boolean("required")?.unwrap_or(true),
        version_command: non_empty_list(keys, "version-command")?,
        double_dash: keys.boolean("double-dash")?.unwrap_or(false),
        install: keys.string("install")?.map(str::to_string),
        default_code: keys.string("default-code")?.unwrap_or("finding").to_string(),
        command,
    })
}

fn files(keys: &Keys) -> Result<FileSelection, String> {
    let files = keys.strings("files")?.ok_or_else(|| {
        keys.error(
            "files",
            "required: file kinds (python, shell, markdown, ci-yaml, yaml) or globs",
        )
    })?;
    if files.is_empty() {
        return Err(keys.error("files", "names no file kind or glob, so the tool would never run"));
    }
    let exclude = keys.strings("exclude")?.unwrap_or_default();
    FileSelection::new(&files)
        .map_err(|e| keys.error("files", e))?
        .excluding(&exclude)
        .map_err(|e| keys.error("exclude", e))
}

fn max_batch(keys: &Keys) -> Result<Option<usize>, String> {
    match keys.integer("max-batch")? {
        None => Ok(None),
        Some(n) => match usize::try_from(n) {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(keys.error("max-batch", "must be at least 1")),
        },
    }
}

fn parser(keys: &Keys) -> Result<Parser, String> {
    let name = keys.string("parser")?.ok_or_else(|| keys.error("parser", "required"))?;
    let pattern = keys.string("pattern")?;
    if name == "regex" {
        let pattern =
            pattern.ok_or_else(|| keys.error("pattern", "required by parser = \"regex\""))?;
        return RegexParser::new(pattern).map(Parser::Regex).map_err(|e| keys.error("pattern", e));
    }
    if pattern.is_some() {
        return Err(keys.error("pattern", "only used with parser = \"regex\""));
    }
    match FIXED_PARSERS.iter().find(|(n, _)| *n == name) {
        Some((_, parser)) => Ok(parser.clone()),
        None => {
            let names: Vec<&str> = FIXED_PARSERS.iter().map(|(n, _)| *n).chain(["regex"]).collect();
            Err(keys.error("parser", format!("one of {}", names.join(", "))))
        }
    }
}

fn exit_codes(keys: &Keys) -> Result<(Vec<i32>, Vec<i32>), String> {
    let read = |key: &str, default: i32| -> Result<Vec<i32>, String> {
        let codes = keys.integers(key)?.unwrap_or_else(|| vec![default.into()]);
        codes
            .into_iter()
            .map(|c| i32::try_from(c).ok().filter(|c| (0..=255).contains(c)))
            .collect::<Option<Vec<i32>>>()
            .ok_or_else(|| keys.error(key, "exit codes are 0 to 255"))
    };
    let success = read("success-codes", 0)?;
    let findings = read("finding-codes", 1)?;
    if let Some(both) = success.iter().find(|c| findings.contains(c)) {
        return Err(keys.error("finding-codes", format!("{both} is also a success code")));
    }
    Ok((success, findings))
}

fn severity(keys: &Keys) -> Result<SeverityMap, String> {
    let entries = keys.string_table("severity")?.unwrap_or_default();
    SeverityMap::from_entries(&entries).map_err(|e| keys.error("severity", e))
}

fn timeout(keys: &Keys) -> Result<Duration, String> {
    let seconds = keys.number("timeout")?.unwrap_or(DEFAULT_TIMEOUT_SECONDS);
    if !(seconds > 0.0 && seconds <= MAX_TIMEOUT_SECONDS) {
        return Err(keys.error("timeout", "seconds, more than 0 and at most 86400"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

fn non_empty_list(keys: &Keys, key: &str) -> Result<Option<Vec<String>>, String> {
    match keys.strings(key)? {
        Some(list) if list.is_empty() => Err(keys.error(key, "needs at least the program to run")),
        list => Ok(list),
    }
}
