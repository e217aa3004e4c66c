//! Which files a run lints and where their content comes from: everything
//! under the given paths, the files changed since a revision (`--since`),
//! the staged content of staged files (`--staged`), and which lines count
//! (`--new-only`: lines added or changed since the merge base).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lintgate_engine::changes::{self, ChangedLines};
use lintgate_engine::diagnostic::{Diagnostic, Note};

use crate::UsageError;
use crate::args::LintArgs;

/// What `--staged`, `--since` and `--new-only` decided.
#[derive(Debug, Default)]
pub struct Scope {
    /// The files to lint instead of walking the paths (`None`: walk).
    pub files: Option<Vec<PathBuf>>,
    /// Content to lint instead of the file on disk (the index blobs).
    pub contents: HashMap<PathBuf, Vec<u8>>,
    /// Only findings on these lines are kept (`--new-only`).
    pub new_lines: Option<ChangedLines>,
    /// Changed files that are not linted, and why.
    pub notes: Vec<Note>,
}

impl Scope {
    pub fn resolve(args: &LintArgs, root: &Path, cwd: &Path) -> Result<Scope, UsageError> {
        let mut scope = Scope::default();
        let git_error = |e: String| UsageError(e);
        if args.staged {
            let staged = changes::staged_files(root).map_err(git_error)?;
            let mut files = Vec::new();
            for path in staged {
                let full = root.join(&path);
                if !full.is_file() {
                    let why = "staged, but deleted or replaced in the working tree; not linted";
                    scope.notes.push(Note::new(path, why));
                    continue;
                }
                let content = changes::index_content(root, &path).map_err(git_error)?;
                scope.contents.insert(full.clone(), content);
                files.push(full);
            }
            scope.files = Some(within(files, &args.paths, cwd));
        } else if let Some(base) = &args.since {
            let (_, files) = changes::files_since(root, base).map_err(git_error)?;
            let files = files.into_iter().map(|f| root.join(f)).filter(|f| f.is_file()).collect();
            scope.files = Some(within(files, &args.paths, cwd));
        }
        if args.new_only {
            let base = args.since.clone().or_else(|| {
                std::env::var("CI_MERGE_REQUEST_DIFF_BASE_SHA").ok().filter(|v| !v.is_empty())
            });
            scope.new_lines = Some(match (args.staged, base) {
                (true, _) => changes::staged_lines(root).map_err(git_error)?,
                (false, Some(base)) => changes::changed_since(root, &base).map_err(git_error)?,
                (false, None) => {
                    return Err(UsageError(
                        "--new-only keeps findings on lines changed since a base revision: pass --since REV (in a GitLab merge request pipeline, CI_MERGE_REQUEST_DIFF_BASE_SHA is used)".into(),
                    ));
                }
            });
        }
        Ok(scope)
    }

    /// Drops findings outside the changed lines; returns how many.
    pub fn keep_new(&self, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let Some(changed) = &self.new_lines else { return 0 };
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            changed.files.get(&d.path).is_some_and(|lines| {
                let (start, end) = (d.start.line, d.end.line.max(d.start.line));
                let first = lines.partition_point(|&l| l < start);
                lines.get(first).is_some_and(|&l| l <= end)
            })
        });
        before - diagnostics.len()
    }
}

/// The changed files under the paths named on the command line (all of
/// them when none are named).
fn within(files: Vec<PathBuf>, paths: &[PathBuf], cwd: &Path) -> Vec<PathBuf> {
    if paths.is_empty() {
        return files;
    }
    let roots: Vec<PathBuf> = paths.iter().map(|p| crate::settings::absolute(cwd, p)).collect();
    files.into_iter().filter(|f| roots.iter().any(|r| f.starts_with(r))).collect()
}
