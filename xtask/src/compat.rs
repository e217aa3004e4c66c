//! `cargo xtask compat shell [DIR] [--check]`: lintgate against ShellCheck
//! on the same files with the same codes. Prints, per code, both counts,
//! the matches (same file, line and code), precision and recall of lintgate
//! against ShellCheck, and writes the disagreements to
//! `.bench/compat-shell.txt`. With `--check`, fails when a code misses the
//! targets (precision 95%, recall 90%).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::{corpus, process, tools};

/// (file, line, code)
type Key = (String, u64, String);

const PRECISION_TARGET: f64 = 0.95;
const RECALL_TARGET: f64 = 0.90;

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("shell") => shell(root, &args[1..]),
        _ => bail!("usage: cargo xtask compat shell [DIR] [--check]"),
    }
}

fn shell(root: &Path, args: &[String]) -> Result<()> {
    let check = args.iter().any(|a| a == "--check");
    let tools_dir = tools::install(root)?;
    let shellcheck = tools_dir.join("venv/bin/shellcheck");
    process::run(
        Command::new(env!("CARGO"))
            .args(["build", "--release", "--quiet", "--bin", "lintgate"])
            .current_dir(root),
    )?;
    let lintgate = root.join("target/release/lintgate");
    let dir = match args.iter().find(|a| !a.starts_with("--")) {
        Some(dir) => fs::canonicalize(dir).with_context(|| format!("corpus {dir}"))?,
        None => corpus::shell(root)?,
    };
    let codes = corpus::shell_codes(&lintgate)?;
    let files = corpus::shell_files(&lintgate, &dir)?;
    if files.is_empty() {
        bail!("no shell scripts under {}", dir.display());
    }
    let ours = run_lintgate(&lintgate, &dir, &codes)?;
    let (theirs, shellcheck_broken) = run_shellcheck(&shellcheck, &dir, &files, &codes)?;
    let our_broken: BTreeSet<String> =
        ours.iter().filter(|(_, _, code)| code == "LG201").map(|(f, _, _)| f.clone()).collect();
    // A file either parser rejects is compared by neither: ShellCheck reports
    // nothing else in it, and tree-sitter recovers differently.
    let skip: BTreeSet<&String> = shellcheck_broken.iter().chain(&our_broken).collect();
    let keep = |k: &&Key| !skip.contains(&k.0) && k.2 != "LG201";
    let ours: BTreeSet<Key> = ours.iter().filter(keep).cloned().collect();
    let theirs: BTreeSet<Key> = theirs.iter().filter(keep).cloned().collect();

    let mut table = format!(
        "Corpus: {} ({} scripts; {} skipped: {} ShellCheck cannot parse, {} lintgate cannot parse)\n\n",
        dir.display(),
        files.len(),
        skip.len(),
        shellcheck_broken.len(),
        our_broken.len()
    );
    table.push_str("| code | lintgate | ShellCheck | matched | precision | recall |\n|---|---|---|---|---|---|\n");
    let mut details = String::new();
    let mut failing = Vec::new();
    for code in codes.iter().filter(|c| c.starts_with("SC")) {
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
        if precision.is_some_and(|p| p < PRECISION_TARGET)
            || recall.is_some_and(|r| r < RECALL_TARGET)
        {
            failing.push(code.clone());
        }
        for (label, list) in [
            ("only lintgate", ours_c.difference(&theirs_c)),
            ("only ShellCheck", theirs_c.difference(&ours_c)),
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
    println!("{table}");
    let report = root.join(".bench/compat-shell.txt");
    fs::write(&report, format!("{table}\n{details}"))?;
    println!("disagreements: {}", report.display());
    if check && !failing.is_empty() {
        bail!(
            "below the targets (precision {PRECISION_TARGET}, recall {RECALL_TARGET}): {}",
            failing.join(", ")
        );
    }
    Ok(())
}

fn run_lintgate(lintgate: &Path, dir: &Path, codes: &[String]) -> Result<Vec<Key>> {
    let output = Command::new(lintgate)
        .args(["lint", "--isolated", "--format", "json", "--select"])
        .arg(codes.join(","))
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

/// ShellCheck's findings for `codes`, and the files it could not parse.
fn run_shellcheck(
    shellcheck: &Path,
    dir: &Path,
    files: &[String],
    codes: &[String],
) -> Result<(Vec<Key>, BTreeSet<String>)> {
    let include: Vec<&str> =
        codes.iter().filter(|c| c.starts_with("SC")).map(String::as_str).collect();
    let mut keys = Vec::new();
    let mut broken = BTreeSet::new();
    for chunk in files.chunks(200) {
        let output = Command::new(shellcheck)
            .args(["--norc", "-f", "json1", "--enable=useless-use-of-cat", "-S", "style"])
            .args(chunk)
            .current_dir(dir)
            .output()?;
        let report: Value = serde_json::from_slice(&output.stdout).with_context(|| {
            format!("ShellCheck output: {}", String::from_utf8_lossy(&output.stderr))
        })?;
        for comment in report["comments"].as_array().context("comments")? {
            let file = comment["file"].as_str().unwrap_or_default().to_string();
            let code = format!("SC{}", comment["code"].as_u64().unwrap_or(0));
            let number = comment["code"].as_u64().unwrap_or(0);
            if (1000..1200).contains(&number) && comment["level"] == "error" && code != "SC1017" {
                broken.insert(file.clone());
            }
            if include.contains(&code.as_str()) {
                keys.push((file, comment["line"].as_u64().unwrap_or(0), code));
            }
        }
    }
    Ok((keys, broken))
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
