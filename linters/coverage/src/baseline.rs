//! The baseline: the target branch's coverage, compact and versioned.
//! Per file the measured and covered line counts, the uncovered lines as
//! ranges and the branch counts; totals; the commit and report format it
//! was made from. Enough for every gate, at a fraction of a report's size.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Branches, Counts, Coverage, ranges};

/// The format version this lintgate writes and the newest it reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub lintgate_baseline: u32,
    pub tool: String,
    pub commit: Option<String>,
    pub report_format: String,
    pub totals: BaselineCounts,
    pub files: BTreeMap<String, BaselineFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineCounts {
    pub measured: u64,
    pub covered: u64,
    pub branches_total: u64,
    pub branches_covered: u64,
}

impl From<Counts> for BaselineCounts {
    fn from(c: Counts) -> Self {
        BaselineCounts {
            measured: c.measured,
            covered: c.covered,
            branches_total: c.branches.total,
            branches_covered: c.branches.covered,
        }
    }
}

impl From<BaselineCounts> for Counts {
    fn from(c: BaselineCounts) -> Self {
        Counts {
            measured: c.measured,
            covered: c.covered,
            branches: Branches { covered: c.branches_covered, total: c.branches_total },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineFile {
    #[serde(flatten)]
    pub counts: BaselineCounts,
    /// Uncovered lines as inclusive ranges.
    pub uncovered: Vec<(u32, u32)>,
}

impl Baseline {
    pub fn from_coverage(
        coverage: &Coverage,
        commit: Option<String>,
        report_format: &str,
    ) -> Baseline {
        Baseline {
            lintgate_baseline: VERSION,
            tool: format!("lintgate {}", env!("CARGO_PKG_VERSION")),
            commit,
            report_format: report_format.to_string(),
            totals: coverage.totals().into(),
            files: coverage
                .files
                .iter()
                .map(|(path, file)| {
                    let entry = BaselineFile {
                        counts: file.counts().into(),
                        uncovered: ranges(file.uncovered()),
                    };
                    (path.clone(), entry)
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string(self).expect("a baseline always serializes");
        text.push('\n');
        text
    }

    /// Reads a baseline; a newer format is a clear version error.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        /// Read first, so a newer format is a version error, not a field error.
        #[derive(Deserialize)]
        struct Header {
            lintgate_baseline: Option<u64>,
            tool: Option<String>,
        }
        let header: Header = serde_json::from_str(text)
            .map_err(|e| format!("not a lintgate baseline (invalid JSON: {e})"))?;
        let version = header.lintgate_baseline.ok_or(
            "not a lintgate baseline (no `lintgate_baseline` version); make one with `lintgate coverage baseline REPORT -o FILE`",
        )?;
        if version > u64::from(VERSION) {
            let tool = header.tool.as_deref().unwrap_or("a newer lintgate");
            return Err(format!(
                "the baseline has format version {version}, written by {tool}; this lintgate ({}) reads up to version {VERSION}: upgrade lintgate, or regenerate the baseline with this version",
                env!("CARGO_PKG_VERSION")
            ));
        }
        serde_json::from_str(text).map_err(|e| format!("a malformed lintgate baseline: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileCoverage;

    #[test]
    fn round_trips_and_refuses_newer_versions() {
        let mut coverage = Coverage::default();
        coverage.add_file(
            "a.py".into(),
            FileCoverage {
                lines: vec![(1, 1), (2, 0), (3, 0), (5, 0)],
                branches: Branches { covered: 1, total: 2 },
            },
        );
        let baseline = Baseline::from_coverage(&coverage, Some("abc".into()), "cobertura");
        assert_eq!(baseline.files["a.py"].uncovered, vec![(2, 3), (5, 5)]);
        let read = Baseline::parse(&baseline.to_json()).unwrap();
        assert_eq!(read, baseline);
        let newer =
            baseline.to_json().replace("\"lintgate_baseline\":1", "\"lintgate_baseline\":7");
        let error = Baseline::parse(&newer).unwrap_err();
        assert!(error.contains("version 7") && error.contains("upgrade"), "{error}");
        assert!(Baseline::parse("{}").unwrap_err().contains("not a lintgate baseline"));
        assert!(Baseline::parse("<xml/>").is_err());
    }
}
