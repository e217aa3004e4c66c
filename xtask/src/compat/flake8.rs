//! `cargo xtask compat python --against flake8 [DIR] [--check]`: the
//! pycodestyle, pyflakes and mccabe codes against flake8 7.5 as a team runs
//! it, with its defaults (`flake8 --isolated`: line length 79, its default
//! ignore list, no C901), on the `.py` files lintgate lints (extensionless
//! scripts left out), passed to flake8 by name. Without DIR: the standard
//! library of the machine's `python3`, then the pinned PyPI sdists
//! (`corpus::python_sdists`), each with its own table.
//!
//! lintgate runs as `lint --select E,W,F,C90 --ignore <flake8's default
//! ignore list>` with a configuration holding only `[python] line-length =
//! 79` and, as `target-version`, the version of the Python that runs flake8
//! (pyflakes takes its builtins from it); a selector lintgate has no rule
//! for yet is left out (it would be a usage error). Findings are matched on (file, line, code); flake8's E902
//! (a file it cannot read or tokenize) is compared with LG002, and both it
//! and E999 per file; in a file with either, nothing else is compared, as
//! flake8 reports nothing else there. Reported: per-code precision and
//! recall for the codes lintgate has, the share of all flake8's findings
//! reproduced, and the codes lintgate lacks ranked by flake8's count (the
//! next one to write is at the top). `--check` fails when a code lintgate
//! has is below 99% precision or recall, or less than 99% of flake8's
//! findings are reproduced.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::Key;
use crate::{corpus, process, tools};

const SELECT: &[&str] = &["E", "W", "F", "C90"];
/// flake8 7.5's `extend-default-ignore`.
const IGNORE: &[&str] = &["E121", "E123", "E126", "E226", "E24", "E704", "W503", "W504"];
const LINE_LENGTH: usize = 79;
/// Compared per file, and alone in their files.
const PER_FILE: &[&str] = &["E999", "E902"];
const TARGET: f64 = 0.99;

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let check = args.iter().any(|a| a == "--check");
    let rest = super::without_options(args, &["--against"]);
    let tools_dir = tools::install(root)?;
    let flake8 = tools_dir.join("venv/bin/flake8");
    let lintgate = process::release_lintgate(root)?;
    let corpora = if rest.iter().any(|a| !a.starts_with("--")) {
        vec![super::corpus_dir(&rest, || bail!("no corpus"))?]
    } else {
        vec![corpus::python_stdlib()?, corpus::python_sdists(root, &tools_dir)?]
    };
    let selection = Selection::of(&lintgate, &tools_dir)?;
    let mut failing = Vec::new();
    for dir in &corpora {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("corpus");
        let (header, result) = compare_on(root, &flake8, &lintgate, dir, &selection)?;
        failing.extend(result.failing.iter().map(|f| format!("{name}: {f}")));
        super::finish(root, &format!("flake8-{name}"), &header, result, false)?;
    }
    if check && !failing.is_empty() {
        bail!("below the targets: {}", failing.join(", "));
    }
    Ok(())
}

/// What lintgate is asked for: the selectors and ignores it knows, the
/// codes that selects (the rows of the table), and its configuration.
struct Selection {
    select: Vec<&'static str>,
    ignore: Vec<&'static str>,
    codes: Vec<String>,
    /// The runner's codes for an unreadable file (compared with E902) and
    /// for a file that is not UTF-8 (counted: flake8 decodes it by its
    /// coding cookie), when lintgate has them.
    runner: Vec<&'static str>,
    /// `[python]` with flake8's line length, and as target version the
    /// Python that runs flake8: pyflakes knows that Python's builtins.
    config: String,
}

impl Selection {
    fn of(lintgate: &Path, tools_dir: &Path) -> Result<Self> {
        let python = corpus::checker_codes(lintgate, "python")?;
        let known = |prefix: &&str| python.iter().any(|c| c.starts_with(prefix));
        let select: Vec<&str> = SELECT.iter().copied().filter(known).collect();
        let ignore: Vec<&str> = IGNORE.iter().copied().filter(known).collect();
        let mut codes: Vec<String> = python
            .iter()
            .filter(|c| select.iter().any(|s| c.starts_with(s)))
            .filter(|c| !ignore.iter().any(|i| c.starts_with(i)))
            .cloned()
            .collect();
        let runner_codes = corpus::checker_codes(lintgate, "runner")?;
        let runner: Vec<&str> = ["LG002", "LG003"]
            .into_iter()
            .filter(|c| runner_codes.iter().any(|r| r == c))
            .collect();
        if runner.contains(&"LG002") {
            codes.push("E902".into());
        }
        codes.sort();
        let version = Command::new(tools_dir.join("venv/bin/python"))
            .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
            .output()
            .context("the venv's python")?;
        let version = String::from_utf8(version.stdout)?.trim().to_string();
        let config =
            format!("[python]\nline-length = {LINE_LENGTH}\ntarget-version = \"{version}\"\n");
        Ok(Selection { select, ignore, codes, runner, config })
    }
}

fn compare_on(
    root: &Path,
    flake8: &Path,
    lintgate: &Path,
    dir: &Path,
    selection: &Selection,
) -> Result<(String, super::Comparison)> {
    let files: Vec<String> = corpus::files_of_kind(lintgate, dir, "python")?
        .into_iter()
        .filter(|f| f.ends_with(".py"))
        .collect();
    if files.is_empty() {
        bail!("no .py files under {}", dir.display());
    }
    let theirs = run_flake8(flake8, dir, &files)?;
    let (ours, shown) = run_lintgate(root, lintgate, dir, selection)?;
    let (undecodable, ours): (Vec<Key>, Vec<Key>) = ours.into_iter().partition(|k| k.2 == "LG003");
    let broken: BTreeSet<String> = ours
        .iter()
        .chain(&theirs)
        .filter(|k| PER_FILE.contains(&k.2.as_str()))
        .map(|k| k.0.clone())
        .collect();
    let file_set: BTreeSet<&String> = files.iter().collect();
    let ours = super::comparable(ours, &file_set, &broken, PER_FILE);
    let theirs = super::comparable(theirs, &file_set, &broken, PER_FILE);
    let header = format!(
        "Corpus: {} ({} .py files; {} with a syntax error or unreadable, compared on E999/E902 only; \
         {} not UTF-8, which lintgate reports as LG003 only)\n\n\
         flake8 --isolated -j N FILES...\n\
         lintgate lint {shown} with {}\n\n",
        dir.display(),
        files.len(),
        broken.len(),
        undecodable.len(),
        selection.config.trim().replace('\n', " "),
    );
    let mut result =
        super::compare(dir, "flake8", &selection.codes, &ours, &theirs, |_| (TARGET, TARGET));
    let (totals, reproduced) = super::totals("flake8", &ours, &theirs);
    let _ = writeln!(result.table, "\n{totals}");
    let _ = writeln!(result.table, "\n{}", missing(&selection.codes, &theirs));
    if reproduced < TARGET {
        result.failing.push(format!("{:.2}% reproduced", reproduced * 100.0));
    }
    Ok((header, result))
}

/// The codes flake8 reports that lintgate does not have, most frequent
/// first: the order in which to write them.
fn missing(codes: &[String], theirs: &BTreeSet<Key>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for key in theirs.iter().filter(|k| !codes.contains(&k.2)) {
        *counts.entry(key.2.as_str()).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut text = format!(
        "Codes lintgate does not have ({} codes, {total} of flake8's findings):\n\n| code | flake8 | share of flake8's findings |\n|---|---|---|\n",
        ranked.len()
    );
    for (code, count) in ranked {
        let share = count as f64 * 100.0 / theirs.len().max(1) as f64;
        let _ = writeln!(text, "| {code} | {count} | {share:.1}% |");
    }
    text
}

/// flake8's findings on `files` (relative to `dir`), as keys.
fn run_flake8(flake8: &Path, dir: &Path, files: &[String]) -> Result<Vec<Key>> {
    let jobs = std::thread::available_parallelism().map_or(2, |n| n.get()).to_string();
    let mut keys = Vec::new();
    // Named files are checked even where flake8's default `exclude` would
    // skip them, so both tools see the same files.
    for chunk in files.chunks(2000) {
        let output = Command::new(flake8)
            .args([
                "--isolated",
                "--exit-zero",
                "-j",
                &jobs,
                "--format=%(path)s\t%(row)d\t%(code)s",
            ])
            .args(chunk)
            .current_dir(dir)
            .output()
            .context("flake8")?;
        if !output.status.success() {
            bail!("flake8 failed: {}", String::from_utf8_lossy(&output.stderr));
        }
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let mut fields = line.split('\t');
            if let (Some(path), Some(row), Some(code)) =
                (fields.next(), fields.next(), fields.next())
            {
                let path = path.strip_prefix("./").unwrap_or(path);
                keys.push((path.to_string(), row.parse().unwrap_or(0), code.to_string()));
            }
        }
    }
    Ok(keys)
}

/// lintgate's findings (LG002 as E902), and its selection options as text.
fn run_lintgate(
    root: &Path,
    lintgate: &Path,
    dir: &Path,
    selection: &Selection,
) -> Result<(Vec<Key>, String)> {
    let config = root.join(".bench/flake8-defaults.toml");
    std::fs::create_dir_all(root.join(".bench"))?;
    std::fs::write(&config, &selection.config)?;
    let select: Vec<&str> = selection.select.iter().chain(&selection.runner).copied().collect();
    let select = select.join(",");
    let mut options = vec!["--select".to_string(), select];
    if !selection.ignore.is_empty() {
        options.extend(["--ignore".into(), selection.ignore.join(",")]);
    }
    let shown = options.join(" ");
    options.extend(["--no-cache".into(), "--config".into(), config.display().to_string()]);
    let refs: Vec<&str> = options.iter().map(String::as_str).collect();
    let mut keys = super::run_lintgate_with(lintgate, dir, &refs)?;
    for key in keys.iter_mut().filter(|k| k.2 == "LG002") {
        key.2 = "E902".into();
    }
    Ok((keys, shown))
}
