//! Coverage report formats. Each parser turns a file's bytes into a
//! [`RawReport`]: paths as the report wrote them, plus what is needed to
//! resolve them (Cobertura's `<source>` entries); [`crate::paths`] then
//! places them in the repository.

mod cobertura;
mod coveragepy;
mod gocover;
mod jacoco;
mod lcov;
mod xml;

use std::fmt;
use std::io::BufRead;
use std::str::FromStr;

use crate::model::FileCoverage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Cobertura,
    Lcov,
    CoveragePyJson,
    Go,
    Jacoco,
}

impl Format {
    pub const ALL: [Format; 5] =
        [Format::Cobertura, Format::Lcov, Format::CoveragePyJson, Format::Go, Format::Jacoco];

    pub fn name(self) -> &'static str {
        match self {
            Format::Cobertura => "cobertura",
            Format::Lcov => "lcov",
            Format::CoveragePyJson => "coverage-json",
            Format::Go => "go",
            Format::Jacoco => "jacoco",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Format, String> {
        Format::ALL.into_iter().find(|f| f.name() == text).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown coverage format `{text}` (one of auto, {})", names.join(", "))
        })
    }
}

/// One file of a report, under the path the report gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFile {
    pub path: String,
    pub coverage: FileCoverage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawReport {
    pub format: Format,
    /// Cobertura `<source>` directories, trimmed, in order.
    pub sources: Vec<String>,
    pub files: Vec<RawFile>,
}

/// A report that cannot be read, with where the problem is when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub location: Location,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Line(usize),
    /// A byte offset (streaming XML readers know no lines); the loader
    /// turns it into a line by counting newlines up to it.
    Offset(u64),
    Whole,
}

impl ParseError {
    pub fn at(line: usize, message: impl Into<String>) -> ParseError {
        ParseError { location: Location::Line(line), message: message.into() }
    }

    pub fn at_offset(offset: u64, message: impl Into<String>) -> ParseError {
        ParseError { location: Location::Offset(offset), message: message.into() }
    }

    pub fn whole(message: impl Into<String>) -> ParseError {
        ParseError { location: Location::Whole, message: message.into() }
    }

    /// The 1-based line of the problem in a report read from `input`.
    pub fn line_in(&self, input: impl std::io::Read) -> Option<usize> {
        match self.location {
            Location::Line(line) => Some(line),
            Location::Offset(offset) => {
                let mut newlines = 0;
                let mut reader = std::io::BufReader::new(input.take(offset));
                loop {
                    let chunk = std::io::BufRead::fill_buf(&mut reader).ok()?;
                    if chunk.is_empty() {
                        break Some(newlines + 1);
                    }
                    newlines += memchr::memchr_iter(b'\n', chunk).count();
                    let used = chunk.len();
                    std::io::BufRead::consume(&mut reader, used);
                }
            }
            Location::Whole => None,
        }
    }
}

/// Guesses the format from the first bytes: XML root element, JSON, a Go
/// `mode:` line or LCOV records.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        if text.contains("<report") || text.contains("JACOCO") {
            return Some(Format::Jacoco);
        }
        return Some(Format::Cobertura);
    }
    if text.starts_with('{') {
        return Some(Format::CoveragePyJson);
    }
    if text.starts_with("mode:") {
        return Some(Format::Go);
    }
    let lcov = text.lines().take(20).any(|line| {
        ["TN:", "SF:", "DA:", "FN:", "end_of_record"]
            .iter()
            .any(|p| line.trim_start().starts_with(p))
    });
    lcov.then_some(Format::Lcov)
}

/// Parses a report from a buffered reader: XML and text formats stream,
/// so a report never has to fit in memory next to its model.
pub fn parse(format: Format, input: &mut dyn BufRead) -> Result<RawReport, ParseError> {
    let (sources, files) = match format {
        Format::Cobertura => cobertura::parse(input)?,
        Format::Jacoco => (Vec::new(), jacoco::parse(input)?),
        Format::Lcov => (Vec::new(), lcov::parse(input)?),
        Format::CoveragePyJson => {
            let mut bytes = Vec::new();
            input.read_to_end(&mut bytes).map_err(|e| ParseError::whole(e.to_string()))?;
            (Vec::new(), coveragepy::parse(&bytes)?)
        }
        Format::Go => (Vec::new(), gocover::parse(input)?),
    };
    Ok(RawReport { format, sources, files })
}

/// Calls `each` with every line (1-based number, bytes without the line
/// end) of a text report. Lines are sliced out of the reader's own buffer;
/// only a line that spans two buffer fills is copied.
fn each_line(
    input: &mut dyn BufRead,
    mut each: impl FnMut(usize, &[u8]) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let io = |e: std::io::Error| ParseError::whole(e.to_string());
    let mut carry: Vec<u8> = Vec::new();
    let mut number = 0;
    loop {
        let chunk = input.fill_buf().map_err(io)?;
        if chunk.is_empty() {
            if !carry.is_empty() {
                each(number + 1, trim_line_end(&carry))?;
            }
            return Ok(());
        }
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', chunk) {
            number += 1;
            if carry.is_empty() {
                each(number, trim_line_end(&chunk[start..end]))?;
            } else {
                carry.extend_from_slice(&chunk[start..end]);
                each(number, trim_line_end(&carry))?;
                carry.clear();
            }
            start = end + 1;
        }
        carry.extend_from_slice(&chunk[start..]);
        let used = chunk.len();
        input.consume(used);
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Parses a line or hit count field of a text format.
fn count(field: &str, what: &str, line: usize) -> Result<u64, ParseError> {
    xml::parse_count(field).ok_or_else(|| {
        ParseError::at(line, format!("{what} `{field}` is not a whole non-negative number"))
    })
}

fn line_number(field: &str, line: usize) -> Result<u32, ParseError> {
    match field.trim().parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(ParseError::at(line, format!("line number `{field}` is not a positive integer"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        assert_eq!(detect(b"<?xml version=\"1.0\" ?>\n<coverage>"), Some(Format::Cobertura));
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\"><report name=\"x\">"),
            Some(Format::Jacoco)
        );
        assert_eq!(detect(b"{\"meta\": {\"format\": 3}}"), Some(Format::CoveragePyJson));
        assert_eq!(detect(b"mode: set\nx.go:1.1,2.2 1 1\n"), Some(Format::Go));
        assert_eq!(detect(b"TN:\nSF:/a.c\nDA:1,1\nend_of_record\n"), Some(Format::Lcov));
        assert_eq!(detect(b"hello"), None);
    }
}
