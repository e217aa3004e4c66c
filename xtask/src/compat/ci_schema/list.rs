//! The corpus list, `ci_files.txt`: where each file of `.bench/ci-corpus/`
//! comes from (repository, path, commit) and its length, to check a copy.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

const LIST: &str = include_str!("../ci_files.txt");

/// `.bench/ci-corpus/`, checked against the list: every listed file present
/// with the listed length.
pub fn default_corpus(root: &Path) -> Result<PathBuf> {
    let dir = root.join(".bench/ci-corpus");
    let mut missing = Vec::new();
    for entry in list() {
        let path = dir.join(entry.repo.replace('/', "__")).join(entry.path);
        let length = fs::read_to_string(&path).map(|t| t.chars().count());
        if length.ok() != Some(entry.chars) {
            missing.push(format!("{} {} ({})", entry.repo, entry.path, entry.commit));
        }
    }
    if !missing.is_empty() {
        bail!(
            "{} listed file(s) missing or changed under {}; fetch each as <owner>__<repo>/<path> at its commit:\n{}",
            missing.len(),
            dir.display(),
            missing.join("\n")
        );
    }
    for repo in list().map(|e| e.repo).collect::<BTreeSet<_>>() {
        fs::create_dir_all(dir.join(repo.replace('/', "__")).join(".git"))?;
    }
    Ok(dir)
}

/// One line of `ci_files.txt`.
struct Listed<'l> {
    repo: &'l str,
    path: &'l str,
    commit: &'l str,
    chars: usize,
}

fn list() -> impl Iterator<Item = Listed<'static>> {
    LIST.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|line| {
        let mut fields = line.split('\t');
        Some(Listed {
            repo: fields.next()?,
            path: fields.next()?,
            commit: fields.next()?,
            chars: fields.next()?.parse().ok()?,
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_list_is_well_formed() {
        let entries: Vec<_> = super::list().collect();
        let lines = super::LIST.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count();
        assert_eq!(entries.len(), lines, "every line has repo, path, commit and length");
        assert!(entries.len() >= 100, "at least 100 files");
        assert!(entries.iter().all(|e| e.commit.len() == 40 && e.repo.contains('/')));
    }
}
