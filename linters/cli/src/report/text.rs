//! Human-readable output: rustc-style code frames and a summary line.
//!
//! ```text
//! error[LG005]: merge-conflict marker `<<<<<<<` left in the file
//!  --> src/app.py:2:1
//!   |
//! 2 | <<<<<<< HEAD
//!   | ^^^^^^^
//! ```

use std::collections::BTreeMap;
use std::fmt::Write;

use lintgate_engine::diagnostic::{Diagnostic, Severity};
use lintgate_engine::registry;
use rayon::prelude::*;

use super::{ReportOptions, plural};
use crate::runner::{BaselineCounts, RunOutput};

const TAB: &str = "    ";

struct Paint {
    on: bool,
}

impl Paint {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.on { format!("\x1b[{style}m{text}\x1b[0m") } else { text.to_string() }
    }
    fn severity(&self, severity: Severity, text: &str) -> String {
        let style = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(style, text)
    }
    fn gutter(&self, text: &str) -> String {
        self.paint("1;34", text)
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

pub fn render(run: &RunOutput, options: &ReportOptions) -> String {
    let paint = Paint { on: options.color };
    let mut out = String::new();
    if options.statistics {
        statistics(&mut out, run);
    } else {
        // Frames are independent: render chunks in parallel, in order.
        let chunks: Vec<String> = run
            .diagnostics
            .par_chunks(512)
            .map(|chunk| {
                let mut text = String::new();
                for d in chunk {
                    frame(&mut text, d, &paint);
                }
                text
            })
            .collect();
        out.extend(chunks);
    }
    if options.show_notes {
        for note in &run.notes {
            let location =
                if note.path.is_empty() { String::new() } else { format!("{}: ", note.path) };
            let _ = writeln!(out, "{}: {location}{}", paint.bold("note"), note.message);
        }
    }
    if !options.quiet {
        summary(&mut out, run, options, &paint);
    }
    out
}

fn frame(out: &mut String, d: &Diagnostic, paint: &Paint) {
    let header = format!("{}[{}]", d.severity, d.code);
    let _ = writeln!(out, "{}: {}", paint.severity(d.severity, &header), paint.bold(&d.message));
    let number = d.start.line.to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{}",
        paint.gutter("-->"),
        d.path,
        d.start.line,
        d.start.column
    );
    if d.line_text.is_empty() && d.start.column == 1 {
        let _ = writeln!(out);
        return;
    }
    let bar = paint.gutter("|");
    let (shown, caret_start, caret_len) = underline(d);
    let _ = writeln!(out, "{pad} {bar}");
    let _ = writeln!(out, "{} {bar} {shown}", paint.gutter(&number));
    let carets = paint.severity(d.severity, &"^".repeat(caret_len));
    let _ = writeln!(out, "{pad} {bar} {}{carets}", " ".repeat(caret_start));
    let _ = writeln!(out, "{pad} {bar}");
    let _ = writeln!(out);
}

/// The line as displayed (tabs expanded) and where its carets go. A span
/// that runs past the line is underlined to the line's end; an empty span
/// gets one caret.
fn underline(d: &Diagnostic) -> (String, usize, usize) {
    let chars: Vec<char> = d.line_text.trim_end_matches(['\r', '\n']).chars().collect();
    let start = (d.start.column as usize - 1).min(chars.len());
    let end = if d.end.line == d.start.line {
        (d.end.column as usize - 1).min(chars.len())
    } else {
        chars.len()
    };
    let width = |c: &char| if *c == '\t' { TAB.len() } else { 1 };
    let line = d.line_text.trim_end_matches(['\r', '\n']);
    let shown = if line.contains('\t') { line.replace('\t', TAB) } else { line.to_string() };
    let caret_start: usize = chars[..start].iter().map(width).sum();
    let caret_len: usize = chars[start..end.max(start)].iter().map(width).sum();
    (shown, caret_start, caret_len.max(1))
}

fn statistics(out: &mut String, run: &RunOutput) {
    let mut counts: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    for d in &run.diagnostics {
        *counts.entry((d.code.as_str(), d.severity)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((code, severity), count) in rows {
        let name = registry::find(code).filter(|r| r.code == code).map_or("", |r| r.name);
        let _ = writeln!(out, "{count:>6}  {code:<10} {:<8} {name}", severity.name());
    }
}

/// Why a run with failures is incomplete: which checkers failed (their
/// files were not checked by them), else how many internal errors.
fn not_run(run: &RunOutput) -> String {
    let mut names: Vec<&str> = run.failed_checkers.iter().map(String::as_str).collect();
    names.sort_unstable();
    names.dedup();
    let named: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let what = match named.as_slice() {
        [] => {
            return format!(
                "{} (see the errors below).",
                plural(run.failures.len(), "internal error")
            );
        }
        [one] => format!("the {one} checker failed, so its files were not checked by it"),
        many => format!(
            "the {} checkers failed, so their files were not checked by them",
            many.join(", ")
        ),
    };
    let others = run.failures.len().saturating_sub(names.len());
    if others > 0 {
        format!("{what}, and {} (see the errors below).", plural(others, "internal error"))
    } else if run.failures.len() == 1 {
        format!("{what} (see the error below).")
    } else {
        format!("{what} (see the errors below).")
    }
}

/// "12 baselined", and the stale entries with how to remove them.
fn baseline_summary(
    out: &mut String,
    counts: BaselineCounts,
    options: &ReportOptions,
    paint: &Paint,
) {
    let _ = write!(out, "{} baselined", counts.hidden);
    if counts.stale == 0 {
        let _ = writeln!(out, ".");
        return;
    }
    let entries =
        if counts.stale == 1 { "entry no longer occurs" } else { "entries no longer occur" };
    let stale = format!("{} baseline {entries}", counts.stale);
    let stale = if options.fail_on_stale { paint.paint("1;31", &stale) } else { stale };
    let _ = writeln!(out, "; {stale} (`lintgate baseline --prune` removes stale entries).");
}

fn summary(out: &mut String, run: &RunOutput, options: &ReportOptions, paint: &Paint) {
    let files = plural(run.files_checked, "file");
    if run.files_checked == 0 && run.diagnostics.is_empty() && run.failures.is_empty() {
        let _ = writeln!(out, "no files to lint");
    } else if run.diagnostics.is_empty() && !run.failures.is_empty() {
        let _ = writeln!(out, "No findings in {files} checked.");
    } else if run.diagnostics.is_empty() {
        let _ = writeln!(
            out,
            "{} {files} checked, no findings.",
            paint.paint("1;32", "All checks passed:")
        );
    } else {
        let count = |s: Severity| run.diagnostics.iter().filter(|d| d.severity == s).count();
        let parts: Vec<String> =
            [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Info, "info")]
                .into_iter()
                .filter(|(s, _)| count(*s) > 0)
                .map(|(s, noun)| {
                    if noun == "info" {
                        format!("{} info", count(s))
                    } else {
                        plural(count(s), noun)
                    }
                })
                .collect();
        let failing = run.diagnostics.iter().any(|d| d.severity >= options.fail_on);
        let verdict = if failing {
            paint.paint("1;31", "Found")
        } else {
            paint.paint("1", "Found (below the fail level)")
        };
        let _ = writeln!(out, "{verdict} {} in {files} checked.", parts.join(", "));
    }
    if let Some(counts) = run.baseline {
        baseline_summary(out, counts, options, paint);
    }
    if !run.failures.is_empty() {
        let _ = writeln!(out, "{} {}", paint.paint("1;31", "Not all checks ran:"), not_run(run));
    }
    if !run.notes.is_empty() && !options.show_notes {
        let _ = writeln!(out, "{} (--show-notes to list them).", plural(run.notes.len(), "note"));
    }
}
