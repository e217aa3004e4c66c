//! The repository a path belongs to.

use std::path::Path;

/// The nearest directory at or above `dir` that has a `.git` (a directory,
/// or a file in worktrees and submodules); `dir` itself when there is none.
/// Report paths and `include: local` paths are relative to it.
pub fn root_of(dir: &Path) -> &Path {
    dir.ancestors().find(|d| d.join(".git").exists()).unwrap_or(dir)
}
