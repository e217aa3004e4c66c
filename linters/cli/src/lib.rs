//! lintgate's command line: argument parsing, discovery, the parallel
//! runner and the reports. The `lintgate` binary calls [`main`].

mod args;
mod baseline;
mod checkers;
mod commands;
mod discovery;
mod progress;
mod read;
mod report;
mod rules;
mod runner;
mod scope;
mod settings;
mod shard;

use std::process::ExitCode;

use clap::Parser;

pub use checkers::{Checkers, native as native_checkers};

/// What the process exits with (see the README's "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing at or above the fail level.
    Clean = 0,
    /// Findings at or above the fail level.
    Findings = 1,
    /// Usage, configuration or internal error, or a failed tool.
    Error = 2,
}

/// A usage or configuration error: printed, then exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl<E: std::fmt::Display> From<E> for UsageError {
    fn from(e: E) -> Self {
        UsageError(e.to_string())
    }
}

/// Writes to standard output. A closed pipe (`lintgate ... | head`) is not
/// an error: the reader has what it wanted.
pub(crate) fn print_stdout(text: &str) -> Result<(), UsageError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(UsageError(format!("cannot write to standard output: {e}")))
        }
        _ => Ok(()),
    }
}

pub fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        None => commands::lint::run(args::LintArgs::default()),
        Some(args::Command::Lint(lint)) => commands::lint::run(lint),
        Some(args::Command::Rules { format }) => commands::rules::list(format),
        Some(args::Command::Explain { code }) => commands::rules::explain(&code),
        Some(args::Command::Config(config)) => commands::config::show(&config),
        Some(args::Command::Baseline(baseline)) => commands::baseline::run(baseline),
        Some(args::Command::Clean { config_source }) => commands::clean::run(&config_source),
        Some(args::Command::Coverage(command)) => commands::coverage::run(command),
        Some(args::Command::MergeReports(merge)) => commands::merge_reports::run(merge),
        Some(args::Command::Hook(command)) => commands::hook::run(command),
        Some(args::Command::Init(init)) => commands::init::run(init),
        Some(args::Command::Completions { shell }) => {
            let mut command = <args::Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "lintgate", &mut std::io::stdout());
            Ok(Status::Clean)
        }
    };
    let status = result.unwrap_or_else(|UsageError(message)| {
        eprintln!("lintgate: error: {message}");
        Status::Error
    });
    ExitCode::from(status as u8)
}
