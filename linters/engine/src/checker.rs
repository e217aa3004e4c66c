//! The three shapes of checker. Checker crates implement these; the CLI
//! schedules them.
//!
//! - [`FileChecker`]: a pure function of one file, run in parallel on a
//!   rayon pool (keep parsers in thread-locals: one per worker).
//! - [`BatchChecker`]: given many files at once (external tools).
//! - [`RepoChecker`]: runs once for the repository (the coverage gate).

use std::path::{Path, PathBuf};

use crate::diagnostic::{Finding, Note};
use crate::kind::FileKind;
use crate::selector::RuleSelection;
use crate::source::Position;
use crate::suppression::Suppression;

/// What a file checker is told besides the file.
pub struct FileContext<'a> {
    /// Rules enabled for this file (after `per-file-ignores`).
    pub rules: &'a RuleSelection,
    /// The checker's own configuration table, `[python]` for the python checker.
    pub settings: Option<&'a toml::Table>,
    /// `--isolated`: configuration files of other tools (`.markdownlint.json`)
    /// are not read either.
    pub isolated: bool,
}

impl FileContext<'_> {
    pub fn is_enabled(&self, code: &str) -> bool {
        self.rules.is_enabled(code)
    }
}

/// What a file checker returns.
#[derive(Debug, Default)]
pub struct FileOutput {
    pub findings: Vec<Finding>,
    /// Suppression comments found in the file (the engine applies them to
    /// the findings of every checker that ran on the file).
    pub suppressions: Vec<Suppression>,
    pub notes: Vec<String>,
    /// Findings in other files, with their positions: a CI file reports
    /// what it finds in the text it includes from other files.
    pub located: Vec<LocatedFinding>,
}

pub trait FileChecker: Send + Sync {
    /// The checker name shown in reports (`python`, `shell`, ...).
    fn name(&self) -> &'static str;
    fn handles(&self, kind: FileKind) -> bool;
    fn check(&self, file: &crate::source::SourceFile, context: &FileContext) -> FileOutput;
    /// Whether this checker reports rules of `checker` (a rule's `checker`
    /// field): its own, and for some, another's (CI YAML reports shell
    /// rules). A checker none of whose rules is enabled is not run.
    fn reports_rules_of(&self, checker: &str) -> bool {
        checker == self.name()
    }
    /// For the result cache: a hash of what this checker's result on
    /// `file` depends on besides the file's content and its settings (tool
    /// configuration files, say); `None` when it depends on something too
    /// wide to key cheaply (other files' contents), so it is never cached.
    fn cache_key(&self, _file: &crate::source::SourceFile, _context: &FileContext) -> Option<u64> {
        None
    }
}

/// A finding that already carries its location, as external tools report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedFinding {
    /// Repository-relative POSIX path.
    pub path: String,
    pub start: Position,
    pub end: Position,
    pub code: String,
    pub severity: crate::diagnostic::Severity,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct BatchOutput {
    pub findings: Vec<LocatedFinding>,
    pub notes: Vec<Note>,
}

/// A checker failure that is not a finding: a tool that crashed, timed out
/// or printed what cannot be parsed. The run exits 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckerError {
    pub message: String,
}

/// A file handed to a batch checker.
#[derive(Debug, Clone)]
pub struct BatchFile {
    pub path: String,
    pub disk_path: PathBuf,
    pub kind: FileKind,
}

pub trait BatchChecker: Send + Sync {
    fn name(&self) -> &'static str;
    fn handles(&self, file: &BatchFile) -> bool;
    fn check_batch(&self, root: &Path, files: &[BatchFile]) -> Result<BatchOutput, CheckerError>;
}

pub trait RepoChecker: Send + Sync {
    fn name(&self) -> &'static str;
    /// `settings` is the checker's table in the root configuration; `None`
    /// back means the checker is not configured to run.
    fn check_repo(
        &self,
        root: &Path,
        settings: Option<&toml::Table>,
    ) -> Result<Option<BatchOutput>, CheckerError>;
}
