//! What checkers find ([`Finding`]), what reports show ([`Diagnostic`]) and
//! what is worth telling but never a finding ([`Note`]).

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::Serialize;

use crate::source::Position;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!("`{other}` is not a severity (error, warning, info)")),
        }
    }
}

/// One replacement of a byte range of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub content: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the code.
    Safe,
    /// May change behaviour; applied only when asked.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// What a checker reports: a code, a message and a byte range of the file
/// it checked. The engine turns it into a [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: String,
    pub message: String,
    pub range: Range<usize>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(code: impl Into<String>, message: impl Into<String>, range: Range<usize>) -> Self {
        Finding { code: code.into(), message: message.into(), range, fix: None }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// An edit with positions, as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PositionedEdit {
    pub start: Position,
    pub end: Position,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PositionedFix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<PositionedEdit>,
}

/// A finding placed in the repository, with everything a report needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Repository-relative POSIX path.
    pub path: String,
    pub start: Position,
    pub end: Position,
    pub code: String,
    pub checker: String,
    pub severity: Severity,
    pub message: String,
    pub fix: Option<PositionedFix>,
    /// See [`crate::fingerprint`].
    pub fingerprint: String,
    /// The flagged line's text (the first line of the span, at most
    /// [`MAX_LINE_TEXT`] characters: see [`line_excerpt`]), for code frames
    /// and fingerprints.
    #[serde(skip)]
    pub line_text: String,
}

/// How much of a flagged line a diagnostic keeps. Minified or generated
/// files can have megabyte lines with thousands of findings each; keeping
/// the whole line per finding would cost memory and hashing time quadratic
/// in the line length.
pub const MAX_LINE_TEXT: usize = 1024;

/// The start of `line`, at most [`MAX_LINE_TEXT`] characters.
pub fn line_excerpt(line: &str) -> String {
    match line.char_indices().nth(MAX_LINE_TEXT) {
        Some((end, _)) => line[..end].to_string(),
        None => line.to_string(),
    }
}

/// Something worth saying that is not a finding: a skipped binary file, a
/// tool that is not installed. Never counted, never fails a run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Note {
    pub path: String,
    pub message: String,
}

impl Note {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Note {
        Note { path: path.into(), message: message.into() }
    }
}
