//! `lintgate baseline`: record the current findings (every checker's,
//! external tools included) as known, or with `--prune` drop the entries
//! that no longer occur. `lint` then hides what the file lists.

use lintgate_engine::changes;

use super::lint::{Checked, check};
use crate::args::BaselineArgs;
use crate::baseline::{self, BaselineFile};
use crate::report::write_atomic;
use crate::settings::{absolute, display_path};
use crate::{Status, UsageError};

pub fn run(args: BaselineArgs) -> Result<Status, UsageError> {
    let cwd = std::env::current_dir()?;
    // The lint run must see every finding, including those the file
    // being rewritten already lists.
    let lint = crate::args::LintArgs { baseline: None, no_baseline: true, ..args.lint };
    let Some(Checked { mut output, root, root_config, whole_repository }) = check(&lint)? else {
        return Ok(Status::Clean);
    };
    for failure in &output.failures {
        eprintln!("lintgate: error: {failure}");
    }
    if !output.failures.is_empty() {
        return Err(UsageError(
            "the baseline was not written: a checker failed, so its findings are unknown".into(),
        ));
    }
    let file = match &args.output {
        Some(path) => absolute(&cwd, path),
        None => root_config.baseline.clone().unwrap_or_else(|| root.join(baseline::DEFAULT_FILE)),
    };
    let shown = display_path(&root, &file);
    let commit = changes::head_commit(&root);
    let text;
    let (written, message) = if args.prune {
        text = baseline::read(&file, &shown).map_err(UsageError)?;
        let old = baseline::parse_file(&text, &shown).map_err(UsageError)?;
        let renames = match &old.commit {
            Some(c) => changes::renames_since(&root, c).unwrap_or_default(),
            None => Vec::new(),
        };
        let mut findings = std::mem::take(&mut output.diagnostics);
        let applied = baseline::apply(&old, &mut findings, &renames, whole_repository, &root);
        let stale: std::collections::HashSet<usize> = applied.stale.iter().copied().collect();
        let kept: Vec<_> = old
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| !stale.contains(i))
            .map(|(_, e)| e.clone())
            .collect();
        let message =
            format!("{shown}: removed {} stale of {} entries", stale.len(), old.entries.len());
        // The commit stays the old one: kept entries still carry the paths
        // they had there, which renames are followed from.
        (BaselineFile { commit: old.commit, entries: kept }, message)
    } else {
        let recorded = baseline::record(&output.diagnostics, commit);
        let message = format!("{shown}: recorded {} findings", recorded.entries.len());
        (recorded, message)
    };
    write_atomic(&file, &baseline::render(&written))
        .map_err(|e| UsageError(format!("cannot write {shown}: {e}")))?;
    eprintln!("{message}");
    if !whole_repository && !args.prune {
        eprintln!(
            "lintgate: note: only the files linted, not the whole repository, are in {shown}"
        );
    }
    Ok(Status::Clean)
}
