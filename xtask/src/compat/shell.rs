//! `cargo xtask compat shell [DIR] [--check]`: against ShellCheck; each
//! code must reach precision 95% and recall 90%.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::{corpus, process, tools};

use super::Key;

const PRECISION_TARGET: f64 = 0.95;
const RECALL_TARGET: f64 = 0.90;

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let check = args.iter().any(|a| a == "--check");
    let tools_dir = tools::install(root)?;
    let shellcheck = tools_dir.join("venv/bin/shellcheck");
    let lintgate = process::release_lintgate(root)?;
    let dir = super::corpus_dir(args, || crate::corpus_debian::build(root))?;
    let codes = corpus::checker_codes(&lintgate, "shell")?;
    let files = corpus::files_of_kind(&lintgate, &dir, "shell")?;
    if files.is_empty() {
        bail!("no shell scripts under {}", dir.display());
    }
    let ours = super::run_lintgate(&lintgate, &dir, &codes)?;
    let report = run_shellcheck(&shellcheck, &dir, &files)?;
    // The share counts ShellCheck's default findings: SC2002 is optional.
    let default_findings: Vec<Key> =
        report.findings.iter().filter(|k| k.2 != "SC2002").cloned().collect();
    let share = super::share::report(
        &default_findings,
        &ours.iter().cloned().collect(),
        &codes,
        "LG201",
        |code| report.parse_errors.contains(code),
    );
    let shellcheck_broken = report.broken;
    let theirs: Vec<Key> = report.findings.into_iter().filter(|k| codes.contains(&k.2)).collect();
    let our_broken: BTreeSet<String> =
        ours.iter().filter(|(_, _, code)| code == "LG201").map(|(f, _, _)| f.clone()).collect();
    // A file either parser rejects is compared by neither: ShellCheck reports
    // nothing else in it, and tree-sitter recovers differently.
    let skip: BTreeSet<&String> = shellcheck_broken.iter().chain(&our_broken).collect();
    let keep = |k: &&Key| !skip.contains(&k.0) && k.2 != "LG201";
    let ours: BTreeSet<Key> = ours.iter().filter(keep).cloned().collect();
    let theirs: BTreeSet<Key> = theirs.iter().filter(keep).cloned().collect();

    let header = format!(
        "Corpus: {} ({} scripts)\n\n{share}Per code ({} scripts skipped: {} ShellCheck cannot parse, {} lintgate cannot parse)\n\n",
        dir.display(),
        files.len(),
        skip.len(),
        shellcheck_broken.len(),
        our_broken.len()
    );
    let sc_codes: Vec<String> = codes.iter().filter(|c| c.starts_with("SC")).cloned().collect();
    let result = super::compare(&dir, "ShellCheck", &sc_codes, &ours, &theirs, |_| {
        (PRECISION_TARGET, RECALL_TARGET)
    });
    super::finish(root, "shell", &header, result, check)
}

/// What ShellCheck reports on the corpus.
struct Report {
    findings: Vec<Key>,
    /// The files it could not parse.
    broken: BTreeSet<String>,
    /// The codes of its parse errors (SC1xxx errors, SC1017 aside).
    parse_errors: BTreeSet<String>,
}

/// Every finding of ShellCheck with `useless-use-of-cat` (SC2002) on.
fn run_shellcheck(shellcheck: &Path, dir: &Path, files: &[String]) -> Result<Report> {
    let mut parse_errors = BTreeSet::new();
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
                parse_errors.insert(code.clone());
            }
            keys.push((file, comment["line"].as_u64().unwrap_or(0), code));
        }
    }
    Ok(Report { findings: keys, broken, parse_errors })
}
