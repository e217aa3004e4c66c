//! coverage.py's JSON report (`coverage json`, format 2 or 3): per file
//! `executed_lines` (hit once) and `missing_lines` (never hit), branch
//! counts from `summary`. Contexts and per-function data are not needed.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{ParseError, RawFile};
use crate::model::{Branches, FileCoverage};

/// The newest `meta.format` this parser knows.
const NEWEST_FORMAT: u64 = 3;

#[derive(Deserialize)]
struct Report {
    meta: Meta,
    files: BTreeMap<String, File>,
}

#[derive(Deserialize)]
struct Meta {
    format: u64,
}

#[derive(Deserialize)]
struct File {
    executed_lines: Vec<u32>,
    missing_lines: Vec<u32>,
    #[serde(default)]
    summary: Summary,
}

#[derive(Deserialize, Default)]
struct Summary {
    #[serde(default)]
    num_branches: u64,
    #[serde(default)]
    covered_branches: u64,
}

pub fn parse(bytes: &[u8]) -> Result<Vec<RawFile>, ParseError> {
    let report: Report = serde_json::from_slice(bytes).map_err(|e| {
        let message = format!("not a coverage.py JSON report: {e}");
        if e.line() > 0 { ParseError::at(e.line(), message) } else { ParseError::whole(message) }
    })?;
    if report.meta.format > NEWEST_FORMAT || report.meta.format < 2 {
        return Err(ParseError::whole(format!(
            "coverage.py JSON format {} is not supported (2 and 3 are)",
            report.meta.format
        )));
    }
    let mut files = Vec::with_capacity(report.files.len());
    for (path, file) in report.files {
        if file.executed_lines.iter().chain(&file.missing_lines).any(|&line| line == 0) {
            return Err(ParseError::whole(format!("`{path}` lists line 0")));
        }
        let mut lines: Vec<(u32, u32)> = file.executed_lines.iter().map(|&l| (l, 1)).collect();
        lines.extend(file.missing_lines.iter().map(|&l| (l, 0)));
        let branches =
            Branches { covered: file.summary.covered_branches, total: file.summary.num_branches };
        if branches.covered > branches.total {
            return Err(ParseError::whole(format!("`{path}` covers more branches than it has")));
        }
        files.push(RawFile { path, coverage: FileCoverage { lines, branches } });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Location;

    #[test]
    fn reads_executed_and_missing_lines() {
        let text = r#"{"meta": {"format": 3, "version": "7.6.0"}, "files": {"pkg/a.py": {"executed_lines": [1, 2], "missing_lines": [4], "excluded_lines": [], "summary": {"num_branches": 2, "covered_branches": 1}}}, "totals": {}}"#;
        let files = parse(text.as_bytes()).unwrap();
        assert_eq!(files[0].path, "pkg/a.py");
        assert_eq!(files[0].coverage.lines, vec![(1, 1), (2, 1), (4, 0)]);
        assert_eq!(files[0].coverage.branches, Branches { covered: 1, total: 2 });
    }

    #[test]
    fn rejects_newer_formats_and_garbage() {
        let newer = r#"{"meta": {"format": 9}, "files": {}}"#;
        assert!(parse(newer.as_bytes()).unwrap_err().message.contains("format 9"));
        let error = parse(
            b"{\n\"meta\": {\"format\": 3},\n\"files\": {\"a\": {\"executed_lines\": [\"x\"]}}}",
        )
        .unwrap_err();
        assert_eq!(error.location, Location::Line(3));
    }
}
