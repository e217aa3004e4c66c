//! What a file checker's result depends on besides the file and its
//! settings, hashed, so the result cache can key on it: the tool
//! configuration files a checker honours (`.shellcheckrc`, `setup.cfg`),
//! in the file's directory and every one above it, memoized per directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use xxhash_rust::xxh3::Xxh3;

pub struct ConfigDigest {
    names: &'static [&'static str],
    by_dir: RwLock<HashMap<PathBuf, u64>>,
}

impl ConfigDigest {
    /// A digest over the files called `names`.
    pub fn new(names: &'static [&'static str]) -> ConfigDigest {
        ConfigDigest { names, by_dir: RwLock::new(HashMap::new()) }
    }

    /// The hash of every file of `names` (path and content) in `dir` and
    /// its ancestors: any of them added, removed or edited changes it.
    pub fn for_dir(&self, dir: &Path) -> u64 {
        if let Some(&digest) = self.by_dir.read().unwrap_or_else(|e| e.into_inner()).get(dir) {
            return digest;
        }
        let mut hasher = Xxh3::new();
        for name in self.names {
            let path = dir.join(name);
            if let Ok(bytes) = std::fs::read(&path) {
                hasher.update(path.as_os_str().as_encoded_bytes());
                hasher.update(&(bytes.len() as u64).to_le_bytes());
                hasher.update(&bytes);
            }
        }
        let parent = dir.parent().map_or(0, |p| self.for_dir(p));
        hasher.update(&parent.to_le_bytes());
        let digest = hasher.digest();
        self.by_dir.write().unwrap_or_else(|e| e.into_inner()).insert(dir.to_path_buf(), digest);
        digest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_with_any_file_above() {
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        let digest = |files: &[(&str, &str)]| {
            for (path, text) in files {
                std::fs::write(root.path().join(path), text).unwrap();
            }
            ConfigDigest::new(&["setup.cfg", ".flake8"]).for_dir(&deep)
        };
        let none = digest(&[]);
        let one = digest(&[("a/setup.cfg", "[flake8]\n")]);
        let edited = digest(&[("a/setup.cfg", "[flake8]\nmax-line-length = 100\n")]);
        let above = digest(&[("a/b/.flake8", "x")]);
        let other = digest(&[("a/unrelated.txt", "x")]);
        assert!(none != one && one != edited && edited != above);
        assert_eq!(above, other, "files of other names do not count");
    }
}
