//! `lintgate init`: a starter `lintgate.toml` for the languages found in
//! the repository, and on request the GitLab CI include and the
//! pre-commit entry to paste.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use lintgate_engine::kind::FileKind;
use lintgate_engine::selector::SelectionLayer;

use crate::args::{ConfigSource, InitArgs};
use crate::discovery::{Found, Walk};
use crate::settings::{Resolver, project_root};
use crate::{Status, UsageError, checkers};

pub fn run(args: InitArgs) -> Result<Status, UsageError> {
    let cwd = std::env::current_dir()?;
    let root = project_root(&cwd);
    let target = root.join("lintgate.toml");
    if target.exists() && !args.force {
        return Err(UsageError(format!("{} exists; pass --force to replace it", target.display())));
    }
    let kinds = count_kinds(&root)?;
    std::fs::write(&target, starter(&kinds))
        .map_err(|e| UsageError(format!("cannot write {}: {e}", target.display())))?;
    let found: Vec<String> = kinds.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
    let found =
        if found.is_empty() { "no files lintgate lints yet".into() } else { found.join(", ") };
    eprintln!("lintgate: wrote {} ({found})", target.display());
    let mut snippets = String::new();
    if args.gitlab_ci {
        snippets.push_str(GITLAB_CI);
    }
    if args.pre_commit {
        snippets.push_str(PRE_COMMIT);
    }
    crate::print_stdout(&snippets)?;
    Ok(Status::Clean)
}

/// Files of each kind under the root, as `lintgate lint` would find them.
fn count_kinds(root: &std::path::Path) -> Result<BTreeMap<&'static str, usize>, UsageError> {
    let source = ConfigSource { config: None, isolated: true };
    let resolver =
        Arc::new(Resolver::new(root, &source, SelectionLayer::default(), checkers::sections())?);
    let jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let walk = Walk { root, resolver: &resolver, force_exclude: false, jobs, listed: false };
    let kinds = Mutex::new(BTreeMap::new());
    walk.stream(&[root.to_path_buf()], &|batch| {
        let mut kinds = kinds.lock().unwrap_or_else(|p| p.into_inner());
        for found in batch {
            if let Found::File(c) = found
                && c.kind != FileKind::Other
            {
                *kinds.entry(c.kind.name()).or_insert(0) += 1;
            }
        }
    })
    .map_err(|_| UsageError(format!("cannot walk {}", root.display())))?;
    Ok(kinds.into_inner().unwrap_or_else(|p| p.into_inner()))
}

fn starter(kinds: &BTreeMap<&'static str, usize>) -> String {
    let mut out = String::from(
        "# lintgate configuration, started by `lintgate init`.\n\
         # Every key is optional; `lintgate config --show` prints the effective values\n\
         # and `lintgate rules` lists the rules.\n\n\
         # The lowest severity that fails a run: \"error\", \"warning\" or \"info\".\n\
         fail-on = \"warning\"\n\
         # Paths to skip besides .gitignore'd ones.\n\
         extend-exclude = []\n\
         # Rules to add to or remove from the defaults, by code, prefix or alias.\n\
         extend-select = []\n\
         ignore = []\n",
    );
    if kinds.contains_key("python") {
        out.push_str(
            "\n[python]\n\
             # Without a value here, ruff's or flake8's configured line length is used.\n\
             # line-length = 88\n\
             # target-version = \"3.9\"\n\
             # Turns on the docstring (D) rules of a convention: pep257, google, numpy.\n\
             # docstring-convention = \"google\"\n",
        );
    }
    if kinds.contains_key("shell") {
        out.push_str(
            "\n[shell]\n\
             # The dialect of scripts without a shebang: sh, bash, dash, ksh.\n\
             # default-dialect = \"bash\"\n",
        );
    }
    if kinds.contains_key("ci-yaml") {
        out.push_str(
            "\n[ci]\n\
             # The shell of GitLab jobs: bash, sh, or auto (sh for alpine/busybox images).\n\
             # gitlab-shell = \"auto\"\n",
        );
    }
    out
}

const GITLAB_CI: &str = "# .gitlab-ci.yml: lint reports in every merge request.\n\
include:\n  - project: tools/lintgate   # where lintgate's repository lives on your GitLab\n    file: ci-templates/gitlab/lintgate.gitlab-ci.yml\n\n";

const PRE_COMMIT: &str = "# .pre-commit-config.yaml (pre-commit or prek):\n\
repos:\n  - repo: https://gitlab.example.com/tools/lintgate   # lintgate's repository\n    rev: v0.1.0\n    hooks:\n      - id: lintgate\n";
