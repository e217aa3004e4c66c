//! Batch checkers (given every readable file they handle in one call) and
//! repository checkers (run once). Their findings pass the same selection
//! and severity settings as per-file findings.

use std::collections::BTreeMap;

use rayon::prelude::*;
use std::path::Path;

use lintgate_engine::checker::{BatchFile, LocatedFinding};
use lintgate_engine::diagnostic::Diagnostic;
use lintgate_engine::fingerprint;

use super::RunOutput;
use super::located::LocatedLines;
use crate::checkers::Checkers;
use crate::discovery::Candidate;
use crate::settings::Settings;

pub(super) fn run(
    readable: &[Candidate],
    checkers: &Checkers,
    context: &super::RunContext,
    out: &mut RunOutput,
) {
    let (root, root_settings) = (context.root, context.root_settings);
    let by_path: BTreeMap<&str, &Candidate> =
        readable.iter().map(|c| (c.display.as_str(), c)).collect();
    // Every external tool and the repository checkers at once, on the run's
    // pool: their processes and the tools' own batches share its --jobs.
    let batch = checkers.batch.par_iter().filter_map(|checker| {
        let files: Vec<BatchFile> = readable
            .iter()
            .map(|c| BatchFile { path: c.display.clone(), disk_path: c.path.clone(), kind: c.kind })
            .filter(|f| checker.handles(f))
            .collect();
        if files.is_empty() {
            return None;
        }
        Some((checker.name(), files.len(), checker.check_batch(root, &files)))
    });
    let repo_checkers = if context.repo_checkers { checkers.repo.as_slice() } else { &[] };
    let repo = repo_checkers.par_iter().filter_map(|checker| {
        let table = root_settings.config.sections.get(checker.name());
        match checker.check_repo(root, table) {
            Ok(None) => None,
            result => Some((checker.name(), 0, result.map(Option::unwrap_or_default))),
        }
    });
    let mut outputs: Vec<_> = batch.chain(repo).collect();
    outputs.sort_by_key(|(name, _, _)| *name);
    for (name, files, _) in &outputs {
        out.checkers_ran.insert(name.to_string(), *files);
    }
    let outputs = outputs.into_iter().map(|(name, _, output)| (name, output));
    let mut located = Vec::new();
    for (name, output) in outputs {
        match output {
            Ok(output) => {
                out.notes.extend(output.notes);
                located.extend(output.findings.into_iter().map(|f| (name, f)));
            }
            Err(error) => {
                out.failures.push(format!("the {name} checker failed: {}", error.message));
                out.failed_checkers.push(name.to_string());
            }
        }
    }
    let placed = place_all(root, root_settings, &by_path, located);
    out.diagnostics.extend(placed);
}

/// Turns located findings into diagnostics: selection and severities of the
/// file each is in (the root's for files that were not linted), the flagged
/// line, fingerprints per file.
pub fn place_all<'a>(
    root: &Path,
    root_settings: &Settings,
    linted: &BTreeMap<&str, &Candidate>,
    located: impl IntoIterator<Item = (&'a str, LocatedFinding)>,
) -> Vec<Diagnostic> {
    let mut per_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    let mut lines = LocatedLines::default();
    let mut located: Vec<_> = located.into_iter().collect();
    located.sort_by(|a, b| a.1.path.cmp(&b.1.path));
    for (checker, finding) in located {
        // A finding in a file that was not linted (a coverage report) takes
        // the root's settings.
        let applying = match linted.get(finding.path.as_str()) {
            Some(candidate) => (&*candidate.settings, candidate.path.as_path()),
            None => (root_settings, root),
        };
        if let Some(d) = lines.place(root, applying, finding, checker) {
            per_file.entry(d.path.clone()).or_default().push(d);
        }
    }
    let mut out = Vec::new();
    for (_, mut diagnostics) in per_file {
        diagnostics.sort_by(|a, b| (a.start, &a.code).cmp(&(b.start, &b.code)));
        fingerprint::assign(&mut diagnostics);
        out.extend(diagnostics);
    }
    out
}
