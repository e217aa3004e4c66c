//! Helpers for the end-to-end tests: throwaway repositories and running the
//! real `lintgate` binary in them.

#![allow(dead_code)]

pub mod dist;
pub mod registry;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_lintgate");

/// A temporary directory to build a repository in.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        Repo { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap();
        path
    }

    /// `git init`, so `.gitignore` and the repository root work as in real use.
    pub fn git_init(&self) {
        let status = Command::new("git")
            .args(["init", "-q"])
            .current_dir(self.path())
            .status()
            .expect("git");
        assert!(status.success());
    }

    pub fn lint(&self, args: &[&str]) -> Run {
        self.run_in(".", args, None)
    }

    pub fn run_in(&self, cwd: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
        run_command(
            Command::new(BIN).args(args).current_dir(self.path().join(cwd)),
            stdin,
            self.path(),
        )
    }
}

/// A finished run with the temporary root replaced by `[ROOT]` in its output.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Status and both streams, as snapshots store them.
    pub fn transcript(&self) -> String {
        format!("status: {}\n--- stdout\n{}--- stderr\n{}", self.status, self.stdout, self.stderr)
    }
}

pub fn run_command(command: &mut Command, stdin: Option<&[u8]>, root: &Path) -> Run {
    command
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = command.spawn().expect("lintgate runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
    let clean = |bytes: Vec<u8>| {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let real = root.canonicalize().unwrap_or(root.to_path_buf());
        text.replace(&real.display().to_string(), "[ROOT]")
            .replace(&root.display().to_string(), "[ROOT]")
    };
    Run { status: status.code().unwrap_or(-1), stdout: clean(stdout), stderr: clean(stderr) }
}

/// Runs git in `dir` with a fixed identity, unsigned commits and local
/// file transport allowed (submodules from temp dirs); the output, unchecked.
pub fn git_output(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(["-c", "protocol.file.allow=always"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs")
}

/// The same, asserting that git succeeded.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    let output = git_output(dir, args);
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

/// The directory `cargo xtask test` installed the real tools into.
pub fn tools_dir() -> PathBuf {
    let dir = std::env::var_os("LINTGATE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools"));
    assert!(
        dir.join("venv/bin/python").exists(),
        "the real tools are not installed in {}: run the tests with `cargo xtask test`",
        dir.display()
    );
    dir
}

pub fn project_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a fixture tree. Files named `_gitignore` and `_ignore` become
/// `.gitignore` and `.ignore`, so that in this repository they act on nothing.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let name = match name.as_str() {
            "_gitignore" => ".gitignore".to_string(),
            "_ignore" => ".ignore".to_string(),
            _ => name,
        };
        let target = to.join(name);
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the real gitlab-ci-local (shell executor) in `dir` with `PATH` set
/// to `path`; returns its output. No request may leave the machine: unless
/// `args` set another, the GitLab API is a closed port.
pub fn gitlab_ci_local(dir: &Path, args: &[&str], path: &std::ffi::OsStr) -> String {
    let output = Command::new(tools_dir().join("npm/node_modules/.bin/gitlab-ci-local"))
        .args(["--json-schema-validation=false", "--no-color"])
        .args(["--variable", "CI_API_V4_URL=http://127.0.0.1:9/api/v4"])
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// gitlab-ci-local said the job passed / failed.
pub fn job_passed(output: &str, job: &str) -> bool {
    output.lines().any(|l| l.trim_start().starts_with("PASS") && l.contains(job))
}

pub fn job_failed(output: &str, job: &str) -> bool {
    output.lines().any(|l| l.trim_start().starts_with("FAIL") && l.contains(job))
}
