//! `cargo xtask bench coverage [--mb N] [--runs N]`: the coverage gate on
//! generated reports of about N MB (default 50) in a generated git
//! repository, against diff-cover (diff coverage, Cobertura and LCOV) and
//! `pycobertura diff` (report against report) on the same inputs, side by
//! side in one run: median wall times, ratios, peak memory against the
//! report's size.
//!
//! The repository has `mb * 56` Python files of 1,000 lines on `main`, and
//! a `feature` branch that rewrites 20 lines in every tenth file. The
//! Cobertura reports measure every other line (~50 MB at the default size);
//! the LCOV report measures every line and has two branch records on every
//! fourth. lintgate runs every gate: baseline (a baseline made from the
//! `main` report), per-file, diff (since `main`) and floor.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::bench::{median, peak_rss_kib};
use crate::{process, tools};

const LINES_PER_FILE: u32 = 1000;

pub fn run(root: &Path, mb: usize, runs: usize) -> Result<()> {
    tools::ensure_debian(&[("time", "time"), ("git", "git")])?;
    let tools_dir = tools::install(root)?;
    let lintgate = process::release_lintgate(root)?;
    let dir = root.join(format!("target/bench-coverage-{mb}mb"));
    if !dir.join("stamp").exists() {
        generate(&dir, &lintgate, files_for(mb))?;
    }
    let venv = tools_dir.join("venv/bin");
    let lint = |report: &str| {
        argv(
            &dir,
            &[
                &lintgate.display().to_string(),
                "coverage",
                "check",
                report,
                "--baseline",
                "baseline.json",
                "--since",
                "main",
            ],
        )
    };
    let diff_cover = |report: &str| {
        argv(
            &dir,
            &[
                &venv.join("diff-cover").display().to_string(),
                report,
                "--compare-branch=main",
                "--quiet",
            ],
        )
    };
    let pycobertura = argv(
        &dir,
        &[
            &venv.join("pycobertura").display().to_string(),
            "diff",
            "--no-source",
            "--no-color",
            "base.xml",
            "coverage.xml",
        ],
    );
    let commands = [
        ("lintgate coverage check coverage.xml (all gates)", lint("coverage.xml")),
        ("diff-cover coverage.xml --compare-branch=main", diff_cover("coverage.xml")),
        ("pycobertura diff base.xml coverage.xml", pycobertura),
        ("lintgate coverage check coverage.lcov (all gates)", lint("coverage.lcov")),
        ("diff-cover coverage.lcov --compare-branch=main", diff_cover("coverage.lcov")),
    ];
    let medians = interleaved(&commands, runs)?;
    let size = |name: &str| fs::metadata(dir.join(name)).map(|m| m.len() as f64 / (1 << 20) as f64);
    let (xml_mb, lcov_mb) = (size("coverage.xml")?, size("coverage.lcov")?);
    let mut table = format!(
        "Reports: coverage.xml {xml_mb:.1} MiB (Cobertura), coverage.lcov {lcov_mb:.1} MiB, base.xml {:.1} MiB; {} files; {runs} runs each, interleaved.\n\n",
        size("base.xml")?,
        files_for(mb)
    );
    table.push_str("| command | median wall | peak memory (max RSS) |\n|---|---|---|\n");
    let mut rss = Vec::new();
    for ((name, argv), median) in commands.iter().zip(&medians) {
        let kib = peak_rss_kib(argv)? as f64 / 1024.0;
        rss.push(kib);
        let _ = writeln!(table, "| {name} | {median:.3} s | {kib:.1} MiB |");
    }
    let _ = writeln!(
        table,
        "\nCobertura: diff-cover / lintgate {:.1}x, pycobertura / lintgate {:.1}x; lintgate peak memory {:.2}x the report's size",
        medians[1] / medians[0],
        medians[2] / medians[0],
        rss[0] / xml_mb
    );
    let _ = writeln!(
        table,
        "LCOV: diff-cover / lintgate {:.1}x; lintgate peak memory {:.2}x the report's size",
        medians[4] / medians[3],
        rss[3] / lcov_mb
    );
    print!("{table}");
    Ok(())
}

/// About 0.9 MB of Cobertura report per 50 files.
fn files_for(mb: usize) -> usize {
    mb * 56
}

/// `env -C DIR` runs each command in the generated repository.
fn argv(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut out = vec!["env".to_string(), "-C".to_string(), dir.display().to_string()];
    out.extend(args.iter().map(|a| a.to_string()));
    out
}

/// Like [`crate::bench::interleaved_medians`], but any exit status below
/// 10 counts as a run (the gates and pycobertura exit non-zero when
/// coverage dropped, which it does here on purpose).
fn interleaved(commands: &[(&str, Vec<String>)], runs: usize) -> Result<Vec<f64>> {
    let once = |argv: &[String]| -> Result<f64> {
        let start = Instant::now();
        let output = Command::new(&argv[0]).args(&argv[1..]).stdin(Stdio::null()).output()?;
        let elapsed = start.elapsed().as_secs_f64();
        if output.status.code().is_none_or(|c| c >= 10) {
            bail!(
                "{argv:?} failed with {}: {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(elapsed)
    };
    for (_, argv) in commands {
        once(argv)?;
    }
    let mut samples = vec![Vec::new(); commands.len()];
    for _ in 0..runs {
        for (i, (_, argv)) in commands.iter().enumerate() {
            samples[i].push(once(argv)?);
        }
    }
    Ok(samples.iter_mut().map(|s| median(s)).collect())
}

fn generate(dir: &Path, lintgate: &Path, files: usize) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    eprintln!(
        "xtask: generating a repository of {files} files and its coverage reports in {}",
        dir.display()
    );
    let paths: Vec<String> = (0..files).map(|i| format!("src/pkg{}/mod{i}.py", i / 100)).collect();
    for (i, path) in paths.iter().enumerate() {
        write_source(&dir.join(path), i, false)?;
    }
    fs::write(dir.join(".gitignore"), "*.xml\n*.lcov\n*.json\nstamp\n")?;
    fs::write(
        dir.join("lintgate.toml"),
        "[coverage]\nfile-max-drop = 5\nnew-file-min = 50\nfail-under = 40\ndiff-min = 80\n",
    )?;
    git(dir, &["init", "-q", "-b", "main"])?;
    git(dir, &["add", "-A"])?;
    git(dir, &["commit", "-qm", "base"])?;
    cobertura(&dir.join("base.xml"), dir, &paths, 0)?;
    git(dir, &["checkout", "-q", "-b", "feature"])?;
    for (i, path) in paths.iter().enumerate().filter(|(i, _)| i % 10 == 0) {
        write_source(&dir.join(path), i, true)?;
    }
    git(dir, &["commit", "-qam", "feature"])?;
    cobertura(&dir.join("coverage.xml"), dir, &paths, 1)?;
    lcov(&dir.join("coverage.lcov"), &paths)?;
    let status = Command::new(lintgate)
        .args(["coverage", "baseline", "base.xml", "-o", "baseline.json"])
        .current_dir(dir)
        .status()?;
    if !status.success() {
        bail!("lintgate coverage baseline failed");
    }
    fs::write(dir.join("stamp"), "")?;
    Ok(())
}

fn write_source(path: &PathBuf, seed: usize, changed: bool) -> Result<()> {
    fs::create_dir_all(path.parent().context("a parent")?)?;
    let mut out = BufWriter::new(fs::File::create(path)?);
    for n in 1..=LINES_PER_FILE {
        let rewritten = changed && (100..120).contains(&n);
        writeln!(out, "v_{n} = {}", if rewritten { seed * 7 + n as usize } else { n as usize })?;
    }
    Ok(out.flush()?)
}

/// Hits: a deterministic pattern; `variant` 1 leaves a few more lines
/// uncovered (in the rewritten range) than the base report.
fn hits(file: usize, line: u32, variant: usize) -> u64 {
    let x = (file as u64).wrapping_mul(2_654_435_761) ^ u64::from(line).wrapping_mul(40_503);
    if variant == 1
        && file.is_multiple_of(10)
        && (100..120).contains(&line)
        && line.is_multiple_of(3)
    {
        return 0;
    }
    if x.is_multiple_of(7) { 0 } else { x % 50 + 1 }
}

fn cobertura(path: &Path, dir: &Path, paths: &[String], variant: usize) -> Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    writeln!(
        out,
        "<?xml version=\"1.0\" ?>\n<coverage version=\"7.6.0\" line-rate=\"0.8\" branch-rate=\"0\" complexity=\"0\">"
    )?;
    writeln!(
        out,
        "\t<sources>\n\t\t<source>{}</source>\n\t</sources>\n\t<packages>",
        dir.display()
    )?;
    for (i, file) in paths.iter().enumerate() {
        if i % 100 == 0 {
            if i > 0 {
                writeln!(out, "\t\t\t</classes>\n\t\t</package>")?;
            }
            writeln!(
                out,
                "\t\t<package name=\"src.pkg{}\" line-rate=\"0.8\" branch-rate=\"0\" complexity=\"0\">\n\t\t\t<classes>",
                i / 100
            )?;
        }
        writeln!(
            out,
            "\t\t\t\t<class name=\"mod{i}.py\" filename=\"{file}\" complexity=\"0\" line-rate=\"0.8\" branch-rate=\"0\">\n\t\t\t\t\t<methods/>\n\t\t\t\t\t<lines>"
        )?;
        for line in (1..=LINES_PER_FILE).step_by(2) {
            writeln!(
                out,
                "\t\t\t\t\t\t<line number=\"{line}\" hits=\"{}\"/>",
                hits(i, line, variant)
            )?;
        }
        writeln!(out, "\t\t\t\t\t</lines>\n\t\t\t\t</class>")?;
    }
    writeln!(out, "\t\t\t</classes>\n\t\t</package>\n\t</packages>\n</coverage>")?;
    Ok(out.flush()?)
}

fn lcov(path: &Path, paths: &[String]) -> Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    for (i, file) in paths.iter().enumerate() {
        writeln!(out, "TN:\nSF:{file}")?;
        for line in 1..=LINES_PER_FILE {
            let h = hits(i, line, 1);
            writeln!(out, "DA:{line},{h}")?;
            if line % 4 == 0 {
                writeln!(
                    out,
                    "BRDA:{line},0,0,{}\nBRDA:{line},0,1,{}",
                    h,
                    if h > 10 { "-" } else { "1" }
                )?;
            }
        }
        writeln!(out, "LF:{LINES_PER_FILE}\nend_of_record")?;
    }
    Ok(out.flush()?)
}

fn git(dir: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("git {args:?} failed");
    }
    Ok(())
}
