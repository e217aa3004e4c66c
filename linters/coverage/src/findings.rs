//! The gate's results as findings, for lintgate's reports: one LG501 per
//! range of uncovered changed lines (what Code Quality shows in a merge
//! request), and one error per failed gate.

use lintgate_engine::checker::LocatedFinding;
use lintgate_engine::diagnostic::Severity;
use lintgate_engine::source::Position;

use crate::gates::{Evaluation, Gate, Outcome};
use crate::model::format_ranges;

pub fn findings(
    e: &Evaluation,
    report: &str,
    baseline_warning: Option<&str>,
) -> Vec<LocatedFinding> {
    let mut out = Vec::new();
    let at =
        |path: &str, start: u32, end: u32, code: &str, severity, message: String| LocatedFinding {
            path: path.to_string(),
            start: Position { line: start, column: 1 },
            end: Position { line: end, column: 1 },
            code: code.to_string(),
            severity,
            message,
        };
    if let Some(diff) = &e.diff {
        for file in &diff.files {
            for &(start, end) in &file.uncovered {
                let lines = if start == end {
                    format!("line {start} is")
                } else {
                    format!("lines {start}-{end} are")
                };
                out.push(at(
                    &file.path,
                    start,
                    end,
                    "LG501",
                    Severity::Info,
                    format!("changed {lines} not covered by tests"),
                ));
            }
        }
    }
    for gate in e.gates.iter().filter(|g| g.outcome == Outcome::Failed) {
        match gate.gate {
            Gate::Baseline => out.push(at(
                report,
                1,
                1,
                "LG502",
                Severity::Error,
                format!("coverage dropped below the baseline: {}", gate.summary),
            )),
            Gate::Diff => out.push(at(
                report,
                1,
                1,
                "LG504",
                Severity::Error,
                format!("too few changed lines are covered: {}", gate.summary),
            )),
            Gate::Floor => out.push(at(
                report,
                1,
                1,
                "LG505",
                Severity::Error,
                format!("coverage is below the floor: {}", gate.summary),
            )),
            Gate::PerFile => {
                for d in e.drops.iter().filter(|d| d.failed) {
                    let line = d.newly_uncovered.first().map_or(1, |r| r.0);
                    let what = match (d.before, d.after) {
                        (Some(b), Some(a)) => format!("coverage dropped from {b} to {a}"),
                        (_, a) => format!(
                            "new file covered {}",
                            a.map_or("n/a".into(), |a| a.to_string())
                        ),
                    };
                    let uncovered = if d.newly_uncovered.is_empty() {
                        String::new()
                    } else {
                        format!("; newly uncovered: {}", format_ranges(&d.newly_uncovered))
                    };
                    out.push(at(
                        &d.path,
                        line,
                        line,
                        "LG503",
                        Severity::Error,
                        format!("{what}, more than allowed{uncovered}"),
                    ));
                }
            }
        }
    }
    if let Some(reason) = baseline_warning {
        out.push(at(
            report,
            1,
            1,
            "LG506",
            Severity::Info,
            format!("no coverage baseline, the baseline gate was skipped: {reason}"),
        ));
    }
    out
}
