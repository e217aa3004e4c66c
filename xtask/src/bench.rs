//! `cargo xtask bench walk`: discovering, classifying and reading a large
//! tree with no checkers enabled, against ripgrep listing the same tree and
//! `cat` reading exactly the files lintgate reads, side by side in one run.
//! Reports medians, ratios, 1-thread vs all-threads scaling and peak memory.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::process;
use crate::tools::ensure_debian;

struct Options {
    files: usize,
    runs: usize,
}

/// `ciyaml` defaults: 200 files, 5 runs.
fn options_ciyaml(args: &[String]) -> Result<(usize, usize)> {
    let given = |flag: &str| args.iter().any(|a| a == flag);
    let options = parse(args)?;
    Ok((
        if given("--files") { options.files } else { 200 },
        if given("--runs") { options.runs } else { 5 },
    ))
}

/// `coverage` takes `--mb N` (report size, default 50) and `--runs N` (default 3).
fn options_coverage(args: &[String]) -> Result<(usize, usize)> {
    let mut mb = 50;
    let mut rest = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--mb" {
            let text = iter.next().context("--mb needs a number")?;
            mb = text
                .parse::<usize>()
                .with_context(|| format!("--mb: `{text}` is not a number"))?
                .max(1);
        } else {
            rest.push(arg.clone());
        }
    }
    let runs = if rest.iter().any(|a| a == "--runs") { parse(&rest)?.runs } else { 3 };
    Ok((mb, runs))
}

fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options { files: 20_000, runs: 10 };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || -> Result<usize> {
            let text = iter.next().with_context(|| format!("{arg} needs a number"))?;
            text.parse().with_context(|| format!("{arg}: `{text}` is not a number"))
        };
        match arg.as_str() {
            "--files" => options.files = value()?,
            "--runs" => options.runs = value()?.max(1),
            other => bail!("unknown bench option `{other}` (--files N, --runs N)"),
        }
    }
    Ok(options)
}

/// `--runs N` if given, else the bench's own default.
fn runs_or(args: &[String], default: usize) -> Result<usize> {
    if args.iter().any(|a| a == "--runs") { Ok(parse(args)?.runs) } else { Ok(default) }
}

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("walk") => walk(root, &parse(&args[1..])?),
        Some("shell") => shell(root, &parse(&args[1..])?),
        Some("ciyaml") => crate::bench_ciyaml::run(root, options_ciyaml(&args[1..])?),
        Some("python") => crate::bench_python::run(root, runs_or(&args[1..], 5)?),
        Some("markdown") => crate::bench_markdown::run(root, runs_or(&args[1..], 5)?),
        Some("external") => crate::bench_external::run(root, runs_or(&args[1..], 3)?),
        Some("cache") => crate::bench_cache::run(root, runs_or(&args[1..], 5)?),
        Some("install") => crate::bench_install::run_bench(root, runs_or(&args[1..], 3)?),
        Some("coverage") => {
            let (mb, runs) = options_coverage(&args[1..])?;
            crate::bench_coverage::run(root, mb, runs)
        }
        _ => bail!(
            "usage: cargo xtask bench walk|shell|ciyaml|python|markdown|coverage|external|install|cache [--files N] [--mb N] [--runs N]"
        ),
    }
}

/// lintgate with every shell rule against ShellCheck as two parallel
/// batched processes (`xargs -P2`), on the corpus of real scripts
/// (`--files N` takes the first N). xargs exits 123 when a ShellCheck
/// process reports findings, which is a success here.
fn shell(root: &Path, options: &Options) -> Result<()> {
    ensure_debian(&[("time", "time")])?;
    let tools = crate::tools::install(root)?;
    let lintgate = process::release_lintgate(root)?;
    let corpus = crate::corpus::shell(root)?;
    let mut files = crate::corpus::files_of_kind(&lintgate, &corpus, "shell")?;
    files.truncate(options.files);
    let bytes: u64 =
        files.iter().filter_map(|f| fs::metadata(corpus.join(f)).ok()).map(|m| m.len()).sum();
    let dir = root.join(".bench/shell-sample");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    for f in &files {
        fs::copy(corpus.join(f), dir.join(f))?;
    }
    let list = root.join(".bench/shell-sample.list");
    fs::write(
        &list,
        files.iter().map(|f| dir.join(f).display().to_string()).collect::<Vec<_>>().join("\n")
            + "\n",
    )?;
    let codes = crate::corpus::checker_codes(&lintgate, "shell")?;
    let per_process = files.len().div_ceil(2).max(1);
    let lint = lint_argv(&lintgate, &codes, &dir);
    let shellcheck = vec![
        "sh".into(),
        "-c".into(),
        format!(
            "xargs -d '\\n' -P 2 -n {per_process} '{}' --norc -f gcc --enable=useless-use-of-cat < '{}' > /dev/null; s=$?; [ $s -eq 0 ] || [ $s -eq 123 ]",
            tools.join("venv/bin/shellcheck").display(),
            list.display()
        ),
    ];
    let commands = [
        ("lintgate (all shell rules, 2 threads)".to_string(), lint),
        ("shellcheck, xargs -P2".to_string(), shellcheck),
    ];
    let medians = interleaved_medians(&commands, options.runs)?;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "Corpus: {} scripts, {:.1} MB ({}), {} runs each, interleaved.\n",
        files.len(),
        bytes as f64 / 1e6,
        corpus.display(),
        options.runs
    );
    table.push_str(&against_shellcheck(&commands, &medians)?);
    println!("{table}");
    Ok(())
}

fn walk(root: &Path, options: &Options) -> Result<()> {
    ensure_debian(&[("rg", "ripgrep"), ("time", "time")])?;
    let lintgate = process::release_lintgate(root)?;
    let tree = root.join(format!(".bench/walk-{}", options.files));
    build_tree(&lintgate, &tree, options.files)?;
    let list = tree.with_extension("list");
    let files = file_list(&lintgate, &tree)?;
    fs::write(&list, files.join("\n") + "\n")?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let tree_arg = tree.display().to_string();
    let lint = |jobs: usize| -> Vec<String> {
        let jobs = jobs.to_string();
        [
            lintgate.to_str().unwrap(),
            "lint",
            "--isolated",
            "--ignore",
            "ALL",
            "--quiet",
            "--jobs",
            &jobs,
            &tree_arg,
        ]
        .map(String::from)
        .to_vec()
    };
    let ripgrep = vec![
        "sh".into(),
        "-c".into(),
        format!(
            "rg --files --threads {cores} '{tree_arg}' > /dev/null && xargs -d '\\n' -P {cores} -n 500 cat < '{}' > /dev/null",
            list.display()
        ),
    ];
    let commands = [
        (format!("lintgate, {cores} threads"), lint(cores)),
        (format!("rg --files + cat, {cores} processes"), ripgrep),
        ("lintgate, 1 thread".to_string(), lint(1)),
    ];
    let medians = interleaved_medians(&commands, options.runs)?;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "Tree: {} files lintgate reads ({}), {} runs each, interleaved.\n",
        files.len(),
        tree.display(),
        options.runs
    );
    let _ = writeln!(table, "| command | median wall | ratio to rg + cat |\n|---|---|---|");
    for ((name, _), median) in commands.iter().zip(&medians) {
        let _ = writeln!(table, "| {name} | {:.3} s | {:.2}x |", median, median / medians[1]);
    }
    let _ =
        writeln!(table, "\nScaling: 1 thread / {cores} threads = {:.2}x", medians[2] / medians[0]);
    let half = tree.join("generated/0");
    let _ = writeln!(table, "\n| peak memory (max RSS) | files | MiB |\n|---|---|---|");
    for (label, dir) in [("part of the tree", half.as_path()), ("whole tree", tree.as_path())] {
        let count = file_list(&lintgate, dir)?.len();
        let mut argv = lint(cores);
        *argv.last_mut().unwrap() = dir.display().to_string();
        let kib = peak_rss_kib(&argv)?;
        let _ = writeln!(table, "| lintgate, {label} | {count} | {:.1} |", kib as f64 / 1024.0);
    }
    println!("{table}");
    Ok(())
}

/// The standard library of the machine's `python3`, plus generated Python,
/// shell, Markdown and YAML files up to `total` files lintgate reads.
fn build_tree(lintgate: &Path, tree: &Path, total: usize) -> Result<()> {
    if tree.join(".complete").exists() {
        return Ok(());
    }
    let _ = fs::remove_dir_all(tree);
    fs::create_dir_all(tree)?;
    let stdlib = String::from_utf8(
        Command::new("python3")
            .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
            .output()?
            .stdout,
    )?;
    process::run(Command::new("cp").arg("-r").arg(stdlib.trim()).arg(tree.join("stdlib")))?;
    let _ = fs::remove_dir_all(tree.join("stdlib/site-packages"));
    let have = file_list(lintgate, tree)?.len();
    let kinds = [("py", 6), ("sh", 2), ("md", 1), ("yml", 1)];
    for i in 0..total.saturating_sub(have) {
        let dir = tree.join(format!("generated/{}/d{}", i / 5000, (i / 100) % 50));
        fs::create_dir_all(&dir)?;
        let ext = kinds.iter().flat_map(|(e, n)| std::iter::repeat_n(*e, *n)).nth(i % 10).unwrap();
        fs::write(dir.join(format!("f{i}.{ext}")), synthetic(ext, i))?;
    }
    fs::write(tree.join(".complete"), "")?;
    Ok(())
}

/// A few KB of plausible text whose size varies with `seed`.
fn synthetic(ext: &str, seed: usize) -> String {
    let lines = 40 + (seed * 7919) % 200;
    let mut text = String::new();
    for n in 0..lines {
        let _ = match ext {
            "py" => writeln!(text, "def f{n}(x, y={seed}):\n    return x * {n} + y  # line {n}"),
            "sh" => writeln!(text, "echo \"step {n}\" && test -n \"${{VAR_{n}:-}}\""),
            "md" => writeln!(text, "Paragraph {n} of document {seed}, with *emphasis* and `code`."),
            _ => writeln!(text, "key_{n}:\n  - item {seed}\n  - \"value {n}\""),
        };
    }
    text
}

/// The files lintgate would read under `dir`, as absolute paths. It runs
/// from the project root, so the paths it prints are relative to that.
fn file_list(lintgate: &Path, dir: &Path) -> Result<Vec<String>> {
    let root = crate::project_root();
    let output = Command::new(lintgate)
        .args(["lint", "--isolated", "--show-files"])
        .arg(dir)
        .current_dir(&root)
        .output()?;
    if !output.status.success() {
        bail!("lintgate --show-files failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8(output.stdout)?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(_, path)| root.join(path).display().to_string())
        .collect())
}

/// `lintgate lint --isolated --quiet --select CODES DIR`.
pub fn lint_argv(lintgate: &Path, codes: &[impl AsRef<str>], dir: &Path) -> Vec<String> {
    let codes: Vec<&str> = codes.iter().map(AsRef::as_ref).collect();
    vec![
        lintgate.display().to_string(),
        "lint".into(),
        "--isolated".into(),
        "--quiet".into(),
        "--select".into(),
        codes.join(","),
        dir.display().to_string(),
    ]
}

/// Runs each command once (to warm the page cache and check that it
/// works), then `runs` times, interleaved so that machine noise hits all
/// alike; returns each command's median wall time.
pub fn interleaved_medians(commands: &[(String, Vec<String>)], runs: usize) -> Result<Vec<f64>> {
    for (_, argv) in commands {
        time_once(argv)?;
    }
    let mut samples = vec![Vec::new(); commands.len()];
    for _ in 0..runs {
        for (i, (_, argv)) in commands.iter().enumerate() {
            samples[i].push(time_once(argv)?);
        }
    }
    Ok(samples.iter_mut().map(|s| median(s)).collect())
}

/// The table of a lintgate-against-ShellCheck run: wall time and peak
/// memory of each command (lintgate first), and the ratio.
pub fn against_shellcheck(commands: &[(String, Vec<String>)], medians: &[f64]) -> Result<String> {
    let mut table =
        String::from("| command | median wall | peak memory (max RSS) |\n|---|---|---|\n");
    for ((name, argv), median) in commands.iter().zip(medians) {
        let kib = peak_rss_kib(argv)?;
        let _ = writeln!(table, "| {name} | {median:.3} s | {:.1} MiB |", kib as f64 / 1024.0);
    }
    let _ = writeln!(table, "\nShellCheck / lintgate wall time: {:.1}x", medians[1] / medians[0]);
    Ok(table)
}

pub fn time_once(argv: &[String]) -> Result<f64> {
    let start = Instant::now();
    let status = Command::new(&argv[0]).args(&argv[1..]).stdout(Stdio::null()).status()?;
    let elapsed = start.elapsed().as_secs_f64();
    if status.code().is_none_or(|c| c > 1) {
        bail!("{argv:?} failed with {status}");
    }
    Ok(elapsed)
}

pub fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

pub fn peak_rss_kib(argv: &[String]) -> Result<u64> {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .args(argv)
        .stdout(Stdio::null())
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    last.trim().parse().with_context(|| format!("cannot read peak memory from `{last}`"))
}
