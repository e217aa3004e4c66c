//! `cargo xtask compat <shell|python|markdown> [DIR] [--check]`: lintgate against
//! the reference tool on the same files with the same codes. Prints, per
//! code, both counts, the matches (same file, line and code), precision and
//! recall of lintgate against the reference, and writes the disagreements
//! to `.bench/compat-<language>.txt`. With `--check`, fails when a code
//! misses its targets.

mod ci_schema;
mod flake8;
pub mod markdown;
mod pydocstyle;
mod python;
mod share;
mod shell;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::corpus;

/// (file, line, code)
pub type Key = (String, u64, String);

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("shell") => shell::run(root, &args[1..]),
        Some("python") => python::run(root, &args[1..]),
        Some("markdown") => markdown::run(root, &args[1..]),
        Some("ci-schema") => ci_schema::run(root, &args[1..]),
        _ => bail!("usage: cargo xtask compat <shell|python|markdown> [DIR] [--check]"),
    }
}

/// The corpus: the directory named on the command line, or `default`.
pub fn corpus_dir(args: &[String], default: impl FnOnce() -> Result<PathBuf>) -> Result<PathBuf> {
    match args.iter().find(|a| !a.starts_with("--")) {
        Some(dir) => std::fs::canonicalize(dir).with_context(|| format!("corpus {dir}")),
        None => default(),
    }
}

/// `args` without the options named in `with_values` and their values,
/// so that `corpus_dir` does not take `--against flake8`'s value for the
/// corpus.
pub fn without_options(args: &[String], with_values: &[&str]) -> Vec<String> {
    let mut rest = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if with_values.contains(&arg.as_str()) {
            iter.next();
        } else {
            rest.push(arg.clone());
        }
    }
    rest
}

/// The keys of `keys` in `files`. The codes in `per_file` (a syntax error,
/// an unreadable file) are compared per file, on line 0: the tools place
/// them differently; in a file that has one (the files in `broken`), only
/// they are compared, since the reference runs no other check there.
pub fn comparable(
    keys: Vec<Key>,
    files: &BTreeSet<&String>,
    broken: &BTreeSet<String>,
    per_file: &[&str],
) -> BTreeSet<Key> {
    keys.into_iter()
        .filter(|k| files.contains(&k.0))
        .filter(|k| per_file.contains(&k.2.as_str()) || !broken.contains(&k.0))
        .map(|k| if per_file.contains(&k.2.as_str()) { (k.0, 0, k.2) } else { k })
        .collect()
}

/// "All codes: ..." with the share of the reference's findings reproduced
/// (1.0 when it has none).
pub fn totals(reference: &str, ours: &BTreeSet<Key>, theirs: &BTreeSet<Key>) -> (String, f64) {
    let matched = ours.intersection(theirs).count();
    let share = |n: usize| if n == 0 { 1.0 } else { matched as f64 / n as f64 };
    let reproduced = share(theirs.len());
    let line = format!(
        "All codes: lintgate {}, {reference} {}, matched {matched}: {:.2}% of {reference}'s findings reproduced, precision {:.2}%",
        ours.len(),
        theirs.len(),
        reproduced * 100.0,
        share(ours.len()) * 100.0
    );
    (line, reproduced)
}

/// Per-code agreement of two sets of findings.
pub struct Comparison {
    pub table: String,
    pub details: String,
    /// Codes below their targets.
    pub failing: Vec<String>,
}

/// Compares `ours` with `theirs` for each code; `targets(code)` gives the
/// (precision, recall) a code must reach.
pub fn compare(
    dir: &Path,
    reference: &str,
    codes: &[String],
    ours: &BTreeSet<Key>,
    theirs: &BTreeSet<Key>,
    targets: impl Fn(&str) -> (f64, f64),
) -> Comparison {
    let mut table = format!(
        "| code | lintgate | {reference} | matched | precision | recall |\n|---|---|---|---|---|---|\n"
    );
    let mut details = String::new();
    let mut failing = Vec::new();
    for code in codes {
        let ours_c: BTreeSet<&Key> = ours.iter().filter(|k| &k.2 == code).collect();
        let theirs_c: BTreeSet<&Key> = theirs.iter().filter(|k| &k.2 == code).collect();
        let matched = ours_c.intersection(&theirs_c).count();
        let ratio = |n: usize, d: usize| if d == 0 { None } else { Some(n as f64 / d as f64) };
        let precision = ratio(matched, ours_c.len());
        let recall = ratio(matched, theirs_c.len());
        let show = |r: Option<f64>| r.map_or("-".to_string(), |r| format!("{:.1}%", r * 100.0));
        let _ = writeln!(
            table,
            "| {code} | {} | {} | {matched} | {} | {} |",
            ours_c.len(),
            theirs_c.len(),
            show(precision),
            show(recall)
        );
        let (precision_target, recall_target) = targets(code);
        if precision.is_some_and(|p| p < precision_target)
            || recall.is_some_and(|r| r < recall_target)
        {
            failing.push(code.clone());
        }
        for (label, list) in [
            ("only lintgate".to_string(), ours_c.difference(&theirs_c)),
            (format!("only {reference}"), theirs_c.difference(&ours_c)),
        ] {
            for (file, line, _) in list {
                let _ = writeln!(
                    details,
                    "{code} {label}: {file}:{line}: {}",
                    line_of(&dir.join(file), *line)
                );
            }
        }
    }
    Comparison { table, details, failing }
}

/// Prints the table, writes the details, and fails under `--check` when
/// codes miss their targets.
pub fn finish(
    root: &Path,
    name: &str,
    header: &str,
    result: Comparison,
    check: bool,
) -> Result<()> {
    println!("{header}{}", result.table);
    let report = root.join(format!(".bench/compat-{name}.txt"));
    fs::create_dir_all(root.join(".bench"))?;
    fs::write(&report, format!("{header}{}\n{}", result.table, result.details))?;
    println!("disagreements: {}", report.display());
    if check && !result.failing.is_empty() {
        bail!("below the targets: {}", result.failing.join(", "));
    }
    Ok(())
}

/// lintgate's findings for `codes` on everything under `dir`.
pub fn run_lintgate(lintgate: &Path, dir: &Path, codes: &[String]) -> Result<Vec<Key>> {
    let select = codes.join(",");
    run_lintgate_with(lintgate, dir, &["--isolated", "--select", &select])
}

/// lintgate's findings on everything under `dir`, run with `options`.
pub fn run_lintgate_with(lintgate: &Path, dir: &Path, options: &[&str]) -> Result<Vec<Key>> {
    // No result cache: it is keyed on lintgate's version, which a
    // development build does not change.
    let output = Command::new(lintgate)
        .args(["lint", "--no-cache", "--format", "json"])
        .args(options)
        .arg(".")
        .current_dir(dir)
        .output()?;
    if output.status.code().is_none_or(|c| c > 1) {
        bail!("lintgate failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let findings: Value = serde_json::from_slice(&output.stdout)?;
    Ok(findings
        .as_array()
        .context("findings JSON")?
        .iter()
        .map(|f| {
            (
                corpus::relative_to_dir(dir, f["path"].as_str().unwrap_or_default()),
                f["line"].as_u64().unwrap_or(0),
                f["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect())
}

fn line_of(path: &Path, line: u64) -> String {
    fs::read(path)
        .ok()
        .and_then(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .nth(line.saturating_sub(1) as usize)
                .map(|l| l.trim().chars().take(120).collect())
        })
        .unwrap_or_default()
}
