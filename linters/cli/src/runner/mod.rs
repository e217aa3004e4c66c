//! Runs the checkers while discovery is still walking: files stream from the
//! walker through a bounded channel into a rayon pool, where each is read and
//! checked, and only its diagnostics and notes are kept. Batch and repository
//! checkers run after that, on the files that could be read.

mod batch;
pub mod cache;
mod entry;
mod file;
mod located;
mod pack;

pub use batch::place_all;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use lintgate_engine::diagnostic::{Diagnostic, Note};
use lintgate_engine::source::Position;
use rayon::prelude::*;

use crate::checkers::Checkers;
use crate::discovery::{Candidate, Found, Sink};
use crate::settings::Settings;
use file::{FileResult, check_file, runner_diagnostic};

pub const RUNNER: &str = "runner";

/// How many batches of discovered files may wait for a worker; bounds
/// memory when the walk is faster than the checks.
const QUEUE: usize = 64;

/// Everything a run produced, in report order.
#[derive(Debug, Default)]
pub struct RunOutput {
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<Note>,
    pub files_checked: usize,
    /// Each checker that ran, with the number of files it looked at.
    pub checkers_ran: BTreeMap<String, usize>,
    /// Internal errors and failed tools: the run exits 2.
    pub failures: Vec<String>,
    /// The checkers that failed as a whole (their files went unchecked).
    pub failed_checkers: Vec<String>,
    /// Set when a baseline was applied.
    pub baseline: Option<BaselineCounts>,
}

/// What a baseline did to a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct BaselineCounts {
    /// Findings hidden because the baseline lists them.
    pub hidden: usize,
    /// Baseline entries that no longer occur.
    pub stale: usize,
}

/// What the workers accumulate; merged pairwise at the end.
#[derive(Default)]
struct Tally {
    out: RunOutput,
    /// Files batch checkers will be given (kept only when there are some).
    readable: Vec<Candidate>,
}

impl Tally {
    fn add(mut self, found: Found, context: &RunContext, checkers: &Checkers) -> Tally {
        match found {
            Found::Note(note) => self.out.notes.push(note),
            Found::Unreadable(u) => {
                let start = Position { line: 1, column: 1 };
                self.out
                    .diagnostics
                    .push(runner_diagnostic(&u.display, "LG002", u.message, start, ""));
            }
            Found::File(candidate) => {
                if let Some(files) = context.progress {
                    files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                let content = context.contents.get(&candidate.path).cloned();
                let result = check_file(&candidate, content, checkers, context.root, context.cache);
                let readable = result.readable;
                self.add_file(result);
                if readable && !checkers.batch.is_empty() {
                    self.readable.push(candidate);
                }
            }
        }
        self
    }

    fn add_file(&mut self, result: FileResult) {
        self.out.diagnostics.extend(result.diagnostics);
        self.out.notes.extend(result.notes);
        self.out.files_checked += usize::from(result.checked);
        for name in result.ran {
            *self.out.checkers_ran.entry(name.to_string()).or_default() += 1;
        }
        self.out.failures.extend(result.crashed);
    }

    fn merge(mut self, other: Tally) -> Tally {
        self.out.diagnostics.extend(other.out.diagnostics);
        self.out.notes.extend(other.out.notes);
        self.out.files_checked += other.out.files_checked;
        for (name, count) in other.out.checkers_ran {
            *self.out.checkers_ran.entry(name).or_default() += count;
        }
        self.out.failures.extend(other.out.failures);
        self.out.failed_checkers.extend(other.out.failed_checkers);
        self.readable.extend(other.readable);
        self
    }
}

/// What a run needs besides its files and checkers.
pub struct RunContext<'a> {
    pub root: &'a Path,
    /// The root directory's settings (for repository checkers).
    pub root_settings: &'a Settings,
    /// Content to check instead of the file on disk (standard input, staged blobs).
    pub contents: &'a HashMap<PathBuf, Vec<u8>>,
    /// Whether repository checkers run (only one shard of a sharded run).
    pub repo_checkers: bool,
    /// Counts the files checked, for the progress line.
    pub progress: Option<&'a std::sync::atomic::AtomicUsize>,
    /// The result cache, unless `--no-cache` (or it cannot be used).
    pub cache: Option<&'a cache::ResultCache>,
}

/// Runs every checker on what `discover` sends to its sink.
pub fn run<E: Send>(
    discover: impl FnOnce(Sink) -> Result<(), E> + Send,
    checkers: &Checkers,
    context: &RunContext,
) -> Result<RunOutput, E> {
    let (sender, receiver) = mpsc::sync_channel::<Vec<Found>>(QUEUE);
    let tally = std::thread::scope(|scope| {
        let producer = scope.spawn(move || {
            let send = move |found: Vec<Found>| {
                // The receiver lives until the channel is drained.
                let _ = sender.send(found);
            };
            discover(&send)
        });
        let tally = receiver
            .into_iter()
            .par_bridge()
            .fold(Tally::default, |tally, batch| {
                batch.into_iter().fold(tally, |tally, found| tally.add(found, context, checkers))
            })
            .reduce(Tally::default, Tally::merge);
        match producer.join() {
            Ok(discovered) => discovered.map(|()| tally),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })?;
    let mut out = tally.out;
    let mut readable = tally.readable;
    readable.sort_by(|a, b| a.display.cmp(&b.display));
    batch::run(&readable, checkers, context, &mut out);
    out.diagnostics.sort_by(|a, b| key(a).cmp(&key(b)));
    // A finding in an included CI file is also found when that file is
    // checked on its own: report each (file, position, code, message) once.
    // Different messages at one place stay (pyflakes reports each unused
    // name of a multi-line import on its first line).
    out.diagnostics.dedup_by(|a, b| key(a) == key(b));
    out.notes.sort();
    Ok(out)
}

/// The order findings are reported in, and what makes two the same.
fn key(d: &Diagnostic) -> (&str, Position, &str, &str) {
    (&d.path, d.start, &d.code, &d.message)
}

#[cfg(test)]
mod tests;
