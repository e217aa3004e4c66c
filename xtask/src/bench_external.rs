//! `cargo xtask bench external [--runs N]`: the same external tools (ruff,
//! pylint on a subset, flake8, ShellCheck, markdownlint-cli2) over the same
//! corpus, run (a) by lintgate, (b) by `prek run --all-files` and (c) by
//! `pre-commit run --all-files` (`language: system` hooks on the same
//! installed tools), side by side in one run; plus lintgate's own overhead:
//! the same run with every tool replaced by `true` (discovery, batching,
//! process start-up, reports), as a share of the real run.
//!
//! The corpus is a git repository under `target/bench-external`: Python
//! files of the standard library (pylint on 40 of them), the machine's shell
//! scripts and the Markdown files of the npm packages the tests install.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::bench::median;
use crate::{corpus, process, tools};

const PYTHON_FILES: usize = 400;
const PYLINT_FILES: usize = 40;
const SHELL_FILES: usize = 150;
const MARKDOWN_FILES: usize = 150;

/// Each tool: name, the pre-commit `entry`, `types`, an optional `files` regex.
const TOOLS: &[(&str, &str, &str, Option<&str>)] = &[
    ("ruff", "ruff check --no-cache --force-exclude", "python", None),
    ("pylint", "pylint --score=n --persistent=n", "python", Some("^py/pylint/")),
    ("flake8", "flake8", "python", None),
    ("shellcheck", "shellcheck", "shell", None),
    ("markdownlint-cli2", "markdownlint-cli2", "markdown", None),
];

pub fn run(root: &Path, runs: usize) -> Result<()> {
    let tools_dir = tools::install(root)?;
    let lintgate = process::release_lintgate(root)?;
    let dir = root.join("target/bench-external");
    if !dir.join(".complete").exists() {
        build_corpus(root, &dir, &tools_dir)?;
    }
    let mut path = vec![tools_dir.join("venv/bin"), tools_dir.join("npm/node_modules/.bin")];
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let path = std::env::join_paths(path)?;
    let lint = |config: &str| {
        let mut argv =
            vec![lintgate.display().to_string(), "lint".into(), "--config".into(), config.into()];
        argv.extend(
            ["--quiet", "--report", "junit=out/junit.xml", "--report", "sarif=out/lintgate.sarif"]
                .map(String::from),
        );
        argv
    };
    let tool = |name: &str| tools_dir.join("venv/bin").join(name).display().to_string();
    let commands: Vec<(&str, Vec<String>)> = vec![
        ("lintgate lint (the five tools as [checkers])", lint("lintgate.toml")),
        ("prek run --all-files", vec![tool("prek"), "run".into(), "--all-files".into()]),
        (
            "pre-commit run --all-files",
            vec![tool("pre-commit"), "run".into(), "--all-files".into()],
        ),
        ("lintgate lint, every tool replaced by `true`", lint("overhead.toml")),
    ];
    let run_once = |argv: &[String]| -> Result<f64> {
        let start = Instant::now();
        let output = Command::new(&argv[0])
            .args(&argv[1..])
            .current_dir(&dir)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", dir.join(".cache/pre-commit"))
            .env("PREK_HOME", dir.join(".cache/prek"))
            .env("SKIP", "")
            .stdin(Stdio::null())
            .output()?;
        let elapsed = start.elapsed().as_secs_f64();
        if output.status.code().is_none_or(|c| c > 1) {
            bail!(
                "{argv:?} failed with {}: {}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(elapsed)
    };
    for (_, argv) in &commands {
        run_once(argv)?;
    }
    let mut samples = vec![Vec::new(); commands.len()];
    for _ in 0..runs {
        for (i, (_, argv)) in commands.iter().enumerate() {
            samples[i].push(run_once(argv)?);
        }
    }
    let medians: Vec<f64> = samples.iter_mut().map(|s| median(s)).collect();
    let mut table = format!(
        "Corpus: {} ({PYTHON_FILES} Python files, pylint on {PYLINT_FILES}; {SHELL_FILES} shell scripts; {MARKDOWN_FILES} Markdown files); {runs} runs each, interleaved; 2 jobs.\n\n| command | median wall |\n|---|---|\n",
        dir.display()
    );
    for ((name, _), median) in commands.iter().zip(&medians) {
        let _ = writeln!(table, "| {name} | {median:.3} s |");
    }
    let _ = writeln!(
        table,
        "\nprek / lintgate: {:.2}x; pre-commit / lintgate: {:.2}x; lintgate's own overhead: {:.1}% of its run",
        medians[1] / medians[0],
        medians[2] / medians[0],
        100.0 * medians[3] / medians[0]
    );
    print!("{table}");
    Ok(())
}

fn build_corpus(root: &Path, dir: &Path, tools_dir: &Path) -> Result<()> {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("out"))?;
    eprintln!("xtask: building the external-tools corpus in {}", dir.display());
    let stdlib = corpus::python_stdlib()?;
    let mut python: Vec<PathBuf> = fs::read_dir(&stdlib)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    python.sort();
    for (i, source) in python.iter().take(PYTHON_FILES).enumerate() {
        let name = source.file_name().context("a file name")?.to_string_lossy().into_owned();
        let sub = if i < PYLINT_FILES { "py/pylint" } else { "py/rest" };
        copy(source, &dir.join(sub).join(name))?;
    }
    let shell = corpus::shell(root)?;
    let mut scripts: Vec<PathBuf> = fs::read_dir(&shell)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_none_or(|n| n != ".complete"))
        .collect();
    scripts.sort();
    for (i, source) in scripts.iter().take(SHELL_FILES).enumerate() {
        copy(source, &dir.join(format!("sh/s{i:03}.sh")))?;
    }
    let mut markdown = Vec::new();
    for entry in fs::read_dir(tools_dir.join("npm/node_modules"))?.flatten() {
        let readme = entry.path().join("README.md");
        if readme.is_file() {
            markdown.push(readme);
        }
    }
    markdown.sort();
    for (i, source) in markdown.iter().take(MARKDOWN_FILES).enumerate() {
        copy(source, &dir.join(format!("md/doc{i:03}.md")))?;
    }
    fs::write(dir.join(".gitignore"), "out/\n.cache/\n")?;
    fs::write(dir.join("lintgate.toml"), lintgate_config(false))?;
    fs::write(dir.join("overhead.toml"), lintgate_config(true))?;
    fs::write(dir.join(".pre-commit-config.yaml"), pre_commit_config())?;
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "-A"],
        &["-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-qm", "corpus"],
    ] {
        let status =
            Command::new("git").args(args).current_dir(dir).stdout(Stdio::null()).status()?;
        if !status.success() {
            bail!("git {args:?} failed in {}", dir.display());
        }
    }
    fs::write(dir.join(".complete"), "")?;
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to.parent().context("a parent")?)?;
    fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
    Ok(())
}

/// The five built-in tools on the same files as the hooks; with `stub`,
/// each tool's command replaced by `true` (lintgate's overhead alone; the
/// built-in's `files` stay).
fn lintgate_config(stub: bool) -> String {
    let mut out = String::from(
        "select = [\"ruff:\", \"pylint:\", \"flake8:\", \"shellcheck:\", \"markdownlint-cli2:\"]\n",
    );
    for (name, _, _, files) in TOOLS {
        let _ = writeln!(out, "\n[checkers.{name}]\nenabled = true");
        if let Some(files) = files {
            let _ = writeln!(out, "files = [\"{}**/*.py\"]", files.trim_start_matches('^'));
        }
        if stub {
            out.push_str("command = [\"true\", \"{files}\"]\nparser = \"pass-fail\"\n");
        }
    }
    out
}

fn pre_commit_config() -> String {
    let mut out = String::from("repos:\n  - repo: local\n    hooks:\n");
    for (name, entry, kind, files) in TOOLS {
        let _ = writeln!(
            out,
            "      - id: {name}\n        name: {name}\n        entry: {entry}\n        language: system\n        types: [{kind}]"
        );
        if let Some(files) = files {
            let _ = writeln!(out, "        files: {files}");
        }
    }
    out
}
