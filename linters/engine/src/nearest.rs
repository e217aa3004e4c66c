//! "The nearest file of this kind, in this directory or above", cached per
//! directory, for tool configuration that checkers honour (`.shellcheckrc`,
//! a `[flake8]` section).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

pub struct NearestCache<T> {
    by_dir: RwLock<HashMap<PathBuf, Option<Arc<T>>>>,
}

impl<T> Default for NearestCache<T> {
    fn default() -> Self {
        NearestCache { by_dir: RwLock::new(HashMap::new()) }
    }
}

impl<T> NearestCache<T> {
    /// What `read` finds in `dir` or, failing that, in the nearest parent.
    pub fn for_dir(&self, dir: &Path, read: &impl Fn(&Path) -> Option<T>) -> Option<Arc<T>> {
        if let Some(found) = self.by_dir.read().unwrap_or_else(|e| e.into_inner()).get(dir) {
            return found.clone();
        }
        let found = match read(dir) {
            Some(value) => Some(Arc::new(value)),
            None => dir.parent().and_then(|parent| self.for_dir(parent, read)),
        };
        self.by_dir
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_and_remembers() {
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(root.path().join("a/marker"), "1").unwrap();
        let cache = NearestCache::default();
        let read = |dir: &Path| std::fs::read_to_string(dir.join("marker")).ok();
        assert_eq!(cache.for_dir(&deep, &read).as_deref().map(String::as_str), Some("1"));
        std::fs::remove_file(root.path().join("a/marker")).unwrap();
        assert_eq!(cache.for_dir(&deep, &read).as_deref().map(String::as_str), Some("1"));
    }
}
