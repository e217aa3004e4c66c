//! `.shellcheckrc`: the nearest one in the script's directory or above
//! (`disable=`, `enable=`, `shell=` lines, `#` comments).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use lintgate_engine::suppression::CodeSpec;

use crate::directives::code_spec;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RcFile {
    pub disable: Vec<CodeSpec>,
    pub disable_all: bool,
    pub shell: Option<String>,
}

impl RcFile {
    pub fn disables(&self, code: &str) -> bool {
        self.disable_all || self.disable.iter().any(|spec| spec.matches(code))
    }

    pub fn parse(text: &str) -> RcFile {
        let mut rc = RcFile::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            let Some((key, value)) = line.split_once('=') else { continue };
            match key.trim() {
                "disable" => {
                    for item in value.split(',').map(str::trim) {
                        if item == "all" {
                            rc.disable_all = true;
                        } else if let Some(spec) = code_spec(item) {
                            rc.disable.push(spec);
                        }
                    }
                }
                "shell" => rc.shell = Some(value.trim().to_string()),
                _ => {}
            }
        }
        rc
    }
}

/// Finds and caches the `.shellcheckrc` that applies to each directory.
#[derive(Default)]
pub struct RcCache {
    by_dir: RwLock<HashMap<PathBuf, Option<Arc<RcFile>>>>,
}

impl RcCache {
    pub fn for_dir(&self, dir: &Path) -> Option<Arc<RcFile>> {
        if let Some(found) = self.by_dir.read().unwrap_or_else(|e| e.into_inner()).get(dir) {
            return found.clone();
        }
        let here = dir.join(".shellcheckrc");
        let found = match std::fs::read_to_string(&here) {
            Ok(text) => Some(Arc::new(RcFile::parse(&text))),
            Err(_) => dir.parent().and_then(|parent| self.for_dir(parent)),
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
    fn reads_and_finds_the_nearest() {
        let rc = RcFile::parse("# team settings\ndisable=SC2086, SC1000-SC1999\nshell=bash\n");
        assert!(rc.disables("SC2086") && rc.disables("SC1017") && !rc.disables("SC2034"));
        assert_eq!(rc.shell.as_deref(), Some("bash"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join(".shellcheckrc"), "disable=SC2034\n").unwrap();
        let cache = RcCache::default();
        assert!(cache.for_dir(&dir.path().join("a/b")).unwrap().disables("SC2034"));
    }
}
