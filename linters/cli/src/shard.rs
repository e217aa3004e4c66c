//! `--shard K/N`: N parallel CI jobs (GitLab's `parallel:`) each lint one
//! part, so that together they lint every file exactly once. The split is
//! deterministic (every job computes the same one from the same file list)
//! and balanced by size: the largest files first, each to the shard with
//! the fewest bytes so far (ties to the lower shard), then each shard's
//! files in path order.

use std::collections::HashMap;

use crate::UsageError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based, as GitLab's CI_NODE_INDEX.
    pub index: usize,
    pub total: usize,
}

impl Shard {
    /// `K/N`, or `auto` (CI_NODE_INDEX / CI_NODE_TOTAL; one shard when unset).
    pub fn parse(text: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<Shard, UsageError> {
        let (index, total) = if text == "auto" {
            match (env("CI_NODE_INDEX"), env("CI_NODE_TOTAL")) {
                (Some(index), Some(total)) => (index, total),
                _ => ("1".to_string(), "1".to_string()),
            }
        } else {
            let (k, n) = text.split_once('/').ok_or_else(|| {
                UsageError(format!("--shard {text}: expected K/N (e.g. 2/4) or auto"))
            })?;
            (k.to_string(), n.to_string())
        };
        let number = |s: &str| s.trim().parse::<usize>().ok();
        match (number(&index), number(&total)) {
            (Some(index), Some(total)) if total >= 1 && (1..=total).contains(&index) => {
                Ok(Shard { index, total })
            }
            _ => Err(UsageError(format!(
                "--shard {text}: the shard must be K/N with 1 <= K <= N (got {index}/{total})"
            ))),
        }
    }

    /// Whether this shard runs the things done once per run (the coverage gate).
    pub fn is_first(&self) -> bool {
        self.index == 1
    }
}

/// The shard (1-based) of each path, from (path, size) pairs.
pub fn assign(files: &[(String, u64)], total: usize) -> HashMap<String, usize> {
    let mut order: Vec<&(String, u64)> = files.iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut load = vec![0u64; total];
    let mut out = HashMap::with_capacity(files.len());
    for (path, size) in order {
        let (lightest, _) =
            load.iter().enumerate().min_by_key(|&(i, bytes)| (*bytes, i)).expect("total >= 1");
        // Every file weighs at least one byte, so empty files spread too.
        load[lightest] += size.max(&1);
        out.insert(path.clone(), lightest + 1);
    }
    out
}

/// The shard of something that is not a file to balance (an unreadable
/// directory): a stable hash of its path.
pub fn of_path(path: &str, total: usize) -> usize {
    (xxhash_rust::xxh3::xxh3_64(path.as_bytes()) % total as u64) as usize + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n_and_auto() {
        let none = |_: &str| None;
        assert_eq!(Shard::parse("2/4", &none).unwrap(), Shard { index: 2, total: 4 });
        assert!(Shard::parse("0/4", &none).is_err());
        assert!(Shard::parse("5/4", &none).is_err());
        assert!(Shard::parse("2", &none).is_err());
        assert_eq!(Shard::parse("auto", &none).unwrap(), Shard { index: 1, total: 1 });
        let ci = |name: &str| match name {
            "CI_NODE_INDEX" => Some("3".to_string()),
            "CI_NODE_TOTAL" => Some("5".to_string()),
            _ => None,
        };
        assert_eq!(Shard::parse("auto", &ci).unwrap(), Shard { index: 3, total: 5 });
    }

    #[test]
    fn every_file_goes_to_one_shard_balanced_by_size() {
        let files: Vec<(String, u64)> = [("a", 900), ("b", 500), ("c", 400), ("d", 100), ("e", 0)]
            .iter()
            .map(|(p, s)| (p.to_string(), *s))
            .collect();
        let shards = assign(&files, 2);
        assert_eq!(shards.len(), 5);
        let load = |k: usize| -> u64 {
            files.iter().filter(|(p, _)| shards[p] == k).map(|(_, s)| s).sum()
        };
        assert_eq!((load(1), load(2)), (1000, 900));
        assert_eq!(assign(&files, 2), shards, "deterministic");
        assert!(assign(&files, 7).values().all(|k| (1..=7).contains(k)));
    }
}
