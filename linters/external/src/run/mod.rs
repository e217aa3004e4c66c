//! Running a declared tool on files: find the program, split the files into
//! batches, run the batches in parallel, read and place the findings.

mod argv;
mod batches;
mod locate;
mod lookup;
mod outcome;
mod process;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lintgate_engine::checker::{BatchFile, LocatedFinding};
use lintgate_engine::diagnostic::Note;
use rayon::prelude::*;

use self::argv::{FileArg, Placeholders};
use self::locate::{Locator, normalize};
use self::process::{SpawnError, Spec};
use crate::declaration::{Declaration, RunMode, TMPFILE};

pub use self::locate::REPOSITORY;

/// What a run produced when the tool did its job.
#[derive(Debug, Default)]
pub struct Ran {
    pub findings: Vec<LocatedFinding>,
    /// A tool that is not installed and not `required`.
    pub notes: Vec<Note>,
}

/// The tool could not do its job: missing (and required), crashed, timed
/// out or printed what does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolFailure {
    pub message: String,
}

/// How many failures one message lists; the rest are counted.
const MAX_FAILURES_SHOWN: usize = 5;

pub fn run(
    checker: &str,
    declaration: &Declaration,
    root: &Path,
    files: &[BatchFile],
) -> Result<Ran, ToolFailure> {
    let fail = |message: String| ToolFailure { message };
    let root =
        absolute(root).map_err(|e| fail(format!("cannot resolve {}: {e}", root.display())))?;
    let cwd = match &declaration.cwd {
        Some(dir) => normalize(&root.join(dir)),
        None => root.clone(),
    };
    if !cwd.is_dir() {
        return Err(fail(format!(
            "[checkers.{checker}] cwd: {} is not a directory",
            cwd.display()
        )));
    }
    let program_name = &declaration.command[0];
    let path_var = path_variable(&declaration.env);
    let Some(program) = lookup::find(program_name, &root, &cwd, path_var.as_deref()) else {
        return missing(checker, declaration, program_name);
    };
    let context = Context { checker, declaration, root: &root, cwd: &cwd, program: &program };
    let args: Vec<FileArg> = files.iter().map(|f| FileArg::new(f, &cwd)).collect();
    let groups: Vec<Vec<&FileArg>> = match declaration.run {
        RunMode::PerFile => args.iter().map(|a| vec![a]).collect(),
        RunMode::Batch => batches::split(&args, declaration.max_batch, batches::MAX_ARGV_BYTES)
            .into_iter()
            .map(|batch| batch.into_iter().map(|i| &args[i]).collect())
            .collect(),
        RunMode::Once => vec![Vec::new()],
    };
    let total = groups.len();
    let results: Vec<Result<Vec<LocatedFinding>, SpawnFailure>> =
        groups.par_iter().map(|group| context.run_process(group, total)).collect();
    let mut ran = Ran::default();
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(findings) => ran.findings.extend(findings),
            Err(SpawnFailure::Missing) => return missing(checker, declaration, program_name),
            Err(SpawnFailure::Failed(message)) => failures.push(message),
        }
    }
    if failures.is_empty() { Ok(ran) } else { Err(fail(summarize(&failures))) }
}

/// Runs `version-command` and returns the first line it prints that has
/// a digit in it.
pub fn version(declaration: &Declaration, root: &Path) -> Option<String> {
    let argv = declaration.version_command.as_ref()?;
    let root = absolute(root).ok()?;
    let path_var = path_variable(&declaration.env);
    let program = lookup::find(&argv[0], &root, &root, path_var.as_deref())?;
    let argv: Vec<OsString> = argv.iter().map(OsString::from).collect();
    let spec = Spec {
        program: &program,
        argv: &argv,
        cwd: &root,
        env: &declaration.env,
        timeout: Duration::from_secs(30),
    };
    let finished = process::run(&spec).ok()?;
    // The first line with a digit: ShellCheck starts with a title line.
    [&finished.stdout.bytes, &finished.stderr.bytes].into_iter().find_map(|bytes| {
        let text = String::from_utf8_lossy(bytes);
        text.lines()
            .map(str::trim)
            .find(|l| l.bytes().any(|b| b.is_ascii_digit()))
            .map(str::to_string)
    })
}

enum SpawnFailure {
    Missing,
    Failed(String),
}

impl From<String> for SpawnFailure {
    fn from(message: String) -> Self {
        SpawnFailure::Failed(message)
    }
}

struct Context<'a> {
    checker: &'a str,
    declaration: &'a Declaration,
    root: &'a Path,
    cwd: &'a Path,
    program: &'a Path,
}

impl Context<'_> {
    fn run_process(
        &self,
        files: &[&FileArg],
        processes: usize,
    ) -> Result<Vec<LocatedFinding>, SpawnFailure> {
        let declaration = self.declaration;
        let tmpfile = if declaration.command.iter().any(|item| item.contains(TMPFILE)) {
            let file = tempfile::Builder::new().prefix("lintgate-").tempfile();
            Some(file.map_err(|e| format!("cannot create a temporary file: {e}"))?)
        } else {
            None
        };
        let values = Placeholders {
            root: self.root,
            tmpfile: tmpfile.as_ref().map(|t| t.path()),
            double_dash: declaration.double_dash,
        };
        let argv = argv::expand(&declaration.command, files, &values);
        let spec = Spec {
            program: self.program,
            argv: &argv,
            cwd: self.cwd,
            env: &declaration.env,
            timeout: declaration.timeout,
        };
        let finished = process::run(&spec).map_err(|e| match e {
            SpawnError::NotFound => SpawnFailure::Missing,
            SpawnError::Other(e) => SpawnFailure::Failed(format!(
                "`{}` could not be started: {e}",
                self.program.display()
            )),
        })?;
        let file_output = match &tmpfile {
            Some(file) => Some(std::fs::read(file.path()).map_err(|e| {
                format!("cannot read the output file {}: {e}", file.path().display())
            })?),
            None => None,
        };
        let findings = outcome::interpret(declaration, &finished, file_output.as_deref())
            .map_err(|e| format!("{} {e}", self.describe(files.len(), processes)))?;
        let locator = Locator::new(self.checker, declaration, self.root, self.cwd, files);
        Ok(findings.into_iter().map(|f| locator.locate(f)).collect())
    }

    /// "`ruff check ... {files}` (one of 3 processes, 40 files)"
    fn describe(&self, files: usize, processes: usize) -> String {
        let command = self.declaration.command.join(" ");
        let files = match files {
            1 => "1 file".to_string(),
            n => format!("{n} files"),
        };
        match processes {
            _ if self.declaration.run == RunMode::Once => format!("`{command}`"),
            1 => format!("`{command}` ({files})"),
            p => format!("`{command}` (one of {p} processes, {files})"),
        }
    }
}

/// A missing program: an error when the declaration requires it, a note
/// when it does not.
fn missing(checker: &str, declaration: &Declaration, program: &str) -> Result<Ran, ToolFailure> {
    let install = match &declaration.install {
        Some(how) => format!(" (install it with `{how}`)"),
        None => String::new(),
    };
    if declaration.required {
        let message = format!(
            "`{program}` is not installed or not on PATH, and the {checker} checker needs it\
             {install}; set `required = false` in [checkers.{checker}] to skip the checker \
             when the tool is missing"
        );
        Err(ToolFailure { message })
    } else {
        let message = format!(
            "the {checker} checker did not run: `{program}` is not installed or not on PATH{install}"
        );
        Ok(Ran { findings: Vec::new(), notes: vec![Note::new("", message)] })
    }
}

fn summarize(failures: &[String]) -> String {
    let mut message =
        failures.iter().take(MAX_FAILURES_SHOWN).cloned().collect::<Vec<_>>().join("\n");
    if failures.len() > MAX_FAILURES_SHOWN {
        message.push_str(&format!(
            "\n… and {} more failed processes",
            failures.len() - MAX_FAILURES_SHOWN
        ));
    }
    message
}

/// `PATH` as the tool will see it: the declaration's `env` may replace it.
fn path_variable(env: &[(String, String)]) -> Option<OsString> {
    match env.iter().rev().find(|(k, _)| k == "PATH") {
        Some((_, value)) => Some(value.into()),
        None => std::env::var_os("PATH"),
    }
}

fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    std::path::absolute(path).map(|p| normalize(&p))
}
