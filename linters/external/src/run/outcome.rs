//! What a finished process means: a success code is a clean run (whose
//! output is still read: some tools exit 0 with warnings), a finding code
//! must come with findings, anything else is a failure.

use super::process::{Finished, MAX_OUTPUT, Status};
use crate::declaration::{Declaration, OutputStream};
use crate::parsers::ToolFinding;
use crate::text::abbreviate;

/// How many lines of stderr a failure shows.
const STDERR_LINES: usize = 10;

/// The findings of a finished process, or why it failed. `file_output` is
/// the content of `{tmpfile}` when the declaration reads it.
pub fn interpret(
    declaration: &Declaration,
    finished: &Finished,
    file_output: Option<&[u8]>,
) -> Result<Vec<ToolFinding>, String> {
    let code = match finished.status {
        Status::Exited(code) => code,
        Status::Signaled(signal) => {
            return Err(failure(finished, format!("was killed by signal {signal}")));
        }
        Status::TimedOut => {
            let seconds = declaration.timeout.as_secs_f64();
            return Err(failure(
                finished,
                format!(
                    "did not finish within {seconds} s (`timeout`); it and its children were killed"
                ),
            ));
        }
    };
    let success = declaration.success_codes.contains(&code);
    let findings = declaration.finding_codes.contains(&code);
    if !success && !findings {
        return Err(failure(finished, format!("exited with status {code}")));
    }
    if declaration.parser.is_pass_fail() {
        if success {
            return Ok(Vec::new());
        }
        let mut printed = finished.stdout.bytes.clone();
        if !printed.is_empty() && !printed.ends_with(b"\n") {
            printed.push(b'\n');
        }
        printed.extend_from_slice(&finished.stderr.bytes);
        return declaration.parser.parse(&String::from_utf8_lossy(&printed));
    }
    let (bytes, truncated) = match declaration.output {
        OutputStream::Stdout => (finished.stdout.bytes.as_slice(), finished.stdout.truncated),
        OutputStream::Stderr => (finished.stderr.bytes.as_slice(), finished.stderr.truncated),
        OutputStream::File => (file_output.unwrap_or_default(), false),
    };
    if truncated {
        let limit = MAX_OUTPUT / (1024 * 1024);
        return Err(failure(finished, format!("printed more than the {limit} MiB lintgate reads")));
    }
    let parsed = declaration.parser.parse(&String::from_utf8_lossy(bytes)).map_err(|e| {
        failure(finished, format!("exited with status {code}, but its output did not parse: {e}"))
    })?;
    if findings && parsed.is_empty() {
        return Err(failure(
            finished,
            format!("exited with status {code}, which means findings, but its output has none"),
        ));
    }
    Ok(parsed)
}

/// `what` happened, followed by the start of stderr.
fn failure(finished: &Finished, what: String) -> String {
    let stderr = String::from_utf8_lossy(&finished.stderr.bytes);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return what;
    }
    let mut message = format!("{what}; stderr:");
    for line in lines.iter().take(STDERR_LINES) {
        message.push_str("\n  ");
        message.push_str(&abbreviate(line, 300));
    }
    if lines.len() > STDERR_LINES {
        message.push_str(&format!("\n  … ({} more lines)", lines.len() - STDERR_LINES));
    }
    message
}
