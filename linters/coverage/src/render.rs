//! The readable result: totals, the files whose coverage dropped, the
//! uncovered changed lines, each gate's outcome, and the final
//! `coverage: NN.NN%` line that GitLab's `coverage:` regex reads.

use std::fmt::Write as _;

use crate::gates::{Evaluation, Outcome};
use crate::model::format_ranges;
use crate::percent::Percent;

pub fn text(e: &Evaluation, precision: u32) -> String {
    let mut out = String::new();
    let percent = |p: Option<Percent>| p.map_or_else(|| "n/a".to_string(), |p| p.to_string());
    let _ = write!(
        out,
        "Coverage: {} of {} lines ({} covered)",
        percent(e.line_percent),
        e.totals.measured,
        e.totals.covered
    );
    if e.totals.branches.total > 0 {
        let _ =
            write!(out, ", branches {} of {}", percent(e.branch_percent), e.totals.branches.total);
    }
    out.push('\n');
    if let Some(base) = e.baseline_totals {
        let _ = writeln!(
            out,
            "Baseline: {} of {} lines",
            percent(Percent::of(base.covered, base.measured, precision)),
            base.measured
        );
    }
    if !e.drops.is_empty() {
        out.push_str("\nFiles whose coverage dropped:\n");
        out.push_str(&drop_table(e));
    }
    if let Some(diff) = &e.diff {
        let short = &diff.merge_base[..diff.merge_base.len().min(12)];
        let _ = writeln!(
            out,
            "\nChanged lines since {short} (merge base with {}): {} of {} measured lines covered",
            diff.base,
            percent(diff.percent),
            diff.measured
        );
        let width = diff.files.iter().map(|f| f.path.len()).max().unwrap_or(0);
        for file in diff.files.iter().filter(|f| !f.uncovered.is_empty()) {
            let _ = writeln!(
                out,
                "  {:width$}  {} of {} uncovered: {}",
                file.path,
                file.measured - file.covered,
                file.measured,
                format_ranges(&file.uncovered)
            );
        }
    }
    out.push_str("\nGates:\n");
    for gate in &e.gates {
        let outcome = match gate.outcome {
            Outcome::Passed => "passed ",
            Outcome::Failed => "FAILED ",
            Outcome::Skipped => "skipped",
        };
        let _ = writeln!(out, "  {outcome}  {:8}  {}", gate.gate.name(), gate.summary);
    }
    let _ = writeln!(out, "\ncoverage: {}", percent(e.line_percent));
    out
}

/// The table of files whose coverage dropped.
pub fn drop_table(e: &Evaluation) -> String {
    let percent = |p: Option<Percent>| p.map_or_else(|| "new".to_string(), |p| p.to_string());
    let width = e.drops.iter().map(|d| d.path.len()).max().unwrap_or(0).max(4);
    let mut out = format!(
        "  {:width$}  {:>8}  {:>8}  {:>8}  NEWLY UNCOVERED LINES\n",
        "FILE", "BEFORE", "AFTER", "DELTA"
    );
    for d in &e.drops {
        let delta = match (d.before, d.after) {
            (Some(b), Some(a)) => a.minus(b).to_string().trim_end_matches('%').to_string(),
            _ => "-".to_string(),
        };
        let marker = if d.failed { "  (over the limit)" } else { "" };
        let _ = writeln!(
            out,
            "  {:width$}  {:>8}  {:>8}  {:>8}  {}{marker}",
            d.path,
            percent(d.before),
            percent(d.after),
            delta,
            format_ranges(&d.newly_uncovered)
        );
    }
    out
}
