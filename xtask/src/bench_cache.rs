//! `cargo xtask bench cache [--runs N]`: the result cache on a copy of the
//! standard library, side by side in one run: lintgate with `--no-cache`,
//! a cold run (cache emptied first), a re-run with nothing changed, a run
//! after 1% of the files changed, and `ruff check` (same codes) with its
//! cache warm; then the cost of loading a 100,000-entry baseline.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Result, bail};

use crate::bench::median;
use crate::{corpus, process, tools};

pub fn run(root: &Path, runs: usize) -> Result<()> {
    let tools_dir = tools::install(root)?;
    let lintgate = process::release_lintgate(root)?;
    let source = corpus::python_stdlib()?;
    let dir = root.join(".bench/cache-stdlib");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(root.join(".bench"))?;
    copy_tree(&source, &dir)?;
    // Its own repository, so the run covers the whole of it (as in CI).
    process::run(Command::new("git").args(["init", "-q"]).current_dir(&dir))?;
    let files: Vec<PathBuf> =
        corpus::files_of_kind(&lintgate, &dir, "python")?.into_iter().map(PathBuf::from).collect();
    let codes: Vec<String> = corpus::default_codes(&lintgate, "python")?
        .into_iter()
        .filter(|c| !c.starts_with('I'))
        .collect();
    let select = codes.join(",");
    let lint = |extra: &[&str]| -> Vec<String> {
        let mut argv = vec![lintgate.display().to_string(), "lint".into(), "--quiet".into()];
        argv.extend(["--select".into(), select.clone()]);
        argv.extend(extra.iter().map(|s| s.to_string()));
        argv
    };
    let ruff_codes: Vec<&str> = codes.iter().map(String::as_str).filter(|c| *c != "E999").collect();
    let ruff = vec![
        tools_dir.join("venv/bin/ruff").display().to_string(),
        "check".into(),
        "--quiet".into(),
        "--target-version".into(),
        "py39".into(),
        "--select".into(),
        ruff_codes.join(","),
        ".".into(),
    ];
    let clean = vec![lintgate.display().to_string(), "clean".into()];
    let touched = files.len().div_ceil(100);
    let mut samples: [Vec<f64>; 5] = Default::default();
    // One untimed round checks every command works and warms ruff's cache.
    for round in 0..=runs {
        let timed = round > 0;
        let no_cache = time_in(&dir, &lint(&["--no-cache"]))?;
        time_in(&dir, &clean)?;
        let cold = time_in(&dir, &lint(&[]))?;
        let warm = time_in(&dir, &lint(&[]))?;
        for file in files.iter().step_by(files.len() / touched).take(touched) {
            let path = dir.join(file);
            let mut text = fs::read(&path)?;
            text.extend_from_slice(format!("\n# bench round {round}\n").as_bytes());
            fs::write(&path, text)?;
        }
        let changed = time_in(&dir, &lint(&[]))?;
        let ruff_warm = time_in(&dir, &ruff)?;
        if timed {
            for (i, sample) in [no_cache, cold, warm, changed, ruff_warm].into_iter().enumerate() {
                samples[i].push(sample);
            }
        }
    }
    let m: Vec<f64> = samples.iter_mut().map(|s| median(s)).collect();
    let mut table = format!(
        "{} Python files of the standard library, lintgate's pyflakes/pycodestyle codes; median of {runs} interleaved rounds\n\n| run | median wall |\n|---|---|\n",
        files.len()
    );
    for (name, value) in [
        "lintgate --no-cache",
        "lintgate, cold (cache emptied)",
        "lintgate, re-run, nothing changed",
        "lintgate, re-run, 1% of files changed",
        "ruff check, cache warm (same codes)",
    ]
    .iter()
    .zip(&m)
    {
        let _ = writeln!(table, "| {name} | {value:.3} s |");
    }
    let _ = writeln!(table, "\ncold / unchanged re-run: {:.1}x (target >= 10x)", m[1] / m[2]);
    let _ = writeln!(table, "unchanged re-run / ruff warm: {:.2}x (target <= 1.0x)", m[2] / m[4]);
    let _ = writeln!(table, "1% changed / unchanged re-run: {:.2}x (target <= 1.2x)", m[3] / m[2]);
    let _ = writeln!(table, "cold with cache / --no-cache: {:.2}x (target <= 1.1x)", m[1] / m[0]);
    table.push_str(&baseline_cost(&dir, &lint, runs, m[0])?);
    println!("{table}");
    Ok(())
}

/// A 100,000-entry baseline: `lint --no-cache` with it against without it.
fn baseline_cost(
    dir: &Path,
    lint: &dyn Fn(&[&str]) -> Vec<String>,
    runs: usize,
    without: f64,
) -> Result<String> {
    let path = dir.join("big-baseline.json");
    let mut text =
        String::from("{\n  \"lintgate-baseline\": 1,\n  \"commit\": null,\n  \"findings\": [");
    for i in 0..100_000 {
        let sep = if i == 0 { "\n    " } else { ",\n    " };
        let _ = write!(
            text,
            "{sep}{{\"path\":\"pkg/m{}.py\",\"code\":\"F401\",\"fingerprint\":\"{i:016x}\",\"message\":\"`os` imported but unused\"}}",
            i % 500
        );
    }
    text.push_str("\n  ]\n}\n");
    fs::write(&path, text)?;
    let argv = lint(&["--no-cache", "--baseline", &path.display().to_string()]);
    let mut samples = Vec::new();
    for _ in 0..runs.max(3) {
        samples.push(time_in(dir, &argv)?);
    }
    let with = median(&mut samples);
    Ok(format!(
        "100,000-entry baseline: lint --no-cache {with:.3} s with it, {without:.3} s without: +{:.1}% (target < 5%)\n",
        (with / without - 1.0) * 100.0
    ))
}

fn time_in(dir: &Path, argv: &[String]) -> Result<f64> {
    let start = Instant::now();
    let status = Command::new(&argv[0])
        .args(&argv[1..])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    let elapsed = start.elapsed().as_secs_f64();
    if status.code().is_none_or(|c| c > 1) {
        bail!("{argv:?} failed with {status}");
    }
    Ok(elapsed)
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    process::run(Command::new("cp").arg("-r").arg(from).arg(to))
}
