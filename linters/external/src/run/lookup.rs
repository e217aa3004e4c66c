//! Finding the program before running anything, so that a missing tool is
//! reported once, by name, with how to install it.

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::argv::program_path;

/// The executable `program` names: a path when it has a `/` (relative to
/// `cwd`), else the first match on `path_var` (`PATH`).
pub fn find(program: &str, root: &Path, cwd: &Path, path_var: Option<&OsStr>) -> Option<PathBuf> {
    if program.contains('/') {
        let path = program_path(program, root, cwd);
        return is_executable(&path).then_some(path);
    }
    std::env::split_paths(path_var?)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_programs_on_the_path_and_by_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        let tool = bin.join("tool");
        std::fs::write(&tool, "#!/bin/sh\n").unwrap();
        std::fs::write(bin.join("plain"), "not executable").unwrap();
        std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = std::env::join_paths([Path::new("/nonexistent"), &bin]).unwrap();
        let root = dir.path();
        assert_eq!(find("tool", root, root, Some(&path)), Some(tool.clone()));
        assert_eq!(find("plain", root, root, Some(&path)), None);
        assert_eq!(find("absent", root, root, Some(&path)), None);
        assert_eq!(find("tool", root, root, None), None);
        assert_eq!(find("bin/tool", root, root, None), Some(root.join("bin/tool")));
        assert_eq!(find("./tool", root, &bin, None), Some(bin.join("./tool")));
        assert_eq!(find("{root}/bin/tool", root, &bin, None), Some(root.join("bin/tool")));
    }
}
