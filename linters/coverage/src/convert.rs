//! Writes Cobertura XML with repository-relative file names, for GitLab's
//! `artifacts: reports: coverage_report` (which shows coverage in merge
//! request diffs). GitLab ignores reports over 10 MiB and `<source>` lists
//! over 100 entries: none are written (names are already relative), and a
//! report over the size limit comes with a warning.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::Coverage;

/// GitLab's limit for one Cobertura report.
pub const GITLAB_MAX_BYTES: usize = 10 << 20;

pub fn to_cobertura(coverage: &Coverage, timestamp: u64) -> String {
    let totals = coverage.totals();
    let rate =
        |covered: u64, total: u64| if total == 0 { 1.0 } else { covered as f64 / total as f64 };
    let mut packages: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for path in coverage.files.keys() {
        let package = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        packages.entry(package).or_default().push(path);
    }
    let mut out = String::with_capacity(coverage.files.len() * 256);
    out.push_str("<?xml version=\"1.0\" ?>\n");
    let _ = writeln!(
        out,
        "<coverage version=\"lintgate {}\" timestamp=\"{timestamp}\" lines-valid=\"{}\" lines-covered=\"{}\" line-rate=\"{:.4}\" branches-valid=\"{}\" branches-covered=\"{}\" branch-rate=\"{:.4}\" complexity=\"0\">",
        env!("CARGO_PKG_VERSION"),
        totals.measured,
        totals.covered,
        rate(totals.covered, totals.measured),
        totals.branches.total,
        totals.branches.covered,
        rate(totals.branches.covered, totals.branches.total),
    );
    out.push_str("  <sources/>\n  <packages>\n");
    for (package, paths) in packages {
        let _ = writeln!(
            out,
            "    <package name=\"{}\" complexity=\"0\">\n      <classes>",
            escape(&package.replace('/', "."))
        );
        for path in paths {
            let file = &coverage.files[path];
            let counts = file.counts();
            let _ = writeln!(
                out,
                "        <class name=\"{0}\" filename=\"{0}\" line-rate=\"{1:.4}\" branch-rate=\"{2:.4}\" complexity=\"0\">\n          <methods/>\n          <lines>",
                escape(path),
                rate(counts.covered, counts.measured),
                rate(counts.branches.covered, counts.branches.total),
            );
            for (line, hits) in &file.lines {
                let _ = writeln!(out, "            <line number=\"{line}\" hits=\"{hits}\"/>");
            }
            out.push_str("          </lines>\n        </class>\n");
        }
        out.push_str("      </classes>\n    </package>\n");
    }
    out.push_str("  </packages>\n</coverage>\n");
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{Format, parse};
    use crate::model::FileCoverage;

    #[test]
    fn round_trips_through_the_cobertura_parser() {
        let mut coverage = Coverage::default();
        coverage.add_file(
            "src/a&b.py".into(),
            FileCoverage { lines: vec![(1, 2), (3, 0)], ..Default::default() },
        );
        coverage
            .add_file("top.py".into(), FileCoverage { lines: vec![(5, 1)], ..Default::default() });
        let xml = to_cobertura(&coverage, 0);
        let report = parse(Format::Cobertura, &mut xml.as_bytes()).unwrap();
        let mut back = Coverage::default();
        for file in report.files {
            back.add_file(file.path, file.coverage);
        }
        assert_eq!(back, coverage);
        assert!(report.sources.is_empty());
    }
}
