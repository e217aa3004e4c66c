//! The placeholders of a command and what they imply: which run mode fits,
//! and whether a temporary output file is named.

use super::keys::Keys;
use super::{OutputStream, RunMode};

/// Every file of the process, each its own argv item (the item must be
/// exactly `{files}`).
pub const FILES: &str = "{files}";
/// The one file of a per-file process; may be part of an item (`--file={file}`).
pub const FILE: &str = "{file}";
/// The repository root, absolute.
pub const ROOT: &str = "{root}";
/// A fresh temporary file, read as the output when `output = "file"`.
pub const TMPFILE: &str = "{tmpfile}";

/// Checks the placeholders of `command` against `run` (inferred when not
/// given: `{file}` means per-file, `{files}` batch, neither once) and
/// `output`; returns the run mode.
pub fn check(
    keys: &Keys,
    command: &[String],
    run: Option<RunMode>,
    output: OutputStream,
) -> Result<RunMode, String> {
    let bad = |problem: &str| Err(keys.error("command", problem));
    let Some(program) = command.first() else {
        return bad("needs at least the program to run");
    };
    if [FILES, FILE, TMPFILE].iter().any(|p| program.contains(p)) {
        return bad("the program (the first item) cannot be a file placeholder");
    }
    let files_items = command.iter().filter(|item| *item == FILES).count();
    if command.iter().any(|item| item.contains(FILES) && item != FILES) {
        return bad("`{files}` must be an item of its own");
    }
    if files_items > 1 {
        return bad("`{files}` may appear only once");
    }
    let has_file = command.iter().any(|item| item.contains(FILE));
    if has_file && files_items > 0 {
        return bad("use either `{file}` or `{files}`, not both");
    }
    if output == OutputStream::File && !command.iter().any(|item| item.contains(TMPFILE)) {
        return Err(keys.error("output", "the command must name the output file as `{tmpfile}`"));
    }
    let has_files = files_items > 0;
    let inferred = if has_file {
        RunMode::PerFile
    } else if has_files {
        RunMode::Batch
    } else {
        RunMode::Once
    };
    let Some(run) = run else { return Ok(inferred) };
    let problem = match run {
        RunMode::Batch if !has_files => Some("the command needs `{files}` to run in batches"),
        RunMode::PerFile if !has_file && !has_files => {
            Some("the command needs `{file}` (or `{files}`) to run per file")
        }
        RunMode::Once if has_file || has_files => {
            Some("a command run once is given no files: remove `{file}`/`{files}`")
        }
        _ => None,
    };
    match problem {
        Some(problem) => Err(keys.error("run", problem)),
        None => Ok(run),
    }
}
