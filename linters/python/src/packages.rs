//! The repository's own top-level modules, for I001's first-party section:
//! every directory and `*.py` file at the repository root and in `src/`
//! (isort's default `src_paths`), read once per root.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use rustc_hash::FxHashSet;

#[derive(Default)]
pub struct LocalPackages {
    by_root: RwLock<HashMap<PathBuf, Arc<FxHashSet<String>>>>,
}

impl LocalPackages {
    pub fn for_root(&self, root: &Path) -> Arc<FxHashSet<String>> {
        if let Some(found) = self.by_root.read().unwrap_or_else(|e| e.into_inner()).get(root) {
            return found.clone();
        }
        let mut names = FxHashSet::default();
        for dir in [root.to_path_buf(), root.join("src")] {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                if let Some(module) = name.strip_suffix(".py") {
                    names.insert(module.to_string());
                } else if is_dir && !name.starts_with('.') {
                    names.insert(name);
                }
            }
        }
        let names = Arc::new(names);
        self.by_root
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(root.to_path_buf(), names.clone());
        names
    }
}
