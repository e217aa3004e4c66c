//! Building a process's argv from the declared command. Never a shell
//! string: every file is its own argv item, passed as the bytes of its
//! name, so spaces, quotes, newlines and non-UTF-8 names arrive intact.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use lintgate_engine::checker::BatchFile;

use crate::declaration::{FILE, FILES, ROOT, TMPFILE};

/// A file as the tool is given it.
#[derive(Debug, Clone)]
pub struct FileArg {
    /// Relative to the tool's working directory when the file is below it,
    /// else absolute. A name starting with `-` gets `./` so that no tool
    /// takes it for an option, even without `--`.
    pub arg: OsString,
    /// The repository-relative path findings are reported under.
    pub display: String,
    /// Bytes on disk, to balance batches.
    pub size: u64,
}

impl FileArg {
    pub fn new(file: &BatchFile, cwd: &Path) -> FileArg {
        let absolute = std::path::absolute(&file.disk_path).unwrap_or(file.disk_path.clone());
        let arg = match absolute.strip_prefix(cwd) {
            Ok(relative) if relative.as_os_str().as_encoded_bytes().starts_with(b"-") => {
                Path::new(".").join(relative).into_os_string()
            }
            Ok(relative) if !relative.as_os_str().is_empty() => relative.as_os_str().to_owned(),
            _ => absolute.clone().into_os_string(),
        };
        let size = std::fs::metadata(&absolute).map(|m| m.len()).unwrap_or(0);
        FileArg { arg, display: file.path.clone(), size }
    }

    /// What the argv item costs against the command-line limit: its bytes,
    /// its terminating NUL and its pointer.
    pub fn cost(&self) -> usize {
        self.arg.len() + 1 + size_of::<usize>()
    }
}

/// The values placeholders stand for in one process.
pub struct Placeholders<'a> {
    pub root: &'a Path,
    pub tmpfile: Option<&'a Path>,
    pub double_dash: bool,
}

/// The argv for `files`; `{files}` expands to one item per file, `{file}`
/// (used only with a single file) is replaced inside its item.
pub fn expand(command: &[String], files: &[&FileArg], values: &Placeholders) -> Vec<OsString> {
    let mut argv = Vec::with_capacity(command.len() + files.len() + 1);
    let file = files.first().map_or(OsStr::new(""), |f| f.arg.as_os_str());
    let tmpfile = values.tmpfile.map_or(OsStr::new(""), Path::as_os_str);
    let replacements = [(ROOT, values.root.as_os_str()), (TMPFILE, tmpfile), (FILE, file)];
    for item in command {
        if item == FILES {
            if values.double_dash {
                argv.push("--".into());
            }
            argv.extend(files.iter().map(|f| f.arg.clone()));
            continue;
        }
        if item == FILE && values.double_dash {
            argv.push("--".into());
        }
        argv.push(substitute(item, &replacements));
    }
    argv
}

/// `item` with every placeholder replaced by its value, byte for byte.
fn substitute(item: &str, replacements: &[(&str, &OsStr)]) -> OsString {
    let mut out = OsString::new();
    let mut rest = item;
    loop {
        let next = replacements
            .iter()
            .filter_map(|(name, value)| rest.find(name).map(|at| (at, *name, *value)))
            .min_by_key(|(at, ..)| *at);
        let Some((at, name, value)) = next else {
            out.push(rest);
            return out;
        };
        out.push(&rest[..at]);
        out.push(value);
        rest = &rest[at + name.len()..];
    }
}

/// A program named with a `/` is relative to the working directory, so
/// that `./scripts/lint` means the same wherever lintgate was started.
pub fn program_path(program: &str, root: &Path, cwd: &Path) -> PathBuf {
    let program = substitute(program, &[(ROOT, root.as_os_str())]);
    cwd.join(program)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arg(text: &str) -> FileArg {
        FileArg { arg: text.into(), display: text.into(), size: 0 }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn files_expand_to_items_after_a_double_dash() {
        let command = strings(&["tool", "--root={root}", "{files}", "--out", "{tmpfile}"]);
        let files = [arg("a b.py"), arg("./-c.py")];
        let refs: Vec<&FileArg> = files.iter().collect();
        let values = Placeholders {
            root: Path::new("/repo"),
            tmpfile: Some(Path::new("/tmp/x")),
            double_dash: true,
        };
        assert_eq!(
            expand(&command, &refs, &values),
            ["tool", "--root=/repo", "--", "a b.py", "./-c.py", "--out", "/tmp/x"]
        );
    }

    #[test]
    fn a_single_file_replaces_its_placeholder_inside_an_item() {
        let command = strings(&["tool", "--file={file}", "{file}"]);
        let files = [arg("x\ny.sh")];
        let values = Placeholders { root: Path::new("/r"), tmpfile: None, double_dash: true };
        assert_eq!(
            expand(&command, &[&files[0]], &values),
            ["tool", "--file=x\ny.sh", "--", "x\ny.sh"]
        );
    }

    #[test]
    fn file_args_are_relative_to_the_working_directory() {
        let cwd = Path::new("/repo");
        let file = |path: &str| BatchFile {
            path: path.trim_start_matches("/repo/").into(),
            disk_path: path.into(),
            kind: lintgate_engine::kind::FileKind::Python,
        };
        assert_eq!(FileArg::new(&file("/repo/src/a.py"), cwd).arg, "src/a.py");
        assert_eq!(FileArg::new(&file("/repo/-rf.py"), cwd).arg, "./-rf.py");
        assert_eq!(FileArg::new(&file("/elsewhere/b.py"), cwd).arg, "/elsewhere/b.py");
        assert_eq!(FileArg::new(&file("/repo/src/a.py"), cwd).display, "src/a.py");
    }

    #[test]
    fn programs_with_a_slash_are_relative_to_the_working_directory() {
        let (root, cwd) = (Path::new("/repo"), Path::new("/repo/sub"));
        assert_eq!(program_path("./lint.sh", root, cwd), Path::new("/repo/sub/./lint.sh"));
        assert_eq!(program_path("{root}/bin/lint", root, cwd), Path::new("/repo/bin/lint"));
    }
}
