//! The result cache: each file's findings and notes, keyed by everything
//! they depend on, so a re-run skips unchanged files (as ruff and shuck do).
//!
//! The key hashes lintgate's version and build, the file's path, kind and content,
//! the settings that apply to it (configuration, selection after
//! `per-file-ignores`), and each checker's own [`FileChecker::cache_key`]
//! (tool configuration files, first-party names). A checker that cannot
//! name its dependencies (Markdown links to other files, CI includes)
//! returns none, and files it checks are never cached: no result may come
//! from a stale entry.
//!
//! Entries live in one pack file, `<cache-dir>/<version>/results`, read
//! once when the run starts and rewritten (temporary file, then rename)
//! when it ends, only if the run added an entry or, over the whole
//! repository, left one unused: a missing, corrupt or foreign entry is a
//! miss. A run over the whole repository keeps only the entries it used,
//! and removes other versions' directories, so the cache stays one entry
//! per file. Two runs at once each write whole packs; the last one wins,
//! and what the other added is a miss next time.
//!
//! [`FileChecker::cache_key`]: lintgate_engine::checker::FileChecker::cache_key

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use lintgate_engine::diagnostic::{Diagnostic, Note};
use lintgate_engine::selector::Selector;
use lintgate_engine::source::SourceFile;
use xxhash_rust::xxh3::Xxh3;

use super::entry;
use super::file::FileResult;
use super::pack::{self, Pack};
use crate::settings::Settings;

/// The default directory, at the repository root.
pub const DEFAULT_DIR: &str = ".lintgate_cache";
/// The pack's name inside the version directory.
const PACK: &str = "results";

pub struct ResultCache {
    /// `<cache-dir>/<version>`.
    dir: PathBuf,
    pack: Pack,
    used: Mutex<HashSet<u128>>,
    added: Mutex<Vec<(u128, Vec<u8>)>>,
    settings_digests: RwLock<HashMap<usize, (Arc<Settings>, u64)>>,
    /// Which build of lintgate this is: a development build keeps the
    /// version while its rules change, so the version alone would hand it
    /// another build's results.
    build: u64,
}

/// The running executable's size and a sample of its bytes, hashed (0
/// when it cannot be read): the same for every copy of one build (an
/// install keeps the bytes, not the modification time), different for
/// another build, without reading the whole binary on every run.
fn build_identity() -> u64 {
    use std::io::{Read, Seek, SeekFrom};
    const SAMPLES: u64 = 64;
    const SAMPLE: usize = 256;
    let Some(mut exe) = std::env::current_exe().ok().and_then(|p| std::fs::File::open(p).ok())
    else {
        return 0;
    };
    let len = exe.metadata().map_or(0, |m| m.len());
    let mut hasher = Xxh3::new();
    hasher.update(&len.to_le_bytes());
    let mut buffer = [0u8; SAMPLE];
    for i in 0..SAMPLES {
        let at = len.saturating_sub(SAMPLE as u64) * i / (SAMPLES - 1);
        if exe.seek(SeekFrom::Start(at)).is_err() {
            break;
        }
        let read = exe.read(&mut buffer).unwrap_or(0);
        hasher.update(&buffer[..read]);
    }
    hasher.digest()
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
            pack: Pack::read(&versioned.join(PACK)),
            dir: versioned,
            used: Mutex::new(HashSet::new()),
            added: Mutex::new(Vec::new()),
            settings_digests: RwLock::new(HashMap::new()),
            build: build_identity(),
        })
    }

    /// The key of `file`'s result, given each checker's own key.
    pub fn key(
        &self,
        file: &SourceFile,
        settings: &Arc<Settings>,
        ignored: &[Selector],
        checker_keys: &[(&str, u64)],
    ) -> u128 {
        let mut hasher = Xxh3::new();
        for part in [
            lintgate_engine::VERSION.as_bytes(),
            file.path.as_bytes(),
            file.kind.to_string().as_bytes(),
        ] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        hasher.update(&self.build.to_le_bytes());
        hasher.update(&self.settings_digest(settings).to_le_bytes());
        hasher.update(format!("{ignored:?}").as_bytes());
        for (name, key) in checker_keys {
            hasher.update(name.as_bytes());
            hasher.update(&key.to_le_bytes());
        }
        hasher.update(&(file.text.len() as u64).to_le_bytes());
        hasher.update(file.text.as_bytes());
        hasher.digest128()
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
    pub fn get(&self, key: u128, path: &str) -> Option<(Vec<Diagnostic>, Vec<Note>)> {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).insert(key);
        entry::decode(self.pack.get(key)?, path)
    }

    pub(super) fn put(&self, key: u128, result: &FileResult) {
        if let Some(bytes) = entry::encode(&result.diagnostics, &result.notes) {
            self.added.lock().unwrap_or_else(|e| e.into_inner()).push((key, bytes));
        }
    }

    /// Writes the pack if it changed, and notes for the run. A run over the
    /// whole repository keeps only the entries it used and removes what
    /// else is in the cache directory (other versions, older formats).
    pub fn finish(&self, whole_repository: bool) -> Vec<Note> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let added = self.added.lock().unwrap_or_else(|e| e.into_inner());
        let added_keys: HashSet<u128> = added.iter().map(|(key, _)| *key).collect();
        let kept: Vec<u128> = self
            .pack
            .keys()
            .filter(|key| !added_keys.contains(key) && (!whole_repository || used.contains(key)))
            .collect();
        let mut notes = Vec::new();
        if !added.is_empty() || kept.len() < self.pack.len() {
            let old = kept.iter().filter_map(|&key| Some((key, self.pack.get(key)?)));
            let new = added.iter().map(|(key, bytes)| (*key, bytes.as_slice()));
            if let Err(e) = pack::write(&self.dir.join(PACK), old.chain(new)) {
                let message =
                    format!("cannot write the result cache ({e}); this run is not cached");
                notes.push(Note::new(".", message));
                return notes;
            }
        }
        if whole_repository {
            self.remove_the_rest();
        }
        notes
    }

    fn remove_the_rest(&self) {
        for entry in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Temporary files of a concurrent run are its own business.
            if name != PACK && !name.starts_with(".tmp") {
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
