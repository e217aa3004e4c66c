//! `cargo xtask bench markdown [--runs N]`: lintgate's Markdown rules and
//! offline link checks against markdownlint-cli2 with the same rules, on
//! the Markdown of the installed npm packages (the compat corpus), side by
//! side in one run: median wall times, the ratio, peak memory.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::Result;

use crate::bench::{interleaved_medians, peak_rss_kib};
use crate::{corpus, process, tools};

pub fn run(root: &Path, runs: usize) -> Result<()> {
    tools::ensure_debian(&[("time", "time")])?;
    let tools_dir = tools::install(root)?;
    let lintgate = process::release_lintgate(root)?;
    let dir = crate::compat::markdown::build_corpus(root, &tools_dir)?;
    let codes = corpus::checker_codes(&lintgate, "markdown")?;
    let md_codes: Vec<&str> =
        codes.iter().map(String::as_str).filter(|c| c.starts_with("MD")).collect();
    let rules: Vec<String> = md_codes.iter().map(|c| format!("\"{c}\": true")).collect();
    let config = dir.join(".markdownlint-cli2.jsonc");
    fs::write(&config, format!("{{\"config\": {{\"default\": false, {}}}}}\n", rules.join(", ")))?;
    let env_c = |args: &[&str]| -> Vec<String> {
        let mut argv = vec!["env".to_string(), "-C".to_string(), dir.display().to_string()];
        argv.extend(args.iter().map(|a| a.to_string()));
        argv
    };
    let lintgate_bin = lintgate.display().to_string();
    let select = codes.join(",");
    let markdownlint =
        tools_dir.join("npm/node_modules/.bin/markdownlint-cli2").display().to_string();
    let commands = [
        (
            "lintgate lint (its Markdown rules + offline links, 2 threads)".to_string(),
            env_c(&[&lintgate_bin, "lint", "--isolated", "--quiet", "--select", &select, "."]),
        ),
        ("markdownlint-cli2 (the same rules)".to_string(), env_c(&[&markdownlint, "**/*.md"])),
    ];
    let medians = interleaved_medians(&commands, runs);
    let _ = fs::remove_file(&config);
    let medians = medians?;
    let files = corpus::files_of_kind(&lintgate, &dir, "markdown")?.len();
    let mut table = format!(
        "Corpus: {} ({files} Markdown files; rules: {}), {runs} runs each, interleaved.\n\n| command | median wall | peak memory (max RSS) |\n|---|---|---|\n",
        dir.display(),
        md_codes.join(" ")
    );
    fs::write(&config, format!("{{\"config\": {{\"default\": false, {}}}}}\n", rules.join(", ")))?;
    let mut rss = Vec::new();
    for ((name, argv), median) in commands.iter().zip(&medians) {
        let kib = peak_rss_kib(argv)? as f64 / 1024.0;
        rss.push(kib);
        let _ = writeln!(table, "| {name} | {median:.3} s | {kib:.1} MiB |");
    }
    let _ = fs::remove_file(&config);
    let _ = writeln!(
        table,
        "\nmarkdownlint-cli2 / lintgate: {:.1}x wall time; lintgate uses {:.2}x markdownlint-cli2's peak memory",
        medians[1] / medians[0],
        rss[0] / rss[1]
    );
    print!("{table}");
    Ok(())
}
