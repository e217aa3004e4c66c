//! `cargo xtask <task>`: the project's own chores.
//!
//! - `codegen [--check]`: write (or verify) `docs/rules/`.
//! - `test [ARGS...]`: install the real tools the tests use, then run them.
//! - `bench walk [--files N]`: discovery and reading against ripgrep.
//! - `compat <shell|python|markdown> [DIR] [--check]`: findings against the
//!   reference tool's (`python --against ruff|pydocstyle|flake8`).
//! - `corpus python`: fetch the pinned PyPI sdists and print the Python corpora.
//! - `corpus shell`: download and unpack the Debian shell corpus.
//! - `dist [--out DIR]`: the wheel, the release tarball and its checksum.

mod bench;
mod bench_cache;
mod bench_ciyaml;
mod bench_coverage;
mod bench_external;
mod bench_install;
mod bench_markdown;
mod bench_python;
mod codegen;
mod compat;
mod corpus;
mod corpus_debian;
mod dist;
mod process;
mod release_files;
mod tools;

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&root, args.iter().any(|a| a == "--check")),
        Some("test") => tools::test(&root, &args[1..]),
        Some("tools") => tools::install(&root).map(|_| ()),
        Some("bench") => bench::run(&root, &args[1..]),
        Some("compat") => compat::run(&root, &args[1..]),
        Some("corpus") if args.get(1).is_some_and(|a| a == "shell") => {
            corpus_debian::build(&root).map(|_| ())
        }
        Some("corpus") => corpus::run(&root, &args[1..]),
        Some("dist") => dist::run_dist(&root, &args[1..]),
        _ => bail!(
            "usage: cargo xtask <codegen [--check] | test [CARGO TEST ARGS] | tools | dist [--out DIR] | bench walk [--files N] | compat <shell|python|markdown|ci-schema> [DIR] [--check] | corpus <python|shell>>"
        ),
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}
