//! `cargo xtask compat python [DIR] [--check]`: against ruff (the default,
//! `--against ruff`; `--against pydocstyle` compares the D codes with
//! pydocstyle, see `pydocstyle.rs`; `--against flake8` the E, W, F and C90
//! codes with flake8, see `flake8.rs`), with the same
//! codes and target version, on the files both lint (default: the standard
//! library of the machine's `python3`, without `site-packages`). I001 is
//! compared per file with isort (does it reorder the file's imports?).
//! The D codes are left out: they follow pydocstyle (`--against pydocstyle`).
//! Targets: 99% precision and recall for F codes, 99.5% for E and W
//! codes, 98% for I001. A file with a syntax error is compared on E999 only
//! (per file: ruff reports every error, lintgate the first), since neither
//! runs its tree rules on it.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::Key;
use crate::{corpus, process, tools};

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    if let Some(i) = args.iter().position(|a| a == "--against") {
        match args.get(i + 1).map(String::as_str) {
            Some("pydocstyle") => return super::pydocstyle::run(root, args),
            Some("flake8") => return super::flake8::run(root, args),
            Some("ruff") => {}
            other => bail!("--against: ruff, pydocstyle or flake8, not {other:?}"),
        }
    }
    let args = &super::without_options(args, &["--against"])[..];
    let check = args.iter().any(|a| a == "--check");
    let tools_dir = tools::install(root)?;
    let ruff = tools_dir.join("venv/bin/ruff");
    let lintgate = process::release_lintgate(root)?;
    let dir = super::corpus_dir(args, corpus::python_stdlib)?;
    // The D codes follow pydocstyle where it and ruff differ (issue #17):
    // they are compared with `--against pydocstyle`, not here.
    // The pyflakes codes and pycodestyle's logical-line and physical-line
    // families follow pyflakes and pycodestyle (issue #16: compared with
    // `--against flake8`; ruff lacks some and refuses W503/W504), E999
    // with them (ruff calls a duplicate argument a syntax error, pyflakes
    // F831); C901 needs a limit.
    let codes: Vec<String> = corpus::checker_codes(&lintgate, "python")?
        .into_iter()
        .filter(|c| !c.starts_with('D') && follows_ruff(c))
        .collect();
    let ours_files: BTreeSet<String> =
        corpus::files_of_kind(&lintgate, &dir, "python")?.into_iter().collect();
    let (mut theirs, their_files) = run_ruff(&ruff, &dir, &codes)?;
    let mut ours = super::run_lintgate(&lintgate, &dir, &codes)?;
    // I001 is compared with isort, per file: is the file's import order right?
    let both_files: Vec<String> = ours_files.intersection(&their_files).cloned().collect();
    theirs.extend(isort_unsorted(&tools_dir, &dir, &both_files)?);
    for key in ours.iter_mut().filter(|k| k.2 == "I001") {
        key.1 = 0;
    }
    let both: BTreeSet<&String> = ours_files.intersection(&their_files).collect();
    if both.is_empty() {
        bail!("no Python files under {}", dir.display());
    }
    let broken: BTreeSet<String> =
        ours.iter().chain(&theirs).filter(|k| k.2 == "E999").map(|k| k.0.clone()).collect();
    let keep = |keys| super::comparable(keys, &both, &broken, &["E999"]);
    let (ours, theirs) = (keep(ours), keep(theirs));
    let header = format!(
        "Corpus: {} ({} Python files both lint; {} with syntax errors compared on E999 only)\n\n",
        dir.display(),
        both.len(),
        broken.len()
    );
    let result = super::compare(&dir, "ruff", &codes, &ours, &theirs, |code| match code {
        "I001" => (0.98, 0.98),
        _ if code.starts_with('F') || code.starts_with('D') => (0.99, 0.99),
        _ => (0.995, 0.995),
    });
    super::finish(root, "python", &header, result, check)
}

/// Whether lintgate's code means what ruff's does (the others are
/// compared with the tool they follow).
fn follows_ruff(code: &str) -> bool {
    const OTHER_FAMILIES: &[&str] = &["F", "E1", "E2", "E3", "W1", "W3", "W5", "C9"];
    const PYCODESTYLE_CODES: &[&str] =
        &["E401", "E502", "E701", "E702", "E703", "E704", "E741", "E742", "E743", "E999"];
    !OTHER_FAMILIES.iter().any(|p| code.starts_with(p)) && !PYCODESTYLE_CODES.contains(&code)
}

/// The files whose imports isort (default profile, same target version)
/// would reorder, as `(file, 0, "I001")`.
fn isort_unsorted(tools_dir: &Path, dir: &Path, files: &[String]) -> Result<Vec<Key>> {
    let script = tools_dir.join("isort_order.py");
    std::fs::write(&script, include_str!("isort_order.py"))?;
    let mut keys = Vec::new();
    for chunk in files.chunks(500) {
        let output = Command::new(tools_dir.join("venv/bin/python"))
            .arg(&script)
            .arg(dir)
            .arg("9")
            .args(chunk)
            .current_dir(dir)
            .output()?;
        if !output.status.success() {
            bail!("isort: {}", String::from_utf8_lossy(&output.stderr));
        }
        for file in String::from_utf8(output.stdout)?.lines() {
            keys.push((file.to_string(), 0, "I001".to_string()));
        }
    }
    Ok(keys)
}

/// ruff's findings (syntax errors as E999) and the files it linted.
fn run_ruff(ruff: &Path, dir: &Path, codes: &[String]) -> Result<(Vec<Key>, BTreeSet<String>)> {
    // ruff has no E999 any more: it always reports syntax errors; I001 is
    // compared with isort itself.
    let select: Vec<&str> =
        codes.iter().map(String::as_str).filter(|c| !matches!(*c, "E999" | "I001")).collect();
    let common = ["--no-cache", "--isolated", "--target-version", "py39"];
    let files = Command::new(ruff)
        .arg("check")
        .args(common)
        .arg("--show-files")
        .arg(".")
        .current_dir(dir)
        .output()?;
    let their_files = String::from_utf8(files.stdout)?
        .lines()
        .map(|line| corpus::relative_to_dir(dir, line))
        .collect();
    let output = Command::new(ruff)
        .arg("check")
        .args(common)
        .args(["--output-format", "json", "--select", &select.join(",")])
        .arg(".")
        .current_dir(dir)
        .output()?;
    let findings: Value = serde_json::from_slice(&output.stdout)
        .with_context(|| format!("ruff output: {}", String::from_utf8_lossy(&output.stderr)))?;
    let keys = findings
        .as_array()
        .context("ruff JSON")?
        .iter()
        .filter_map(|f| {
            let file = f["filename"].as_str().unwrap_or_default();
            let file =
                Path::new(file).strip_prefix(dir).map_or(file.into(), |p| p.display().to_string());
            let code = match f["code"].as_str() {
                // "Cannot use `match` on Python 3.9": a version check that
                // lintgate leaves to the interpreter.
                Some("invalid-syntax") | None
                    if f["message"].as_str().is_some_and(|m| m.starts_with("Cannot use")) =>
                {
                    return None;
                }
                Some("invalid-syntax") | None => "E999".to_string(),
                Some(code) => code.to_string(),
            };
            Some((file, f["location"]["row"].as_u64().unwrap_or(0), code))
        })
        .collect();
    Ok((keys, their_files))
}
