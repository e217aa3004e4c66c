//! The one model every report format is read into: per file, the measured
//! lines with their hit counts and the branch totals. Percentages are
//! always computed from these counts, never averaged.

use std::collections::BTreeMap;

/// Coverage of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileCoverage {
    /// Measured lines as (line, hits), sorted by line, each line once.
    /// Hits saturate at `u32::MAX`: only "ran or not" and sums matter, and
    /// 8 bytes a line keeps a 50 MB report's model small.
    pub lines: Vec<(u32, u32)>,
    pub branches: Branches,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Branches {
    pub covered: u64,
    pub total: u64,
}

impl Branches {
    pub fn add(&mut self, other: Branches) {
        self.covered += other.covered;
        self.total += other.total;
    }
}

impl FileCoverage {
    /// Sorts the lines and sums the hits of a line listed more than once
    /// (several classes of one file, repeated blocks, merged shards).
    pub fn normalize(&mut self) {
        if self.lines.windows(2).all(|w| w[0].0 < w[1].0) {
            return;
        }
        self.lines.sort_unstable_by_key(|&(line, _)| line);
        self.lines.dedup_by(|later, kept| {
            if later.0 == kept.0 {
                kept.1 = kept.1.saturating_add(later.1);
                true
            } else {
                false
            }
        });
    }

    pub fn merge(&mut self, other: FileCoverage) {
        self.lines.extend(other.lines);
        self.branches.add(other.branches);
        self.normalize();
    }

    pub fn counts(&self) -> Counts {
        Counts {
            measured: self.lines.len() as u64,
            covered: self.lines.iter().filter(|(_, hits)| *hits > 0).count() as u64,
            branches: self.branches,
        }
    }

    pub fn hits(&self, line: u32) -> Option<u32> {
        self.lines.binary_search_by_key(&line, |&(l, _)| l).ok().map(|i| self.lines[i].1)
    }

    pub fn uncovered(&self) -> impl Iterator<Item = u32> + '_ {
        self.lines.iter().filter(|(_, hits)| *hits == 0).map(|&(line, _)| line)
    }
}

/// Line and branch counts of a file or a whole project.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub measured: u64,
    pub covered: u64,
    pub branches: Branches,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.measured += other.measured;
        self.covered += other.covered;
        self.branches.add(other.branches);
    }

    pub fn uncovered(&self) -> u64 {
        self.measured - self.covered
    }
}

/// Coverage of a project, keyed by repository-relative POSIX path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub files: BTreeMap<String, FileCoverage>,
}

impl Coverage {
    pub fn add_file(&mut self, path: String, file: FileCoverage) {
        match self.files.entry(path) {
            std::collections::btree_map::Entry::Occupied(mut slot) => slot.get_mut().merge(file),
            std::collections::btree_map::Entry::Vacant(slot) => {
                let mut file = file;
                file.normalize();
                slot.insert(file);
            }
        }
    }

    /// Merges another report of the same code (a parallel test shard):
    /// hits are summed, a line is measured if either measured it.
    pub fn merge(&mut self, other: Coverage) {
        for (path, file) in other.files {
            self.add_file(path, file);
        }
    }

    pub fn totals(&self) -> Counts {
        let mut totals = Counts::default();
        for file in self.files.values() {
            totals.add(file.counts());
        }
        totals
    }
}

/// A hit count from a report, saturated to the model's width.
pub fn saturate(hits: u64) -> u32 {
    u32::try_from(hits).unwrap_or(u32::MAX)
}

/// Collapses sorted line numbers into inclusive ranges: 3,4,5,9 -> 3-5, 9.
pub fn ranges(lines: impl IntoIterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for line in lines {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == line => *end = line,
            _ => out.push((line, line)),
        }
    }
    out
}

/// "3-5, 9".
pub fn format_ranges(ranges: &[(u32, u32)]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") })
        .collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_sums_repeated_lines() {
        let mut file = FileCoverage { lines: vec![(5, 1), (2, 0), (5, 2)], ..Default::default() };
        file.normalize();
        assert_eq!(file.lines, vec![(2, 0), (5, 3)]);
    }

    #[test]
    fn merging_shards_sums_hits_and_unions_lines() {
        let mut a = Coverage::default();
        a.add_file(
            "x.py".into(),
            FileCoverage { lines: vec![(1, 0), (2, 1)], ..Default::default() },
        );
        let mut b = Coverage::default();
        b.add_file(
            "x.py".into(),
            FileCoverage { lines: vec![(1, 3), (7, 0)], ..Default::default() },
        );
        a.merge(b);
        assert_eq!(a.files["x.py"].lines, vec![(1, 3), (2, 1), (7, 0)]);
        assert_eq!(a.totals().covered, 2);
        assert_eq!(a.totals().measured, 3);
    }

    #[test]
    fn ranges_collapse_runs() {
        assert_eq!(ranges([3, 4, 5, 9]), vec![(3, 5), (9, 9)]);
        assert_eq!(format_ranges(&ranges([3, 4, 5, 9])), "3-5, 9");
    }
}
