//! `.shellcheckrc`: the nearest one in the script's directory or above
//! (`disable=`, `enable=`, `shell=` lines, `#` comments).

use std::path::Path;
use std::sync::Arc;

use lintgate_engine::nearest::NearestCache;
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
    nearest: NearestCache<RcFile>,
}

impl RcCache {
    pub fn for_dir(&self, dir: &Path) -> Option<Arc<RcFile>> {
        self.nearest.for_dir(dir, &|dir: &Path| {
            std::fs::read_to_string(dir.join(".shellcheckrc")).ok().map(|text| RcFile::parse(&text))
        })
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
