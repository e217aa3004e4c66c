//! The wheel `cargo xtask dist` builds, for real: installed with pip into a
//! fresh venv from `dist/` only (`--no-index`), on a `PATH` without cargo or
//! rustc, it gives a working `lintgate` and `python -m lintgate`; the
//! tarball holds the very same binary; and pre-commit and prek run lintgate
//! through the generated mirror hooks repository (`language: python`) and a
//! `repo: local` hook, installing the wheel with pip and uv.

mod common;

use std::path::Path;
use std::process::Command;

use common::dist::{dist, path_without_rust};
use common::{Repo, git, project_dir, tools_dir};

fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A repository with one clean and one dirty Python file.
fn fixture_repo() -> Repo {
    let repo = Repo::new();
    repo.write("clean.py", "X = 1\n");
    repo.write("pkg/dirty.py", "import os\n");
    repo
}

#[test]
fn the_wheel_installs_without_rust_and_runs_lintgate() {
    let dist = dist();
    let venv = Repo::new();
    let created = Command::new("python3").args(["-m", "venv"]).arg(venv.path()).output().unwrap();
    assert!(created.status.success(), "{}", text(&created));
    let bin = venv.path().join("bin");
    let path = path_without_rust(&[&bin]);
    let pip = Command::new(bin.join("python"))
        .args(["-m", "pip", "install", "--quiet", "--no-index", "--find-links"])
        .arg(&dist.dir)
        .arg("lintgate")
        .env("PATH", &path)
        .output()
        .unwrap();
    assert!(pip.status.success(), "pip install: {}", text(&pip));

    let version = Command::new("lintgate").arg("--version").env("PATH", &path).output().unwrap();
    assert!(version.status.success(), "{}", text(&version));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("lintgate {}", dist.version)
    );
    assert!(bin.join("lintgate").exists(), "lintgate is not in the venv's bin/");

    let repo = fixture_repo();
    let lint = |args: &[&str]| {
        Command::new(bin.join("python"))
            .args(["-m", "lintgate", "lint", "--isolated"])
            .args(args)
            .current_dir(repo.path())
            .env("PATH", &path)
            .output()
            .unwrap()
    };
    let dirty = lint(&[]);
    assert_eq!(dirty.status.code(), Some(1), "{}", text(&dirty));
    assert!(text(&dirty).contains("pkg/dirty.py:1:8"), "{}", text(&dirty));
    assert!(text(&dirty).contains("F401"), "{}", text(&dirty));
    let clean = lint(&["clean.py"]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean));
    // Arguments reach the binary unchanged, and so does its exit code.
    let usage = lint(&["--no-such-flag"]);
    assert_eq!(usage.status.code(), Some(2), "{}", text(&usage));
}

#[test]
fn the_tarball_holds_the_wheels_binary_and_a_checksum_sha256sum_accepts() {
    let dist = dist();
    let check = Command::new("sha256sum")
        .args(["--check", "--strict"])
        .arg(format!("{}.sha256", dist.tarball))
        .current_dir(&dist.dir)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", text(&check));
    let sums = String::from_utf8(dist.bytes(&format!("{}.sha256", dist.tarball))).unwrap();
    assert_eq!(sums.lines().count(), 1, "{sums}");
    assert!(sums.ends_with(&format!("  {}\n", dist.tarball)), "{sums}");

    let unpacked = Repo::new();
    let tar = Command::new("tar")
        .arg("-xzf")
        .arg(dist.dir.join(&dist.tarball))
        .arg("-C")
        .arg(unpacked.path())
        .output()
        .unwrap();
    assert!(tar.status.success(), "{}", text(&tar));
    let top = dist.tarball.trim_end_matches(".tar.gz");
    let from_tarball = std::fs::read(unpacked.path().join(top).join("lintgate")).unwrap();
    let unzip = Command::new("python3")
        .args(["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.stdout.buffer.write(z.read(sys.argv[2]))"])
        .arg(&dist.wheel)
        .arg(format!("lintgate-{}.data/scripts/lintgate", dist.version))
        .output()
        .unwrap();
    assert!(unzip.status.success(), "{}", text(&unzip));
    assert!(from_tarball == unzip.stdout, "the tarball and the wheel hold different binaries");

    let wheel_size = std::fs::metadata(&dist.wheel).unwrap().len() as f64;
    let tar_size = std::fs::metadata(dist.dir.join(&dist.tarball)).unwrap().len() as f64;
    assert!(wheel_size <= 1.2 * tar_size, "wheel {wheel_size} bytes > 1.2 x tarball {tar_size}");
}

/// A git repository made from the generated mirror files, tagged `v<version>`.
fn mirror_repository(version: &str) -> Repo {
    let mirror = Repo::new();
    let source = project_dir().join("ci-templates/pre-commit-mirror");
    for entry in std::fs::read_dir(&source).unwrap().flatten() {
        std::fs::copy(entry.path(), mirror.path().join(entry.file_name())).unwrap();
    }
    git(mirror.path(), &["init", "-q", "-b", "main"]);
    git(mirror.path(), &["add", "-A"]);
    git(mirror.path(), &["commit", "-qm", "mirror"]);
    git(mirror.path(), &["tag", &format!("v{version}")]);
    mirror
}

/// Runs the hook manager `tool` in `repo` without Rust on PATH, with pip and
/// uv finding the wheel in `dist/` (the index stays reachable for the build
/// backend; it has no lintgate).
fn hook_tool(tool: &str, home: &Path, repo: &Repo, args: &[&str]) -> (bool, String) {
    let dist = dist();
    let python_dir = Path::new("/usr/bin");
    let output = Command::new(tools_dir().join("venv/bin").join(tool))
        .args(args)
        .current_dir(repo.path())
        .env("PATH", path_without_rust(&[python_dir]))
        .env("PRE_COMMIT_HOME", home.join("pre-commit"))
        .env("PREK_HOME", home.join("prek"))
        .env("PIP_FIND_LINKS", &dist.dir)
        .env("UV_FIND_LINKS", &dist.dir)
        .env_remove("CARGO_HOME")
        .env_remove("RUSTUP_HOME")
        .output()
        .unwrap();
    (output.status.success(), text(&output))
}

/// Installs `tool`'s git hook and commits a clean file, then a dirty one.
fn commits_pass_clean_and_fail_dirty(tool: &str, config: &str) {
    let repo = Repo::new();
    let home = Repo::new();
    git(repo.path(), &["init", "-q", "-b", "main"]);
    repo.write(".pre-commit-config.yaml", config);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-qm", "config"]);
    let (ok, out) = hook_tool(tool, home.path(), &repo, &["install"]);
    assert!(ok, "{tool} install: {out}");

    let commit = |file: &str, content: &str| {
        repo.write(file, content);
        git(repo.path(), &["add", file]);
        let output = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-m", file])
            .current_dir(repo.path())
            .env("PATH", path_without_rust(&[Path::new("/usr/bin")]))
            .env("PRE_COMMIT_HOME", home.path().join("pre-commit"))
            .env("PREK_HOME", home.path().join("prek"))
            .env("PIP_FIND_LINKS", &dist().dir)
            .env("UV_FIND_LINKS", &dist().dir)
            .output()
            .unwrap();
        (output.status.success(), text(&output))
    };
    let (ok, out) = commit("clean.py", "X = 1\n");
    assert!(ok, "{tool}: a clean commit failed:\n{out}");
    assert!(out.contains("lintgate") && out.contains("Passed"), "{tool}: {out}");
    let (ok, out) = commit("dirty.py", "import os\n");
    assert!(!ok, "{tool}: a dirty commit passed:\n{out}");
    assert!(out.contains("dirty.py:1:8") && out.contains("F401"), "{tool}: {out}");
}

fn mirror_config(mirror: &Repo, version: &str) -> String {
    format!(
        "repos:\n  - repo: {}\n    rev: v{version}\n    hooks:\n      - id: lintgate\n",
        mirror.path().display()
    )
}

fn local_config(version: &str) -> String {
    format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: lintgate\n        name: lintgate\n        entry: lintgate lint --force-exclude\n        language: python\n        additional_dependencies: [lintgate=={version}]\n        types_or: [python, pyi, shell, bash, yaml, markdown]\n        require_serial: true\n"
    )
}

#[test]
fn pre_commit_runs_lintgate_from_the_mirror_and_a_local_hook() {
    let version = dist().version;
    let mirror = mirror_repository(version);
    commits_pass_clean_and_fail_dirty("pre-commit", &mirror_config(&mirror, version));
    commits_pass_clean_and_fail_dirty("pre-commit", &local_config(version));
}

#[test]
fn prek_runs_lintgate_from_the_mirror_and_a_local_hook() {
    let version = dist().version;
    let mirror = mirror_repository(version);
    commits_pass_clean_and_fail_dirty("prek", &mirror_config(&mirror, version));
    commits_pass_clean_and_fail_dirty("prek", &local_config(version));
}
