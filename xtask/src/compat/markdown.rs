//! `cargo xtask compat markdown [DIR] [--check]`: against markdownlint-cli2
//! (npm) with only the rules lintgate implements turned on; each must reach
//! precision and recall 95%. The default corpus is the Markdown shipped in
//! the npm packages the tests install (READMEs, changelogs, docs), copied
//! under `.bench/markdown-corpus/`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Result, bail};

use crate::{corpus, process, tools};

use super::Key;

const TARGET: f64 = 0.95;
const MAX_FILES: usize = 800;

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let check = args.iter().any(|a| a == "--check");
    let tools_dir = tools::install(root)?;
    let lintgate = process::release_lintgate(root)?;
    let dir = super::corpus_dir(args, || build_corpus(root, &tools_dir))?;
    // markdownlint's rules; lintgate's own link checks (LG4xx) have no counterpart.
    let codes: Vec<String> = corpus::checker_codes(&lintgate, "markdown")?
        .into_iter()
        .filter(|c| c.starts_with("MD"))
        .collect();
    let files = corpus::files_of_kind(&lintgate, &dir, "markdown")?;
    if files.is_empty() {
        bail!("no Markdown files under {}", dir.display());
    }
    let ours: BTreeSet<Key> = super::run_lintgate(&lintgate, &dir, &codes)?.into_iter().collect();
    let theirs = run_markdownlint(&tools_dir, &dir, &codes)?;
    let header = format!("Corpus: {} ({} Markdown files)\n\n", dir.display(), files.len());
    let result =
        super::compare(&dir, "markdownlint-cli2", &codes, &ours, &theirs, |_| (TARGET, TARGET));
    super::finish(root, "markdown", &header, result, check)
}

/// markdownlint-cli2 with exactly `codes` on, via a config file written
/// for the run (and removed after it).
fn run_markdownlint(tools_dir: &Path, dir: &Path, codes: &[String]) -> Result<BTreeSet<Key>> {
    let rules: Vec<String> = codes.iter().map(|c| format!("\"{c}\": true")).collect();
    let config = dir.join(".markdownlint-cli2.jsonc");
    let existed = config.exists();
    if !existed {
        fs::write(
            &config,
            format!("{{\"config\": {{\"default\": false, {}}}}}\n", rules.join(", ")),
        )?;
    }
    let output = Command::new(tools_dir.join("npm/node_modules/.bin/markdownlint-cli2"))
        .arg("**/*.md")
        .current_dir(dir)
        .output();
    if !existed {
        let _ = fs::remove_file(&config);
    }
    let output = output?;
    if output.status.code().is_none_or(|c| c > 1) {
        bail!("markdownlint-cli2 failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let mut found = BTreeSet::new();
    for line in String::from_utf8_lossy(&output.stderr)
        .lines()
        .chain(String::from_utf8_lossy(&output.stdout).lines())
    {
        // `path:line[:column] [error] MD013/line-length message`
        let Some((location, rest)) = line.split_once(' ') else { continue };
        let Some(rule) = rest.split_whitespace().find(|w| w.starts_with("MD")) else { continue };
        let Some(code) = rule.split('/').next() else { continue };
        let mut parts = location.split(':');
        let (Some(path), Some(number)) = (parts.next(), parts.next()) else { continue };
        let Ok(number) = number.parse::<u64>() else { continue };
        found.insert((path.to_string(), number, code.to_string()));
    }
    Ok(found)
}

/// Markdown files from the installed npm packages, copied flat with
/// numbered names so that both tools see the same paths.
pub fn build_corpus(root: &Path, tools_dir: &Path) -> Result<PathBuf> {
    let dir = root.join(".bench/markdown-corpus");
    if dir.join(".complete").exists() {
        return Ok(dir);
    }
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    let mut found = Vec::new();
    collect(&tools_dir.join("npm/node_modules"), &mut found);
    found.sort();
    for (i, path) in found.iter().take(MAX_FILES).enumerate() {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        fs::copy(path, dir.join(format!("{i:04}-{name}")))?;
    }
    fs::write(dir.join(".complete"), "")?;
    Ok(dir)
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            collect(&path, found);
        } else if kind.is_file()
            && path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
            && entry.metadata().is_ok_and(|m| m.len() < 1 << 20)
        {
            found.push(path);
        }
    }
}
