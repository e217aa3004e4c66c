//! `cargo xtask compat ci-schema [DIR] [--check]`: lintgate's GitLab CI
//! schema findings (LG311) against `check-jsonschema --builtin-schema
//! vendor.gitlab-ci --data-transform gitlab-ci`, per file and JSON path.
//!
//! The default corpus is `.bench/ci-corpus/`: the public `.gitlab-ci.yml`
//! files (and local files they include) listed, with their commits, in
//! `ci_files.txt`, stored as `<owner>__<repo>/<path>` with a `.git`
//! directory marking each repository's root. The files are reference data
//! fetched from the public repositories; they are not committed.
//!
//! The files are lintgate's GitLab CI files under DIR and the local files
//! they include (whatever their names). Not compared: files either tool
//! cannot read as YAML, and check-jsonschema's errors about what GitLab
//! accepts (see `stricter.rs`), which are listed apart.
//! check-jsonschema's errors about an unreplaced `$[[ inputs.x ]]`
//! placeholder are dropped, as lintgate drops its own.

mod documents;
mod list;
mod paths;
mod stricter;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::{corpus, process, tools};

const TARGET: f64 = 0.99;
const CLEAN_TARGET: f64 = 0.98;

/// (file, place) where place is the JSON path's segments joined by dots.
type Key = (String, String);

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let check = args.iter().any(|a| a == "--check");
    let tools_dir = tools::install(root)?;
    let lintgate = process::release_lintgate(root)?;
    let dir = super::corpus_dir(args, || list::default_corpus(root))?;
    let mut files: Vec<String> = corpus::files_of_kind(&lintgate, &dir, "ci-yaml")?
        .into_iter()
        .filter(|f| !is_github(f))
        .collect();
    files.extend(included_files(&dir, &files));
    if files.is_empty() {
        bail!("no GitLab CI files under {}", dir.display());
    }
    let ours = run_lintgate(&lintgate, &dir)?;
    let work = root.join(".bench/ci-schema-documents");
    let theirs = run_check_jsonschema(&tools_dir, &dir, &files, &work)?;

    let skipped: BTreeSet<&String> = theirs.unparsed.iter().chain(&ours.unparsed).collect();
    let compared: Vec<&String> = files.iter().filter(|f| !skipped.contains(f)).collect();
    let keep = |k: &&Key| !skipped.contains(&k.0);
    let our_keys: BTreeSet<Key> = ours.keys.keys().filter(keep).cloned().collect();
    let their_keys: BTreeSet<Key> = theirs.keys.keys().filter(keep).cloned().collect();
    let matched = our_keys.intersection(&their_keys).count();
    let ratio = |n: usize, d: usize| if d == 0 { 1.0 } else { n as f64 / d as f64 };
    let precision = ratio(matched, our_keys.len());
    let recall = ratio(matched, their_keys.len());
    let clean = |keys: &BTreeSet<Key>, all: &[&String]| {
        let flagged: BTreeSet<&String> = keys.iter().map(|k| &k.0).collect();
        all.iter().filter(|f| !flagged.contains(**f)).count()
    };
    let all: Vec<&String> = files.iter().collect();
    let our_all: BTreeSet<Key> = ours.keys.keys().cloned().collect();
    let our_clean = clean(&our_all, &all);
    let their_clean = clean(&their_keys, &compared);

    let mut header = format!(
        "Corpus: {} ({} GitLab CI files, {} with a `spec:` header; {} not compared: {} check-jsonschema cannot parse, {} lintgate cannot parse)\n\n",
        dir.display(),
        files.len(),
        theirs.split,
        skipped.len(),
        theirs.unparsed.len(),
        ours.unparsed.len(),
    );
    let _ = writeln!(
        header,
        "check-jsonschema errors about what GitLab accepts, left out: {}\n",
        theirs.stricter.len()
    );
    let show = |r: f64| format!("{:.1}%", r * 100.0);
    let mut table = String::from(
        "| files | lintgate (file, path) | check-jsonschema (file, path) | matched | precision | recall | files clean, lintgate | files clean, check-jsonschema |\n|---|---|---|---|---|---|---|---|\n",
    );
    let _ = writeln!(
        table,
        "| {} | {} | {} | {matched} | {} | {} | {} ({our_clean} of {}) | {} ({their_clean} of {}) |",
        files.len(),
        our_keys.len(),
        their_keys.len(),
        show(precision),
        show(recall),
        show(ratio(our_clean, files.len())),
        files.len(),
        show(ratio(their_clean, compared.len())),
        compared.len(),
    );

    let mut details = String::new();
    for key in our_keys.difference(&their_keys) {
        let message = ours.keys.get(key).map_or("", String::as_str);
        let _ = writeln!(details, "only lintgate: {} {}: {message}", key.0, paths::shown(&key.1));
    }
    for key in their_keys.difference(&our_keys) {
        let message = theirs.keys.get(key).map_or("", String::as_str);
        let _ = writeln!(
            details,
            "only check-jsonschema: {} {}: {message}",
            key.0,
            paths::shown(&key.1)
        );
    }
    for (file, path, reason) in &theirs.stricter {
        let _ = writeln!(details, "stricter than GitLab ({reason}): {file} {path}");
    }
    for file in &skipped {
        let _ = writeln!(details, "not compared: {file}");
    }

    println!("{header}{table}");
    let report = root.join(".bench/compat-ci-schema.txt");
    fs::create_dir_all(root.join(".bench"))?;
    fs::write(&report, format!("{header}{table}\n{details}"))?;
    println!("disagreements: {}", report.display());
    let clean_share = ratio(our_clean, files.len());
    let missed: Vec<String> = [
        ("precision", precision, TARGET),
        ("recall", recall, TARGET),
        ("files clean", clean_share, CLEAN_TARGET),
    ]
    .iter()
    .filter(|(_, value, target)| value < target)
    .map(|(name, value, target)| format!("{name} {} (target {})", show(*value), show(*target)))
    .collect();
    if check && !missed.is_empty() {
        bail!("below the targets: {}", missed.join(", "));
    }
    Ok(())
}

/// One tool's findings: a message per (file, place), and the files it
/// could not read as YAML.
#[derive(Default)]
struct Findings {
    keys: BTreeMap<Key, String>,
    unparsed: BTreeSet<String>,
}

struct Reference {
    keys: BTreeMap<Key, String>,
    unparsed: BTreeSet<String>,
    /// (file, JSON path, why GitLab accepts it).
    stricter: Vec<(String, String, &'static str)>,
    /// Files whose configuration document was validated on its own.
    split: usize,
}

fn run_lintgate(lintgate: &Path, dir: &Path) -> Result<Findings> {
    let output = Command::new(lintgate)
        .args(["lint", "--isolated", "--format", "json", "--select", "LG311,LG301", "."])
        .current_dir(dir)
        .output()?;
    if output.status.code().is_none_or(|c| c > 1) {
        bail!("lintgate failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let found: Value = serde_json::from_slice(&output.stdout)?;
    let mut findings = Findings::default();
    for f in found.as_array().context("findings JSON")? {
        let file = corpus::relative_to_dir(dir, f["path"].as_str().unwrap_or_default());
        let message = f["message"].as_str().unwrap_or_default();
        if f["code"] == "LG301" {
            findings.unparsed.insert(file);
            continue;
        }
        // The one message without a place is about the whole file.
        let place = paths::from_message(message).unwrap_or_default();
        findings.keys.entry((file, place)).or_insert_with(|| message.to_string());
    }
    Ok(findings)
}

/// check-jsonschema on every file (on the configuration document of files
/// with a `spec:` header, copied under `work`).
fn run_check_jsonschema(
    tools_dir: &Path,
    dir: &Path,
    files: &[String],
    work: &Path,
) -> Result<Reference> {
    let _ = fs::remove_dir_all(work);
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut origin: BTreeMap<String, String> = BTreeMap::new();
    let mut split = 0;
    for file in files {
        let path = dir.join(file);
        let text = fs::read_to_string(&path).unwrap_or_default();
        let input = match documents::configuration(&text) {
            Some(config) => {
                split += 1;
                let copy = work.join(file);
                fs::create_dir_all(copy.parent().context("a file has a parent")?)?;
                fs::write(&copy, config)?;
                copy
            }
            None => path,
        };
        origin.insert(input.display().to_string(), file.clone());
        inputs.push(input);
    }
    let mut reference =
        Reference { keys: BTreeMap::new(), unparsed: BTreeSet::new(), stricter: Vec::new(), split };
    for chunk in inputs.chunks(200) {
        let output = Command::new(tools_dir.join("venv/bin/check-jsonschema"))
            .args(["--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci"])
            .args(["-o", "JSON"])
            .args(chunk)
            .output()?;
        let report: Value = serde_json::from_slice(&output.stdout).with_context(|| {
            format!("check-jsonschema output: {}", String::from_utf8_lossy(&output.stderr))
        })?;
        let file_of = |e: &Value| {
            let name = e["filename"].as_str().unwrap_or_default();
            origin.get(name).cloned().unwrap_or_else(|| name.to_string())
        };
        for error in report["parse_errors"].as_array().into_iter().flatten() {
            reference.unparsed.insert(file_of(error));
        }
        for error in report["errors"].as_array().into_iter().flatten() {
            let file = file_of(error);
            let path = error["path"].as_str().unwrap_or("$");
            let message = error["message"].as_str().unwrap_or_default();
            let deeper: Vec<Vec<String>> = error["best_deep_match"]["path"]
                .as_str()
                .map(paths::segments)
                .into_iter()
                .collect();
            let text = fs::read_to_string(dir.join(&file)).unwrap_or_default();
            if let Some(why) = stricter::reason(&text, &paths::segments(path), message, &deeper) {
                reference.stricter.push((file, path.to_string(), why));
            } else if !message.contains("$[[") {
                let key = (file, paths::from_json_path(path));
                reference.keys.entry(key).or_insert_with(|| format!("{path}: {message}"));
            }
        }
    }
    Ok(reference)
}

/// The local files that `files` include and that are not among them
/// (included files need not have a CI file's name), relative to `dir`.
fn included_files(dir: &Path, files: &[String]) -> Vec<String> {
    let known: BTreeSet<&String> = files.iter().collect();
    let mut found = BTreeSet::new();
    for file in files {
        let path = dir.join(file);
        let Ok(text) = fs::read_to_string(&path) else { continue };
        let root = lintgate_engine::repository::root_of(path.parent().unwrap_or(dir));
        let (local, _) =
            lintgate_ciyaml::gitlab::local_includes(&lintgate_ciyaml::yaml::parse(&text));
        for (pattern, _) in local {
            if pattern.contains(['*', '?', '[', '$']) {
                continue;
            }
            let included = root.join(pattern.trim_start_matches('/'));
            let Ok(rel) = included.strip_prefix(dir) else { continue };
            let rel = rel.display().to_string();
            if included.is_file() && !known.contains(&rel) {
                found.insert(rel);
            }
        }
    }
    found.into_iter().collect()
}

fn is_github(file: &str) -> bool {
    file.contains(".github/") || file.ends_with("action.yml") || file.ends_with("action.yaml")
}
