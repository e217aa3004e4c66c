//! The four gates: project non-regression against a baseline, per-file
//! non-regression, diff coverage and an absolute floor. Each compares
//! rounded [`Percent`]s; each says why it passed, failed or was skipped.

use std::collections::BTreeSet;

use crate::baseline::Baseline;
use crate::model::{Counts, Coverage, ranges};
use crate::percent::Percent;
use crate::settings::{BaselineRule, CoverageSettings};
use lintgate_engine::changes::ChangedLines;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gate {
    Baseline,
    PerFile,
    Diff,
    Floor,
}

impl Gate {
    pub fn name(self) -> &'static str {
        match self {
            Gate::Baseline => "baseline",
            Gate::PerFile => "per-file",
            Gate::Diff => "diff",
            Gate::Floor => "floor",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateResult {
    pub gate: Gate,
    pub outcome: Outcome,
    /// One line: what was compared with what.
    pub summary: String,
}

/// A file whose coverage is lower than in the baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDrop {
    pub path: String,
    pub before: Option<Percent>,
    pub after: Option<Percent>,
    /// Uncovered now and not uncovered in the baseline.
    pub newly_uncovered: Vec<(u32, u32)>,
    pub failed: bool,
}

/// A changed file's measured changed lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    pub path: String,
    pub measured: u64,
    pub covered: u64,
    pub uncovered: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffSummary {
    pub merge_base: String,
    pub base: String,
    pub measured: u64,
    pub covered: u64,
    pub percent: Option<Percent>,
    pub files: Vec<ChangedFile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub totals: Counts,
    pub line_percent: Option<Percent>,
    pub branch_percent: Option<Percent>,
    pub baseline_totals: Option<Counts>,
    pub gates: Vec<GateResult>,
    pub drops: Vec<FileDrop>,
    pub diff: Option<DiffSummary>,
}

impl Evaluation {
    pub fn failed(&self) -> bool {
        self.gates.iter().any(|g| g.outcome == Outcome::Failed)
    }
}

/// What the gates are given besides the current coverage.
pub struct Inputs<'a> {
    pub baseline: Option<&'a Baseline>,
    /// Why there is no baseline, when the baseline gate should say so.
    pub baseline_missing: Option<String>,
    /// Changed lines and the revision they were computed against.
    pub changes: Option<(&'a ChangedLines, &'a str)>,
}

pub fn evaluate(coverage: &Coverage, inputs: &Inputs, settings: &CoverageSettings) -> Evaluation {
    let p = settings.precision;
    let totals = coverage.totals();
    let mut evaluation = Evaluation {
        totals,
        line_percent: Percent::of(totals.covered, totals.measured, p),
        branch_percent: Percent::of(totals.branches.covered, totals.branches.total, p),
        baseline_totals: inputs.baseline.map(|b| b.totals.into()),
        gates: Vec::new(),
        drops: Vec::new(),
        diff: None,
    };
    match inputs.baseline {
        Some(baseline) => {
            evaluation.drops = file_drops(coverage, baseline, settings);
            evaluation.gates.push(baseline_gate(totals, baseline.totals.into(), settings));
        }
        None => evaluation.gates.push(GateResult {
            gate: Gate::Baseline,
            outcome: Outcome::Skipped,
            summary: inputs.baseline_missing.clone().unwrap_or_else(|| "no baseline given".into()),
        }),
    }
    if settings.file_max_drop.is_some() || settings.new_file_min.is_some() {
        evaluation.gates.push(match inputs.baseline {
            Some(_) => per_file_gate(&evaluation.drops),
            None => GateResult {
                gate: Gate::PerFile,
                outcome: Outcome::Skipped,
                summary: "no baseline to compare files with".into(),
            },
        });
    }
    if settings.diff_min > 0.0 {
        match inputs.changes {
            Some((changes, base)) => {
                let summary = diff_summary(coverage, changes, base, p);
                evaluation.gates.push(diff_gate(&summary, settings));
                evaluation.diff = Some(summary);
            }
            None => evaluation.gates.push(GateResult {
                gate: Gate::Diff,
                outcome: Outcome::Skipped,
                summary: "no base revision (--since, CI_MERGE_REQUEST_DIFF_BASE_SHA or [coverage] default-branch)".into(),
            }),
        }
    }
    if let Some(floor) = settings.fail_under {
        let floor = Percent::from_value(floor, p);
        let (outcome, relation) = match evaluation.line_percent {
            Some(now) if now < floor => (Outcome::Failed, format!("{now} < {floor}")),
            Some(now) => (Outcome::Passed, format!("{now} >= {floor}")),
            None => (Outcome::Passed, "no measured lines".to_string()),
        };
        evaluation.gates.push(GateResult {
            gate: Gate::Floor,
            outcome,
            summary: format!("line coverage {relation} (fail-under)"),
        });
    }
    evaluation
}

fn baseline_gate(now: Counts, before: Counts, settings: &CoverageSettings) -> GateResult {
    let p = settings.precision;
    let allowed = Percent::from_value(settings.max_drop, p);
    let mut failures = Vec::new();
    let mut parts = Vec::new();
    if settings.baseline_rule != BaselineRule::Uncovered {
        let pairs = [
            (
                "line",
                Percent::of(now.covered, now.measured, p),
                Percent::of(before.covered, before.measured, p),
            ),
            (
                "branch",
                Percent::of(now.branches.covered, now.branches.total, p),
                Percent::of(before.branches.covered, before.branches.total, p),
            ),
        ];
        for (what, after, before) in pairs {
            let (Some(after), Some(before)) = (after, before) else { continue };
            let text = format!(
                "{what} coverage {after} (baseline {before}, {:+})",
                Delta(after.minus(before))
            );
            if after < before.minus(allowed) {
                let allowed = allowed.to_string();
                let allowed = allowed.trim_end_matches('%');
                failures.push(format!("{text}: more than the {allowed} points max-drop allows"));
            } else {
                parts.push(text);
            }
        }
    }
    if settings.baseline_rule != BaselineRule::Percent {
        let text = format!("{} uncovered lines (baseline {})", now.uncovered(), before.uncovered());
        if now.uncovered() > before.uncovered() {
            failures.push(format!("{text}: the number of uncovered lines grew"));
        } else {
            parts.push(text);
        }
    }
    if failures.is_empty() {
        GateResult { gate: Gate::Baseline, outcome: Outcome::Passed, summary: parts.join("; ") }
    } else {
        GateResult { gate: Gate::Baseline, outcome: Outcome::Failed, summary: failures.join("; ") }
    }
}

/// A difference in points, shown with a sign.
struct Delta(Percent);

impl std::fmt::Display for Delta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0.to_string();
        let text = text.trim_end_matches('%');
        if f.sign_plus() && !text.starts_with('-') {
            write!(f, "+{text} points")
        } else {
            write!(f, "{text} points")
        }
    }
}

fn file_drops(
    coverage: &Coverage,
    baseline: &Baseline,
    settings: &CoverageSettings,
) -> Vec<FileDrop> {
    let p = settings.precision;
    let max_drop = settings.file_max_drop.map(|d| Percent::from_value(d, p));
    let new_min = settings.new_file_min.map(|m| Percent::from_value(m, p));
    let mut drops = Vec::new();
    for (path, file) in &coverage.files {
        let counts = file.counts();
        let after = Percent::of(counts.covered, counts.measured, p);
        match baseline.files.get(path) {
            Some(old) => {
                let before = Percent::of(old.counts.covered, old.counts.measured, p);
                let (Some(b), Some(a)) = (before, after) else { continue };
                if a >= b {
                    continue;
                }
                let was_uncovered: BTreeSet<u32> =
                    old.uncovered.iter().flat_map(|&(s, e)| s..=e).collect();
                let newly = ranges(file.uncovered().filter(|l| !was_uncovered.contains(l)));
                let failed = max_drop.is_some_and(|allowed| a < b.minus(allowed));
                drops.push(FileDrop {
                    path: path.clone(),
                    before,
                    after,
                    newly_uncovered: newly,
                    failed,
                });
            }
            None => {
                let Some(a) = after else { continue };
                let failed = new_min.is_some_and(|min| a < min);
                if failed {
                    drops.push(FileDrop {
                        path: path.clone(),
                        before: None,
                        after,
                        newly_uncovered: ranges(file.uncovered()),
                        failed,
                    });
                }
            }
        }
    }
    drops
}

fn per_file_gate(drops: &[FileDrop]) -> GateResult {
    let failed: Vec<&FileDrop> = drops.iter().filter(|d| d.failed).collect();
    if failed.is_empty() {
        return GateResult {
            gate: Gate::PerFile,
            outcome: Outcome::Passed,
            summary: "no file dropped more than allowed".into(),
        };
    }
    let names: Vec<&str> = failed.iter().take(3).map(|d| d.path.as_str()).collect();
    let more =
        if failed.len() > 3 { format!(" and {} more", failed.len() - 3) } else { String::new() };
    GateResult {
        gate: Gate::PerFile,
        outcome: Outcome::Failed,
        summary: format!(
            "{} file(s) below their threshold: {}{more}",
            failed.len(),
            names.join(", ")
        ),
    }
}

fn diff_summary(coverage: &Coverage, changes: &ChangedLines, base: &str, p: u32) -> DiffSummary {
    let mut summary = DiffSummary {
        merge_base: changes.merge_base.clone(),
        base: base.to_string(),
        measured: 0,
        covered: 0,
        percent: None,
        files: Vec::new(),
    };
    for (path, lines) in &changes.files {
        let Some(file) = coverage.files.get(path) else { continue };
        let mut changed =
            ChangedFile { path: path.clone(), measured: 0, covered: 0, uncovered: Vec::new() };
        let mut uncovered = Vec::new();
        for &line in lines {
            match file.hits(line) {
                Some(0) => uncovered.push(line),
                Some(_) => changed.covered += 1,
                None => continue,
            }
            changed.measured += 1;
        }
        if changed.measured > 0 {
            changed.uncovered = ranges(uncovered);
            summary.measured += changed.measured;
            summary.covered += changed.covered;
            summary.files.push(changed);
        }
    }
    summary.percent = Percent::of(summary.covered, summary.measured, p);
    summary
}

fn diff_gate(summary: &DiffSummary, settings: &CoverageSettings) -> GateResult {
    let min = Percent::from_value(settings.diff_min, settings.precision);
    let short = &summary.merge_base[..summary.merge_base.len().min(12)];
    let Some(percent) = summary.percent else {
        return GateResult {
            gate: Gate::Diff,
            outcome: Outcome::Passed,
            summary: format!(
                "no measured lines changed since {short} (merge base with {})",
                summary.base
            ),
        };
    };
    let text = format!(
        "{percent} of {} measured changed lines covered since {short} (merge base with {})",
        summary.measured, summary.base
    );
    if percent < min {
        GateResult {
            gate: Gate::Diff,
            outcome: Outcome::Failed,
            summary: format!("{text}: below diff-min {min}"),
        }
    } else {
        GateResult { gate: Gate::Diff, outcome: Outcome::Passed, summary: text }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileCoverage;
    use std::collections::BTreeMap;

    fn coverage(files: &[(&str, &[(u32, u32)])]) -> Coverage {
        let mut c = Coverage::default();
        for (path, lines) in files {
            c.add_file(
                path.to_string(),
                FileCoverage { lines: lines.to_vec(), ..Default::default() },
            );
        }
        c
    }

    fn outcome(e: &Evaluation, gate: Gate) -> Outcome {
        e.gates.iter().find(|g| g.gate == gate).unwrap().outcome.clone()
    }

    #[test]
    fn baseline_gate_fails_on_any_drop_by_default() {
        let before = coverage(&[("a.py", &[(1, 1), (2, 1), (3, 0), (4, 1)])]);
        let baseline = Baseline::from_coverage(&before, None, "cobertura");
        let after = coverage(&[("a.py", &[(1, 1), (2, 0), (3, 0), (4, 1)])]);
        let inputs = Inputs { baseline: Some(&baseline), baseline_missing: None, changes: None };
        let settings = CoverageSettings::default();
        let e = evaluate(&after, &inputs, &settings);
        assert_eq!(outcome(&e, Gate::Baseline), Outcome::Failed);
        assert_eq!(e.drops[0].newly_uncovered, vec![(2, 2)]);
        assert_eq!(outcome(&e, Gate::Diff), Outcome::Skipped);
        let lenient = CoverageSettings { max_drop: 25.0, ..CoverageSettings::default() };
        assert_eq!(outcome(&evaluate(&after, &inputs, &lenient), Gate::Baseline), Outcome::Passed);
        let same = evaluate(&before, &inputs, &settings);
        assert_eq!(outcome(&same, Gate::Baseline), Outcome::Passed);
        assert!(!same.failed());
    }

    #[test]
    fn uncovered_rule_tolerates_deleted_covered_code() {
        let before = coverage(&[("a.py", &[(1, 1), (2, 1), (3, 0)])]);
        let baseline = Baseline::from_coverage(&before, None, "lcov");
        let after = coverage(&[("a.py", &[(1, 1), (3, 0)])]);
        let inputs = Inputs { baseline: Some(&baseline), baseline_missing: None, changes: None };
        let percent = CoverageSettings::default();
        assert_eq!(outcome(&evaluate(&after, &inputs, &percent), Gate::Baseline), Outcome::Failed);
        let uncovered = CoverageSettings {
            baseline_rule: BaselineRule::Uncovered,
            ..CoverageSettings::default()
        };
        assert_eq!(
            outcome(&evaluate(&after, &inputs, &uncovered), Gate::Baseline),
            Outcome::Passed
        );
    }

    #[test]
    fn diff_gate_counts_measured_changed_lines_only() {
        let now = coverage(&[("a.py", &[(1, 1), (2, 0), (3, 1), (4, 0), (5, 1)])]);
        let changes = ChangedLines {
            merge_base: "0123456789abcdef".into(),
            files: BTreeMap::from([
                ("a.py".to_string(), vec![2, 3, 4, 9]),
                ("README.md".to_string(), vec![1]),
            ]),
        };
        let inputs = Inputs {
            baseline: None,
            baseline_missing: None,
            changes: Some((&changes, "origin/main")),
        };
        let e = evaluate(&now, &inputs, &CoverageSettings::default());
        let diff = e.diff.as_ref().unwrap();
        assert_eq!((diff.measured, diff.covered), (3, 1));
        assert_eq!(diff.files[0].uncovered, vec![(2, 2), (4, 4)]);
        assert_eq!(outcome(&e, Gate::Diff), Outcome::Failed);
        let low = CoverageSettings { diff_min: 33.0, ..CoverageSettings::default() };
        assert_eq!(outcome(&evaluate(&now, &inputs, &low), Gate::Diff), Outcome::Passed);
        let none = ChangedLines {
            merge_base: "x".into(),
            files: BTreeMap::from([("docs.md".to_string(), vec![1])]),
        };
        let inputs =
            Inputs { baseline: None, baseline_missing: None, changes: Some((&none, "main")) };
        let e = evaluate(&now, &inputs, &CoverageSettings::default());
        assert_eq!(outcome(&e, Gate::Diff), Outcome::Passed);
        assert!(e.gates[1].summary.contains("no measured lines"));
    }

    #[test]
    fn floor_and_per_file_gates() {
        let now = coverage(&[("a.py", &[(1, 1), (2, 0)]), ("new.py", &[(1, 0), (2, 0), (3, 1)])]);
        let base = Baseline::from_coverage(&coverage(&[("a.py", &[(1, 1), (2, 1)])]), None, "lcov");
        let settings = CoverageSettings {
            fail_under: Some(50.0),
            new_file_min: Some(50.0),
            file_max_drop: Some(60.0),
            ..CoverageSettings::default()
        };
        let inputs = Inputs { baseline: Some(&base), baseline_missing: None, changes: None };
        let e = evaluate(&now, &inputs, &settings);
        assert_eq!(outcome(&e, Gate::Floor), Outcome::Failed, "{:?}", e.gates);
        assert_eq!(outcome(&e, Gate::PerFile), Outcome::Failed);
        let failed: Vec<&str> =
            e.drops.iter().filter(|d| d.failed).map(|d| d.path.as_str()).collect();
        assert_eq!(failed, ["new.py"]);
    }
}
