//! `cargo xtask compat python --against pydocstyle [DIR] [--convention NAME]
//! [--check]`: the D codes against pydocstyle 6.3, once per convention
//! (`pep257`, `numpy`, `google`, or the one named), on the `.py` files both
//! check (default: the standard library of the machine's `python3`).
//!
//! pydocstyle runs as `pydocstyle --convention=NAME --match='.*\.py'` on
//! the file list, one process per core (so `test_*.py` files are compared
//! too); lintgate runs with a configuration that holds only
//! `[python] docstring-convention = "NAME"`, so the convention's code set is
//! lintgate's own, not the command line's. Findings are compared by file,
//! line and code. Targets: 99% precision and 99% recall for every code that
//! occurs, and 99% of pydocstyle's findings reproduced. A file either tool
//! cannot parse is left out (lintgate reports E999 there, pydocstyle a
//! parse error).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::Key;
use crate::{corpus, process, tools};

const CONVENTIONS: &[&str] = &["pep257", "numpy", "google"];

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let check = args.iter().any(|a| a == "--check");
    let named = args.iter().position(|a| a == "--convention").and_then(|i| args.get(i + 1));
    let conventions: Vec<&str> = match named {
        Some(name) => vec![name.as_str()],
        None => CONVENTIONS.to_vec(),
    };
    let rest = super::without_options(args, &["--against", "--convention"]);
    let tools_dir = tools::install(root)?;
    let pydocstyle = tools_dir.join("venv/bin/pydocstyle");
    let lintgate = process::release_lintgate(root)?;
    let dir = super::corpus_dir(&rest, corpus::python_stdlib)?;
    let files: Vec<String> = corpus::files_of_kind(&lintgate, &dir, "python")?
        .into_iter()
        .filter(|f| f.ends_with(".py"))
        .collect();
    if files.is_empty() {
        bail!("no Python files under {}", dir.display());
    }
    let mut out = String::new();
    let mut failing = Vec::new();
    let mut details = String::new();
    for convention in conventions {
        let (theirs, their_broken) = run_pydocstyle(&pydocstyle, &dir, &files, convention)?;
        let ours = run_lintgate(root, &lintgate, &dir, convention)?;
        let our_broken: BTreeSet<String> =
            ours.iter().filter(|k| k.2 == "E999").map(|k| k.0.clone()).collect();
        let files_set: BTreeSet<&String> = files.iter().collect();
        let keep = |keys: &[Key]| -> BTreeSet<Key> {
            keys.iter()
                .filter(|k| k.2.starts_with('D') && files_set.contains(&k.0))
                .filter(|k| !our_broken.contains(&k.0) && !their_broken.contains(&k.0))
                .cloned()
                .collect()
        };
        let (ours, theirs) = (keep(&ours), keep(&theirs));
        let codes: BTreeSet<String> = ours.iter().chain(&theirs).map(|k| k.2.clone()).collect();
        let codes: Vec<String> = codes.into_iter().collect();
        let result = super::compare(&dir, "pydocstyle", &codes, &ours, &theirs, |_| (0.99, 0.99));
        let (totals, reproduced) = super::totals("pydocstyle", &ours, &theirs);
        let _ = writeln!(
            out,
            "### `--convention={convention}`\n\nCorpus: {} ({} .py files; {} left out: {} pydocstyle cannot parse, {} with a syntax error for lintgate)\n",
            dir.display(),
            files.len(),
            their_broken.union(&our_broken).count(),
            their_broken.len(),
            our_broken.len()
        );
        out.push_str(&result.table);
        let _ = writeln!(out, "\n{totals}\n");
        let _ = writeln!(details, "== {convention}\n{}", result.details);
        failing.extend(result.failing.iter().map(|c| format!("{convention}:{c}")));
        if reproduced < 0.99 {
            failing.push(format!("{convention}: {:.2}% reproduced", reproduced * 100.0));
        }
    }
    println!("{out}");
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("corpus");
    let report = root.join(format!(".bench/compat-pydocstyle-{name}.txt"));
    std::fs::create_dir_all(root.join(".bench"))?;
    std::fs::write(&report, format!("{out}\n{details}"))?;
    println!("disagreements: {}", report.display());
    if check && !failing.is_empty() {
        bail!("below the targets: {}", failing.join(", "));
    }
    Ok(())
}

/// pydocstyle's findings as keys, and the files it could not parse or
/// crashed on (a crash ends its whole run without output, so a part that
/// crashes is run again in halves down to the file).
fn run_pydocstyle(
    pydocstyle: &Path,
    dir: &Path,
    files: &[String],
    convention: &str,
) -> Result<(Vec<Key>, BTreeSet<String>)> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = files.len().div_ceil(cores).max(1);
    let outputs: Vec<Result<(Vec<Key>, BTreeSet<String>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || run_part(pydocstyle, dir, part, convention)))
            .collect();
        handles.into_iter().map(|h| h.join().expect("pydocstyle thread")).collect()
    });
    let mut keys = Vec::new();
    let mut broken = BTreeSet::new();
    for output in outputs {
        let (k, b) = output?;
        keys.extend(k);
        broken.extend(b);
    }
    Ok((keys, broken))
}

fn run_part(
    pydocstyle: &Path,
    dir: &Path,
    files: &[String],
    convention: &str,
) -> Result<(Vec<Key>, BTreeSet<String>)> {
    let output = Command::new(pydocstyle)
        .arg(format!("--convention={convention}"))
        .arg("--match=.*\\.py")
        .args(files)
        .current_dir(dir)
        .output()
        .context("pydocstyle")?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("Traceback (most recent call last)") {
        if files.len() == 1 {
            eprintln!("pydocstyle crashed on {}", files[0]);
            return Ok((Vec::new(), files.iter().cloned().collect()));
        }
        let (left, right) = files.split_at(files.len() / 2);
        let (mut keys, mut broken) = run_part(pydocstyle, dir, left, convention)?;
        let (k, b) = run_part(pydocstyle, dir, right, convention)?;
        keys.extend(k);
        broken.extend(b);
        return Ok((keys, broken));
    }
    let mut keys = Vec::new();
    let mut broken = BTreeSet::new();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut place: Option<(String, u64)> = None;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("        ") {
            let code = rest.split(':').next().unwrap_or_default();
            if let Some((file, line)) = &place
                && code.starts_with('D')
            {
                keys.push((file.clone(), *line, code.to_string()));
            }
        } else if let Some((file, rest)) = line.split_once(':') {
            let number = rest.split(' ').next().unwrap_or_default();
            place = number.parse().ok().map(|n| (clean(file), n));
        }
    }
    // "WARNING: Error in file ./x.py: Cannot parse file."
    for line in stderr.lines() {
        if let Some(rest) = line.split_once("Error in file ").map(|(_, r)| r)
            && let Some((file, _)) = rest.rsplit_once(": ")
        {
            broken.insert(clean(file));
        }
    }
    Ok((keys, broken))
}

fn clean(file: &str) -> String {
    file.strip_prefix("./").unwrap_or(file).to_string()
}

/// lintgate's findings with only `docstring-convention` configured.
fn run_lintgate(root: &Path, lintgate: &Path, dir: &Path, convention: &str) -> Result<Vec<Key>> {
    let config = root.join(format!(".bench/pydocstyle-{convention}.toml"));
    std::fs::create_dir_all(root.join(".bench"))?;
    std::fs::write(&config, format!("[python]\ndocstring-convention = \"{convention}\"\n"))?;
    super::run_lintgate_with(lintgate, dir, &["--config", &config.display().to_string()])
}
