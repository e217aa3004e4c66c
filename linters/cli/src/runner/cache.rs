//! The result cache: each file's findings and notes, keyed by everything
//! they depend on, so a re-run skips unchanged files (as ruff and shuck do).
//!
//! The key hashes lintgate's version, the file's path, kind and content,
//! the settings that apply to it (configuration, selection after
//! `per-file-ignores`), and each checker's own [`FileChecker::cache_key`]
//! (tool configuration files, first-party names). A checker that cannot
//! name its dependencies (Markdown links to other files, CI includes)
//! returns none, and files it checks are never cached: no result may come
//! from a stale entry.
//!
//! Entries live in `<cache-dir>/<version>/<key>`, written to a temporary
//! file and renamed, so concurrent runs never see half an entry; a missing,
//! corrupt or foreign entry is a miss and is rewritten. A run over the whole
//! repository removes the entries it did not use, and other versions'
//! directories, so the cache stays one entry per file.
//!
//! [`FileChecker::cache_key`]: lintgate_engine::checker::FileChecker::cache_key

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use lintgate_engine::diagnostic::{Diagnostic, Note};
use lintgate_engine::selector::Selector;
use lintgate_engine::source::SourceFile;
use xxhash_rust::xxh3::Xxh3;

use super::entry;
use super::file::FileResult;
use crate::settings::Settings;

/// The default directory, at the repository root.
pub const DEFAULT_DIR: &str = ".lintgate_cache";

pub struct ResultCache {
    /// `<cache-dir>/<version>`.
    dir: PathBuf,
    used: Mutex<HashSet<String>>,
    disabled: AtomicBool,
    problems: Mutex<Vec<String>>,
    settings_digests: RwLock<HashMap<usize, (Arc<Settings>, u64)>>,
}

impl ResultCache {
    /// Opens (creating) the cache in `dir`, which must lie inside `root`
    /// once symlinks are resolved. An error is said once as a note and the
    /// run goes on without the cache.
    pub fn open(root: &Path, dir: &Path) -> Result<ResultCache, String> {
        let shown = dir.strip_prefix(root).unwrap_or(dir).display().to_string();
        let fail = |e: std::io::Error| {
            format!("the result cache {shown} cannot be used ({e}); running without it")
        };
        std::fs::create_dir_all(dir).map_err(fail)?;
        let real = dir.canonicalize().map_err(fail)?;
        let real_root = root.canonicalize().map_err(fail)?;
        if !real.starts_with(&real_root) {
            return Err(format!(
                "the result cache {shown} leads out of the repository (to {}); running without it",
                real.display()
            ));
        }
        // Keeps the cache out of git and out of backups, as ruff's does.
        let _ = std::fs::write(real.join(".gitignore"), "# Created by lintgate.\n*\n");
        let _ = std::fs::write(
            real.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n# lintgate's result cache\n",
        );
        let versioned = real.join(lintgate_engine::VERSION);
        std::fs::create_dir_all(&versioned).map_err(fail)?;
        Ok(ResultCache {
            dir: versioned,
            used: Mutex::new(HashSet::new()),
            disabled: AtomicBool::new(false),
            problems: Mutex::new(Vec::new()),
            settings_digests: RwLock::new(HashMap::new()),
        })
    }

    /// The key of `file`'s result, given each checker's own key.
    pub fn key(
        &self,
        file: &SourceFile,
        settings: &Arc<Settings>,
        ignored: &[Selector],
        checker_keys: &[(&str, u64)],
    ) -> String {
        let mut hasher = Xxh3::new();
        for part in [
            lintgate_engine::VERSION.as_bytes(),
            file.path.as_bytes(),
            file.kind.to_string().as_bytes(),
        ] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        hasher.update(&self.settings_digest(settings).to_le_bytes());
        hasher.update(format!("{ignored:?}").as_bytes());
        for (name, key) in checker_keys {
            hasher.update(name.as_bytes());
            hasher.update(&key.to_le_bytes());
        }
        hasher.update(&(file.text.len() as u64).to_le_bytes());
        hasher.update(file.text.as_bytes());
        format!("{:032x}", hasher.digest128())
    }

    /// The settings' digest: the configuration files they were read from
    /// (path and bytes: everything in `Config` comes from them) and the
    /// rule selection (where the command line's `--select` lands).
    /// Memoized per settings object, which the map keeps alive so that its
    /// address is never reused by another.
    fn settings_digest(&self, settings: &Arc<Settings>) -> u64 {
        let id = Arc::as_ptr(settings) as usize;
        if let Some((_, d)) =
            self.settings_digests.read().unwrap_or_else(|e| e.into_inner()).get(&id)
        {
            return *d;
        }
        let mut hasher = Xxh3::new();
        for file in &settings.config.files {
            hasher.update(file.as_os_str().as_encoded_bytes());
            let bytes = std::fs::read(file).unwrap_or_default();
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
        hasher.update(format!("{:?}{}", settings.selection, settings.isolated).as_bytes());
        let digest = hasher.digest();
        self.settings_digests
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, (Arc::clone(settings), digest));
        digest
    }

    /// The diagnostics and notes cached under `key` for `path`, if a sound
    /// entry is there.
    pub fn get(&self, key: &str, path: &str) -> Option<(Vec<Diagnostic>, Vec<Note>)> {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).insert(key.to_string());
        let bytes = std::fs::read(self.dir.join(key)).ok()?;
        entry::decode(&bytes, path)
    }

    pub(super) fn put(&self, key: &str, result: &FileResult) {
        if self.disabled.load(Ordering::Relaxed) {
            return;
        }
        let Some(bytes) = entry::encode(&result.diagnostics, &result.notes) else { return };
        let written = tempfile::NamedTempFile::new_in(&self.dir).and_then(|mut temp| {
            temp.write_all(&bytes)?;
            temp.persist(self.dir.join(key)).map(|_| ()).map_err(|e| e.error)
        });
        if let Err(e) = written
            && !self.disabled.swap(true, Ordering::Relaxed)
        {
            self.problems.lock().unwrap_or_else(|e| e.into_inner()).push(format!(
                "cannot write to the result cache ({e}); the rest of this run is not cached"
            ));
        }
    }

    /// Notes for the run, after removing (on a whole-repository run) the
    /// entries it did not use and other versions' directories.
    pub fn finish(&self, whole_repository: bool) -> Vec<Note> {
        if whole_repository && !self.disabled.load(Ordering::Relaxed) {
            let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
            for entry in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                // Temporary files of a concurrent run are its own business.
                if !name.starts_with(".tmp") && !used.contains(&name) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
            if let Some(top) = self.dir.parent() {
                for entry in std::fs::read_dir(top).into_iter().flatten().flatten() {
                    if entry.path().is_dir() && entry.path() != self.dir {
                        let _ = std::fs::remove_dir_all(entry.path());
                    }
                }
            }
        }
        let problems = self.problems.lock().unwrap_or_else(|e| e.into_inner());
        problems.iter().map(|p| Note::new(".", p.clone())).collect()
    }
}

/// Where the cache lives: `LINTGATE_CACHE_DIR`, else `cache-dir` in the
/// configuration, else `.lintgate_cache` at the repository root.
pub fn location(root: &Path, configured: Option<&Path>) -> PathBuf {
    match std::env::var_os("LINTGATE_CACHE_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => {
            crate::settings::absolute(&std::env::current_dir().unwrap_or_default(), Path::new(&dir))
        }
        None => configured.map_or_else(|| root.join(DEFAULT_DIR), Path::to_path_buf),
    }
}
