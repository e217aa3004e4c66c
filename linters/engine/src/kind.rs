//! File kinds and how a path (plus, for extensionless files, its first bytes)
//! is classified into one.

use std::fmt;
use std::path::Path;

/// What a file is, as far as choosing checkers goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Python,
    Shell,
    /// A CI definition: GitLab CI files, GitHub workflows and actions.
    CiYaml,
    /// Any other YAML file.
    Yaml,
    Markdown,
    /// A file of no known kind, linted only because it was named explicitly.
    Other,
}

impl FileKind {
    /// The name used in configuration and reports (`ci-yaml`, `python`, ...).
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Python => "python",
            FileKind::Shell => "shell",
            FileKind::CiYaml => "ci-yaml",
            FileKind::Yaml => "yaml",
            FileKind::Markdown => "markdown",
            FileKind::Other => "other",
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How many leading bytes shebang sniffing looks at.
pub const SNIFF_LEN: usize = 256;

/// The answer from the path alone: a kind, no kind, or "read the shebang".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathClass {
    Kind(FileKind),
    /// No extension: the first line decides (see [`classify_shebang`]).
    NeedsShebang,
    Unknown,
}

/// Classifies by name and location. `rel` is the path relative to the
/// repository root, so that `.github/workflows/` and `.gitlab/ci/` are seen.
pub fn classify_path(rel: &Path) -> PathClass {
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return PathClass::Unknown;
    };
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "py" | "pyi" => return PathClass::Kind(FileKind::Python),
        "sh" | "bash" | "ksh" | "dash" => return PathClass::Kind(FileKind::Shell),
        "md" | "markdown" => return PathClass::Kind(FileKind::Markdown),
        "yml" | "yaml" => {
            let kind = if is_ci_yaml(rel, name) { FileKind::CiYaml } else { FileKind::Yaml };
            return PathClass::Kind(kind);
        }
        _ => {}
    }
    // `.bashrc` and friends have no extension in Rust's sense but are not
    // scripts we should guess about; only truly extensionless names sniff.
    if rel.extension().is_none() && !name.starts_with('.') {
        PathClass::NeedsShebang
    } else {
        PathClass::Unknown
    }
}

fn is_ci_yaml(rel: &Path, name: &str) -> bool {
    if name == ".gitlab-ci.yml" || name.ends_with(".gitlab-ci.yml") {
        return true;
    }
    if matches!(name, "action.yml" | "action.yaml") {
        return true;
    }
    let parents: Vec<&str> =
        rel.parent().map(|p| p.iter().filter_map(|c| c.to_str()).collect()).unwrap_or_default();
    // YAML anywhere under `.gitlab/ci/`, and directly in `.github/workflows/`.
    let under_gitlab_ci = parents.windows(2).any(|w| w == [".gitlab", "ci"]);
    let in_workflows = parents.ends_with(&[".github", "workflows"]);
    under_gitlab_ci || in_workflows
}

/// Classifies an extensionless file from its first bytes.
pub fn classify_shebang(head: &[u8]) -> Option<FileKind> {
    let interpreter = shebang_interpreter(head)?;
    if interpreter.starts_with("python") {
        return Some(FileKind::Python);
    }
    if matches!(interpreter, "sh" | "bash" | "dash" | "ksh" | "busybox") {
        return Some(FileKind::Shell);
    }
    None
}

/// The interpreter's base name from a `#!` line, looking through `env`
/// (with its `-S` and other flags) and version suffixes like `python3.12`.
pub fn shebang_interpreter(head: &[u8]) -> Option<&str> {
    let rest = head.strip_prefix(b"#!")?;
    let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
    let line = std::str::from_utf8(&rest[..end]).ok()?.trim_end_matches('\r');
    let mut words = line.split_whitespace();
    let mut program = base_name(words.next()?);
    if program == "env" {
        program = words.find(|w| !w.starts_with('-') && !w.contains('='))?;
        program = base_name(program);
    }
    Some(program)
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(path: &str) -> PathClass {
        classify_path(Path::new(path))
    }

    #[test]
    fn classifies_by_extension_and_location() {
        assert_eq!(kind_of("a/b.py"), PathClass::Kind(FileKind::Python));
        assert_eq!(kind_of("stub.pyi"), PathClass::Kind(FileKind::Python));
        assert_eq!(kind_of("x.ksh"), PathClass::Kind(FileKind::Shell));
        assert_eq!(kind_of("README.markdown"), PathClass::Kind(FileKind::Markdown));
        assert_eq!(kind_of(".gitlab-ci.yml"), PathClass::Kind(FileKind::CiYaml));
        assert_eq!(kind_of("ci/build.gitlab-ci.yml"), PathClass::Kind(FileKind::CiYaml));
        assert_eq!(kind_of(".gitlab/ci/deep/jobs.yaml"), PathClass::Kind(FileKind::CiYaml));
        assert_eq!(kind_of(".github/workflows/ci.yaml"), PathClass::Kind(FileKind::CiYaml));
        assert_eq!(kind_of("sub/action.yml"), PathClass::Kind(FileKind::CiYaml));
        assert_eq!(kind_of(".github/workflows/sub/x.yml"), PathClass::Kind(FileKind::Yaml));
        assert_eq!(kind_of("config.yaml"), PathClass::Kind(FileKind::Yaml));
        assert_eq!(kind_of("bin/deploy"), PathClass::NeedsShebang);
        assert_eq!(kind_of(".bashrc"), PathClass::Unknown);
        assert_eq!(kind_of("main.rs"), PathClass::Unknown);
    }

    #[test]
    fn classifies_shebangs() {
        assert_eq!(classify_shebang(b"#!/bin/sh\necho"), Some(FileKind::Shell));
        assert_eq!(classify_shebang(b"#!/usr/bin/env bash\n"), Some(FileKind::Shell));
        assert_eq!(classify_shebang(b"#!/usr/bin/env -S bash -e\n"), Some(FileKind::Shell));
        assert_eq!(classify_shebang(b"#!/bin/busybox sh\n"), Some(FileKind::Shell));
        assert_eq!(classify_shebang(b"#!/usr/bin/python3.12 -u\r\n"), Some(FileKind::Python));
        assert_eq!(classify_shebang(b"#!/usr/bin/env python\n"), Some(FileKind::Python));
        assert_eq!(classify_shebang(b"#!/usr/bin/env zsh\n"), None);
        assert_eq!(classify_shebang(b"#!/usr/bin/perl\n"), None);
        assert_eq!(classify_shebang(b"echo no shebang"), None);
        assert_eq!(classify_shebang(b""), None);
    }
}
