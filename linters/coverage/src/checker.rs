//! The gate inside `lintgate lint`: runs when `[coverage] reports` names
//! reports, with the baseline and base revision from configuration and
//! the CI environment; failed gates and uncovered changed lines become
//! findings in the same reports as every other checker's.

use std::path::Path;

use lintgate_engine::checker::{BatchOutput, CheckerError, RepoChecker};
use lintgate_engine::diagnostic::Note;

use crate::settings::CoverageSettings;
use crate::{CheckRequest, check, findings};

#[derive(Debug, Default)]
pub struct CoverageChecker;

impl RepoChecker for CoverageChecker {
    fn name(&self) -> &'static str {
        "coverage"
    }

    fn check_repo(
        &self,
        root: &Path,
        settings: Option<&toml::Table>,
    ) -> Result<Option<BatchOutput>, CheckerError> {
        let failed = |message: String| CheckerError { message };
        let settings = CoverageSettings::from_table(settings).map_err(failed)?;
        if settings.reports.is_empty() {
            return Ok(None);
        }
        let reports: Vec<_> = settings.reports.iter().map(|r| (root.join(r), r.clone())).collect();
        let env = |name: &str| std::env::var(name).ok();
        let checked = check(&CheckRequest {
            reports: &reports,
            root,
            cwd: root,
            baseline: &settings.baseline,
            since: None,
            settings: &settings,
            env: &env,
        })
        .map_err(failed)?;
        let report = settings.reports[0].as_str();
        let mut output = BatchOutput {
            findings: findings::findings(
                &checked.evaluation,
                report,
                checked.baseline_missing.as_deref(),
            ),
            notes: Vec::new(),
        };
        for gate in &checked.evaluation.gates {
            output.notes.push(Note::new(
                report,
                format!("coverage gate {}: {:?}: {}", gate.gate.name(), gate.outcome, gate.summary),
            ));
        }
        for path in checked.loaded.unmatched.iter().take(20) {
            output.notes.push(Note::new(
                report,
                format!("{path} is not in the repository; its coverage is ignored"),
            ));
        }
        Ok(Some(output))
    }
}
