//! `cargo xtask bench python`: lintgate's default Python rules against
//! `ruff check --no-cache --isolated --select <the same codes>` on the
//! standard library of the machine's `python3` (without `site-packages`),
//! side by side in one run: median wall times, the ratio, peak memory.
//! The full pycodestyle + pyflakes set (`--select E,W,F`) is timed against
//! `ruff check --preview --select E,W,F` (ruff's E1, E2 and E3 rules are
//! preview rules) and `flake8 -j 2` with its defaults, on the same files.
//! The D codes alone (`--select D`) are timed against `ruff check --select
//! D` and pydocstyle run as one process per core (it has no `-j`).

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::bench::{interleaved_medians, lint_argv, peak_rss_kib};
use crate::{corpus, process, tools};

pub fn run(root: &Path, runs: usize) -> Result<()> {
    tools::ensure_debian(&[("time", "time")])?;
    let tools_dir = tools::install(root)?;
    let lintgate = process::release_lintgate(root)?;
    let corpus = corpus::python_stdlib()?;
    let files = corpus::files_of_kind(&lintgate, &corpus, "python")?;
    let codes = corpus::default_codes(&lintgate, "python")?;
    let lint = |codes: &[&str]| lint_argv(&lintgate, codes, &corpus);
    // ruff is compared on the pyflakes/pycodestyle codes (its I001 follows
    // its own isort settings); I001 and the D codes are measured as what
    // they add to lintgate's run.
    let flake8: Vec<&str> =
        codes.iter().map(String::as_str).filter(|c| !c.starts_with('I')).collect();
    let with_isort: Vec<&str> = codes.iter().map(String::as_str).collect();
    let with_docstrings: Vec<&str> = with_isort.iter().copied().chain(["D"]).collect();
    // ruff has no E999 (it always reports syntax errors) and refuses codes
    // it does not know.
    const NOT_IN_RUFF: &[&str] = &["E999", "F542", "F824", "F831", "W503", "W504"];
    let ruff_codes: Vec<&str> =
        flake8.iter().copied().filter(|c| !NOT_IN_RUFF.contains(c)).collect();
    let ruff = |extra: &[&str], codes: &str| -> Vec<String> {
        let program = tools_dir.join("venv/bin/ruff").display().to_string();
        [program.as_str(), "check", "--no-cache", "--isolated", "--quiet"]
            .iter()
            .chain(extra)
            .chain(&["--target-version", "py39", "--select", codes])
            .map(|a| a.to_string())
            .chain([corpus.display().to_string()])
            .collect()
    };
    // flake8 and pydocstyle are given lintgate's `.py` files by name:
    // walking the directory they would also lint `site-packages`.
    let py_files: Vec<String> = files
        .iter()
        .filter(|f| f.ends_with(".py"))
        .map(|f| corpus.join(f).display().to_string())
        .collect();
    let flake8_argv: Vec<String> =
        [tools_dir.join("venv/bin/flake8").display().to_string(), "--isolated".into()]
            .into_iter()
            .chain(["-j".into(), "2".into()])
            .chain(py_files.iter().cloned())
            .collect();
    let list = root.join(".bench/pydocstyle-files.txt");
    std::fs::create_dir_all(root.join(".bench"))?;
    std::fs::write(&list, py_files.join("\n"))?;
    let pydocstyle = tools_dir.join("venv/bin/pydocstyle").display().to_string();
    let per_process = py_files.len().div_ceil(2).max(1);
    // In chunks of 50 files: pydocstyle stops at the first file it cannot
    // decode (a few standard-library tests have broken coding cookies),
    // which would otherwise end a whole half of the run. xargs exits 123
    // when pydocstyle reports findings: the wrapper says 0 or 1.
    let chunk = per_process.min(50);
    let script = format!(
        "xargs -a '{}' -P 2 -n {chunk} '{pydocstyle}' --select=D 2>/dev/null; [ $? -le 123 ] || exit 2",
        list.display()
    );
    let pydocstyle_argv: Vec<String> = vec!["sh".into(), "-c".into(), script];
    let commands = [
        ("lintgate (pyflakes + pycodestyle codes, 2 threads)".to_string(), lint(&flake8)),
        ("ruff check --no-cache (same codes)".to_string(), ruff(&[], &ruff_codes.join(","))),
        ("lintgate, the same + I001 (the default set)".to_string(), lint(&with_isort)),
        ("lintgate, the same + I001 + all D codes".to_string(), lint(&with_docstrings)),
        ("lintgate --select E,W,F (the full set)".to_string(), lint(&["E", "W", "F"])),
        (
            "ruff check --no-cache --preview --select E,W,F".to_string(),
            ruff(&["--preview"], "E,W,F"),
        ),
        ("flake8 --isolated -j 2 (its defaults)".to_string(), flake8_argv),
        ("lintgate --select D".to_string(), lint(&["D"])),
        ("ruff check --no-cache --select D".to_string(), ruff(&[], "D")),
        ("pydocstyle --select=D, 2 processes".to_string(), pydocstyle_argv),
    ];
    let medians = interleaved_medians(&commands, runs)?;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "Corpus: {} ({} Python files), {runs} runs each, interleaved.\n",
        corpus.display(),
        files.len()
    );
    table.push_str("| command | median wall | peak memory (max RSS) |\n|---|---|---|\n");
    let mut rss = Vec::new();
    for ((name, argv), median) in commands.iter().zip(&medians) {
        let kib = peak_rss_kib(argv)?;
        rss.push(kib as f64);
        let _ = writeln!(table, "| {name} | {median:.3} s | {:.1} MiB |", kib as f64 / 1024.0);
    }
    let _ = writeln!(
        table,
        "\nlintgate / ruff: wall time {:.2}x, peak memory {:.2}x (targets: <= 1.0x, <= 1.5x)",
        medians[0] / medians[1],
        rss[0] / rss[1]
    );
    let _ = writeln!(
        table,
        "I001 adds {:+.1}%, I001 + D codes add {:+.1}% to lintgate's wall time (target: at most 10%)",
        (medians[2] / medians[0] - 1.0) * 100.0,
        (medians[3] / medians[0] - 1.0) * 100.0
    );
    let _ = writeln!(
        table,
        "Full set: lintgate / ruff --preview: wall time {:.2}x, peak memory {:.2}x; flake8 / lintgate: wall time {:.1}x, peak memory {:.2}x (flake8's largest process)",
        medians[4] / medians[5],
        rss[4] / rss[5],
        medians[6] / medians[4],
        rss[6] / rss[4]
    );
    let _ = writeln!(
        table,
        "Docstrings: lintgate / ruff: wall time {:.2}x (target <= 1.0x); pydocstyle / lintgate: wall time {:.1}x (target >= 50x)",
        medians[7] / medians[8],
        medians[9] / medians[7]
    );
    println!("{table}");
    Ok(())
}
