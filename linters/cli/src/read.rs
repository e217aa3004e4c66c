//! Reading a candidate into a [`SourceFile`], or saying why it cannot be:
//! an unreadable file (LG002), bytes that are not UTF-8 (LG003), or a file
//! that is skipped with a note (binary, too large).

use std::fs;

use lintgate_engine::diagnostic::line_excerpt;
use lintgate_engine::source::{LineIndex, Position, SourceFile};

use crate::discovery::Candidate;

/// Files larger than this are skipped with a note.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// How far to look for a NUL byte when deciding a file is binary (as git does).
const BINARY_SNIFF_LEN: usize = 8000;

#[derive(Debug)]
pub enum Loaded {
    Source(SourceFile),
    /// A runner finding about the file as a whole.
    Problem {
        code: &'static str,
        message: String,
        start: Position,
        line_text: String,
    },
    Skipped(String),
}

/// Reads `candidate` from disk, or takes `input` (standard input) instead.
pub fn load(candidate: &Candidate, input: Option<Vec<u8>>) -> Loaded {
    let bytes = match input {
        Some(bytes) => bytes,
        None => match read_bounded(candidate) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(skipped)) => return Loaded::Skipped(skipped),
            Err(e) => return problem("LG002", format!("cannot read the file: {e}")),
        },
    };
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Loaded::Skipped(too_large(bytes.len() as u64));
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_LEN)]).is_some() {
        return Loaded::Skipped("skipped: binary file (it has a NUL byte)".into());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Loaded::Source(SourceFile::new(
            candidate.display.clone(),
            candidate.path.clone(),
            candidate.kind,
            text,
        )),
        Err(e) => invalid_utf8(e.as_bytes(), e.utf8_error().valid_up_to()),
    }
}

fn read_bounded(candidate: &Candidate) -> std::io::Result<Result<Vec<u8>, String>> {
    let metadata = fs::metadata(&candidate.path)?;
    if !metadata.is_file() {
        // A FIFO or device would block or never end.
        return Err(std::io::Error::other("not a regular file"));
    }
    let size = metadata.len();
    if size > MAX_FILE_SIZE {
        return Ok(Err(too_large(size)));
    }
    fs::read(&candidate.path).map(Ok)
}

fn too_large(size: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let mib = size as f64 / (1024.0 * 1024.0);
    format!("skipped: {mib:.1} MiB is over the {} MiB size limit", MAX_FILE_SIZE / 1024 / 1024)
}

fn problem(code: &'static str, message: String) -> Loaded {
    let start = Position { line: 1, column: 1 };
    Loaded::Problem { code, message, start, line_text: String::new() }
}

/// LG003 at the first invalid byte; the valid prefix gives its position.
fn invalid_utf8(bytes: &[u8], valid_up_to: usize) -> Loaded {
    let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let lines = LineIndex::new(valid);
    let start = lines.position(valid, valid.len());
    let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
    let line_end =
        memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |i| line_start + i);
    let line_text = line_excerpt(&String::from_utf8_lossy(&bytes[line_start..line_end]));
    let message =
        format!("not valid UTF-8: byte 0x{:02X} at offset {valid_up_to}", bytes[valid_up_to]);
    Loaded::Problem { code: "LG003", message, start, line_text }
}
