//! The share of the reference tool's findings that lintgate reproduces
//! (same file, line and code), and the reference's codes lintgate lacks,
//! ranked by how often they occur: the work list for breadth.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::Key;

/// The report: reproduced share, then missing codes by count.
pub fn report(
    theirs: &[Key],
    ours: &BTreeSet<Key>,
    implemented: &[String],
    parse_error: &str,
    reference_parse_error: impl Fn(&str) -> bool,
) -> String {
    let broken_ours: BTreeSet<&str> =
        ours.iter().filter(|k| k.2 == parse_error).map(|k| k.0.as_str()).collect();
    let theirs: BTreeSet<&Key> = theirs.iter().collect();
    let mut reproduced = 0;
    let mut missing: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unmatched: BTreeMap<&str, usize> = BTreeMap::new();
    for key in &theirs {
        let hit = if reference_parse_error(&key.2) {
            broken_ours.contains(key.0.as_str())
        } else {
            ours.contains(*key)
        };
        if hit {
            reproduced += 1;
        } else if implemented.contains(&key.2) || reference_parse_error(&key.2) {
            *unmatched.entry(key.2.as_str()).or_default() += 1;
        } else {
            *missing.entry(key.2.as_str()).or_default() += 1;
        }
    }
    let total = theirs.len().max(1);
    let mut out = format!(
        "Reproduced: {reproduced} of {} findings ({:.1}%) in {} codes; {} codes missing\n\n",
        theirs.len(),
        reproduced as f64 * 100.0 / total as f64,
        theirs.iter().map(|k| &k.2).collect::<BTreeSet<_>>().len(),
        missing.len()
    );
    let mut ranked: Vec<(&str, usize)> = missing.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut left = theirs.len() - reproduced;
    out.push_str("| missing code | findings | share | reproduced if added |\n|---|---|---|---|\n");
    let mut running = reproduced;
    for (code, count) in &ranked {
        running += count;
        left -= count;
        let _ = writeln!(
            out,
            "| {code} | {count} | {:.1}% | {:.1}% |",
            *count as f64 * 100.0 / total as f64,
            running as f64 * 100.0 / total as f64
        );
    }
    let unmatched_total: usize = unmatched.values().sum();
    let _ = writeln!(
        out,
        "\nNot reproduced in implemented codes: {unmatched_total} ({left} after every missing code)\n"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(file: &str, line: u64, code: &str) -> Key {
        (file.to_string(), line, code.to_string())
    }

    #[test]
    fn counts_reproduced_missing_and_parse_errors() {
        let theirs = vec![
            key("a", 1, "SC2086"),
            key("a", 2, "SC2086"),
            key("a", 3, "SC2250"),
            key("a", 4, "SC2250"),
            key("b", 1, "SC1073"),
            key("c", 5, "SC2004"),
        ];
        let ours: BTreeSet<Key> =
            [key("a", 1, "SC2086"), key("b", 9, "LG201"), key("a", 7, "SC2034")].into();
        let implemented = vec!["SC2086".to_string()];
        let text = report(&theirs, &ours, &implemented, "LG201", |c| c == "SC1073");
        assert!(
            text.starts_with("Reproduced: 2 of 6 findings (33.3%) in 4 codes; 2 codes missing"),
            "{text}"
        );
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| SC")).collect();
        assert_eq!(rows, ["| SC2250 | 2 | 33.3% | 66.7% |", "| SC2004 | 1 | 16.7% | 83.3% |"]);
        assert!(
            text.contains("Not reproduced in implemented codes: 1 (1 after every missing code)"),
            "{text}"
        );
    }
}
