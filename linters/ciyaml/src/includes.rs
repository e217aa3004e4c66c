//! `include: local` files: read from the repository root (the nearest
//! directory with `.git` above the including file), globs expanded, nested
//! includes followed, each file once (so include cycles end), at most
//! GitLab's limit of 150.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use globset::Glob;
use lintgate_engine::repository::root_of;

use crate::gitlab::{self, Included};
use crate::yaml::{self, Document, YamlProblem};

const MAX_INCLUDES: usize = 150;

#[derive(Default)]
pub struct Loaded {
    /// The repository root include paths start from.
    pub root: PathBuf,
    pub included: Vec<Included>,
    /// Missing files named by this file (nested ones are reported where they are written).
    pub problems: Vec<YamlProblem>,
    /// Includes, in this file or the files it includes, that were not
    /// read: remote, project, template and component ones (offline),
    /// unreadable local files, and those past the limit.
    pub unread: usize,
}

impl Loaded {
    /// Whether every name the pipeline defines is known: only then can a
    /// name that is not found be reported as missing.
    pub fn complete(&self) -> bool {
        self.unread == 0
    }
}

pub fn load(path: &Path, doc: &Document) -> Loaded {
    let dir = path.parent().unwrap_or(Path::new("."));
    let root = root_of(dir).to_path_buf();
    let mut loaded = Loaded { root: root.clone(), ..Loaded::default() };
    let mut seen: HashSet<PathBuf> = path.canonicalize().into_iter().collect();
    let (direct, others) = gitlab::local_includes(doc);
    loaded.unread = others;
    let mut queue: Vec<(String, Option<std::ops::Range<usize>>)> =
        direct.into_iter().map(|(p, s)| (p, Some(s))).collect();
    while let Some((pattern, span)) = queue.pop() {
        let files = if pattern.contains(['*', '?', '[']) {
            expand(&root, &pattern)
        } else {
            vec![root.join(pattern.trim_start_matches('/'))]
        };
        for file in files {
            if loaded.included.len() >= MAX_INCLUDES {
                loaded.unread += 1;
                return loaded;
            }
            let canonical = file.canonicalize().unwrap_or(file.clone());
            if !seen.insert(canonical) {
                continue;
            }
            match std::fs::read_to_string(&file) {
                Ok(text) => {
                    let source = u32::try_from(loaded.included.len() + 1).unwrap_or(u32::MAX);
                    let doc = yaml::parse_source(&text, source);
                    let (nested, others) = gitlab::local_includes(&doc);
                    loaded.unread += others;
                    queue.extend(nested.into_iter().map(|(p, _)| (p, None)));
                    loaded.included.push(Included { doc, path: file, text, source });
                }
                Err(e) => {
                    loaded.unread += 1;
                    if let Some(span) = span.clone() {
                        loaded.problems.push(YamlProblem {
                            code: gitlab::MISSING_INCLUDE,
                            message: format!(
                                "`include: local` names `{pattern}`, which cannot be read: {e}"
                            ),
                            span,
                        });
                    }
                }
            }
        }
    }
    loaded
}

/// The files under `root` whose repository-relative path matches `pattern`.
fn expand(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let Ok(glob) = Glob::new(pattern.trim_start_matches('/')) else { return Vec::new() };
    let matcher = glob.compile_matcher();
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if entry.file_name() != ".git" && entry.file_name() != "node_modules" {
                    stack.push(path);
                }
            } else if path.strip_prefix(root).is_ok_and(|rel| matcher.is_match(rel)) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The files the repository's `.gitlab-ci.yml` pulls in (directly or not),
/// worked out once per repository and run: each of them is checked in that
/// pipeline's context instead of on its own.
#[derive(Default)]
pub struct PipelineIncludes {
    by_root: RwLock<HashMap<PathBuf, Arc<HashSet<PathBuf>>>>,
}

impl PipelineIncludes {
    pub fn contains(&self, path: &Path) -> bool {
        let root = root_of(path.parent().unwrap_or(Path::new("."))).to_path_buf();
        let cached = self.by_root.read().unwrap_or_else(|e| e.into_inner()).get(&root).cloned();
        let included = cached.unwrap_or_else(|| {
            let files = Arc::new(included_by_entry(&root));
            self.by_root.write().unwrap_or_else(|e| e.into_inner()).insert(root, files.clone());
            files
        });
        path.canonicalize().is_ok_and(|p| included.contains(&p))
    }
}

fn included_by_entry(root: &Path) -> HashSet<PathBuf> {
    let entry = root.join(".gitlab-ci.yml");
    let Ok(text) = std::fs::read_to_string(&entry) else { return HashSet::new() };
    let loaded = load(&entry, &yaml::parse(&text));
    loaded.included.iter().filter_map(|inc| inc.path.canonicalize().ok()).collect()
}
