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

/// A report that cannot be read, with the line of the problem when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: Option<usize>,
    pub message: String,
}

impl ParseError {
    pub fn at(line: usize, message: impl Into<String>) -> ParseError {
        ParseError { line: Some(line), message: message.into() }
    }

    pub fn whole(message: impl Into<String>) -> ParseError {
        ParseError { line: None, message: message.into() }
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

pub fn parse(format: Format, bytes: &[u8]) -> Result<RawReport, ParseError> {
    let (sources, files) = match format {
        Format::Cobertura => cobertura::parse(bytes)?,
        Format::Jacoco => (Vec::new(), jacoco::parse(bytes)?),
        Format::Lcov => (Vec::new(), lcov::parse(text(bytes)?)?),
        Format::CoveragePyJson => (Vec::new(), coveragepy::parse(bytes)?),
        Format::Go => (Vec::new(), gocover::parse(text(bytes)?)?),
    };
    Ok(RawReport { format, sources, files })
}

fn text(bytes: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = xml::line_at(bytes, e.valid_up_to() as u64);
        ParseError::at(line, "the report is not valid UTF-8")
    })
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
