//! Finding the files to lint: a parallel, gitignore-aware walk of each
//! directory argument, plus files named explicitly.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::{WalkBuilder, WalkState};
use lintgate_engine::config::ConfigError;
use lintgate_engine::diagnostic::Note;
use lintgate_engine::kind::{self, FileKind, PathClass};

use crate::settings::{Resolver, Settings, display_path};

/// A file that will be read and checked.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    /// Repository-relative POSIX path.
    pub display: String,
    pub kind: FileKind,
    pub settings: Arc<Settings>,
}

/// A path that exists but could not be looked into (an unreadable directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub display: String,
    pub message: String,
}

#[derive(Debug)]
pub enum DiscoveryError {
    NotFound(PathBuf),
    Config(ConfigError),
}

impl From<ConfigError> for DiscoveryError {
    fn from(e: ConfigError) -> Self {
        DiscoveryError::Config(e)
    }
}

pub struct Walk<'a> {
    pub root: &'a Path,
    pub resolver: &'a Arc<Resolver>,
    pub force_exclude: bool,
    pub jobs: usize,
    /// The files were listed by git (`--since`, `--staged`), not named by
    /// the user: they are classified as a walk would, so files of no kind
    /// lintgate lints are left out.
    pub listed: bool,
}

/// What discovery yields, one item at a time, as soon as it is found.
#[derive(Debug)]
pub enum Found {
    File(Candidate),
    Unreadable(Unreadable),
    Note(Note),
}

/// Where discovery sends what it finds, in batches; called from the
/// walker's threads.
pub type Sink<'a> = &'a (dyn Fn(Vec<Found>) + Sync);

/// Items per batch: few enough to keep every worker busy, many enough that
/// the hand-over costs nothing per file.
const BATCH: usize = 64;

/// One walker thread's pending items, sent when full and when the thread ends.
struct Batch<'a> {
    items: Vec<Found>,
    sink: Sink<'a>,
}

impl Batch<'_> {
    fn push(&mut self, item: Found) {
        self.items.push(item);
        if self.items.len() >= BATCH {
            (self.sink)(std::mem::take(&mut self.items));
        }
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if !self.items.is_empty() {
            (self.sink)(std::mem::take(&mut self.items));
        }
    }
}

impl Walk<'_> {
    /// Streams the files under `paths` (absolute) into `sink`, each once,
    /// in no particular order. Nothing is collected here, so memory does not
    /// grow with the size of the tree.
    pub fn stream(&self, paths: &[PathBuf], sink: Sink) -> Result<(), DiscoveryError> {
        let mut dirs: Vec<PathBuf> = Vec::new();
        let mut files: Vec<PathBuf> = Vec::new();
        for path in paths {
            let Ok(metadata) = path.metadata() else {
                return Err(DiscoveryError::NotFound(path.clone()));
            };
            if self.force_exclude && self.is_excluded_with_ancestors(path)? {
                continue;
            }
            if metadata.is_dir() { dirs.push(path.clone()) } else { files.push(path.clone()) }
        }
        // A directory inside another one is walked as part of it; a file
        // named explicitly is linted as such and skipped by the walk.
        dirs.sort();
        dirs.dedup();
        let nested: Vec<PathBuf> = dirs
            .iter()
            .filter(|d| dirs.iter().any(|o| o != *d && d.starts_with(o)))
            .cloned()
            .collect();
        dirs.retain(|d| !nested.contains(d));
        files.sort();
        files.dedup();
        for file in &files {
            if let Some(found) = self.classify(file, !self.listed)? {
                sink(vec![found]);
            }
        }
        if dirs.is_empty() {
            return Ok(());
        }
        let skip: HashSet<PathBuf> = files.into_iter().collect();
        self.walk(&dirs, skip, sink)
    }

    fn walk(
        &self,
        dirs: &[PathBuf],
        skip: HashSet<PathBuf>,
        sink: Sink,
    ) -> Result<(), DiscoveryError> {
        let mut builder = WalkBuilder::new(&dirs[0]);
        for dir in &dirs[1..] {
            builder.add(dir);
        }
        let first_error: Arc<Mutex<Option<ConfigError>>> = Arc::default();
        let resolver = self.resolver.clone();
        let filter_error = first_error.clone();
        builder
            .hidden(false)
            .require_git(false)
            .follow_links(false)
            .threads(self.jobs)
            .filter_entry(move |entry| {
                let (Some(parent), true) = (entry.path().parent(), entry.depth() > 0) else {
                    return true;
                };
                if skip.contains(entry.path()) {
                    return false;
                }
                match resolver.for_dir(parent) {
                    Ok(settings) => !settings.is_excluded(entry.path()),
                    Err(e) => {
                        filter_error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(e);
                        false
                    }
                }
            });
        builder.build_parallel().run(|| {
            let first_error = first_error.clone();
            let mut batch = Batch { items: Vec::with_capacity(BATCH), sink };
            Box::new(move |entry| {
                let item = match entry {
                    Ok(entry) if entry.path_is_symlink() => Some(Found::Note(Note::new(
                        display_path(self.root, entry.path()),
                        "symbolic link not followed",
                    ))),
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                        match self.classify(entry.path(), false) {
                            Ok(item) => item,
                            Err(e) => {
                                first_error
                                    .lock()
                                    .unwrap_or_else(|p| p.into_inner())
                                    .get_or_insert(e);
                                return WalkState::Quit;
                            }
                        }
                    }
                    Ok(_) => None,
                    Err(error) => Some(self.walk_error(error)),
                };
                if let Some(item) = item {
                    batch.push(item);
                }
                WalkState::Continue
            })
        });
        match first_error.lock().unwrap_or_else(|p| p.into_inner()).take() {
            Some(error) => Err(error.into()),
            None => Ok(()),
        }
    }

    fn walk_error(&self, error: ignore::Error) -> Found {
        let path = walk_error_path(&error);
        match path {
            Some(path) => Found::Unreadable(Unreadable {
                display: display_path(self.root, &path),
                message: format!("cannot read directory entry: {}", walk_error_message(&error)),
            }),
            None => Found::Note(Note::new("", format!("while walking: {error}"))),
        }
    }

    /// The kind of the file at `path`; `None` for files of no kind we lint,
    /// unless named explicitly.
    fn classify(&self, path: &Path, explicit: bool) -> Result<Option<Found>, ConfigError> {
        let display = display_path(self.root, path);
        let kind = match kind::classify_path(Path::new(&display)) {
            PathClass::Kind(kind) => Some(kind),
            PathClass::NeedsShebang => match sniff(path) {
                Ok(head) => kind::classify_shebang(&head),
                Err(e) if explicit => {
                    return Ok(Some(Found::Unreadable(Unreadable {
                        display,
                        message: format!("cannot read the file: {e}"),
                    })));
                }
                Err(e) => {
                    let note = format!("not classified: its first line cannot be read ({e})");
                    return Ok(Some(Found::Note(Note::new(display, note))));
                }
            },
            PathClass::Unknown => None,
        };
        let kind = match (kind, explicit) {
            (Some(kind), _) => kind,
            (None, true) => FileKind::Other,
            (None, false) => return Ok(None),
        };
        let settings = self.resolver.for_dir(path.parent().unwrap_or(path))?;
        Ok(Some(Found::File(Candidate { path: path.to_path_buf(), display, kind, settings })))
    }

    /// `--force-exclude` on an explicit path: excluded if it or any directory
    /// between it and the root is.
    fn is_excluded_with_ancestors(&self, path: &Path) -> Result<bool, ConfigError> {
        for ancestor in path.ancestors() {
            let Some(parent) = ancestor.parent() else {
                break;
            };
            if self.resolver.for_dir(parent)?.is_excluded(ancestor) {
                return Ok(true);
            }
            if ancestor == self.root {
                break;
            }
        }
        Ok(false)
    }
}

fn sniff(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(kind::SNIFF_LEN);
    File::open(path)?.take(kind::SNIFF_LEN as u64).read_to_end(&mut head)?;
    Ok(head)
}

fn walk_error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_error_message(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        other => other.to_string(),
    }
}
