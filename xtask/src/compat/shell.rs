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
    let dir = super::corpus_dir(args, || corpus::shell(root))?;
    let codes = corpus::checker_codes(&lintgate, "shell")?;
    let files = corpus::files_of_kind(&lintgate, &dir, "shell")?;
    if files.is_empty() {
        bail!("no shell scripts under {}", dir.display());
    }
    let ours = super::run_lintgate(&lintgate, &dir, &codes)?;
    let (theirs, shellcheck_broken) = run_shellcheck(&shellcheck, &dir, &files, &codes)?;
    let our_broken: BTreeSet<String> =
        ours.iter().filter(|(_, _, code)| code == "LG201").map(|(f, _, _)| f.clone()).collect();
    // A file either parser rejects is compared by neither: ShellCheck reports
    // nothing else in it, and tree-sitter recovers differently.
    let skip: BTreeSet<&String> = shellcheck_broken.iter().chain(&our_broken).collect();
    let keep = |k: &&Key| !skip.contains(&k.0) && k.2 != "LG201";
    let ours: BTreeSet<Key> = ours.iter().filter(keep).cloned().collect();
    let theirs: BTreeSet<Key> = theirs.iter().filter(keep).cloned().collect();

    let header = format!(
        "Corpus: {} ({} scripts; {} skipped: {} ShellCheck cannot parse, {} lintgate cannot parse)\n\n",
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
