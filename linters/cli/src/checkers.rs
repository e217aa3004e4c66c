//! The checkers compiled into lintgate. A new checker crate is wired in here.

use lintgate_engine::checker::{BatchChecker, FileChecker, RepoChecker};
use lintgate_engine::config::SectionSpec;

use lintgate_ciyaml::{CiYamlChecker, shellcheck_ci};
use lintgate_coverage::CoverageChecker;
use lintgate_external::ExternalChecker;
use lintgate_markdown::MarkdownChecker;
use lintgate_markdown::{UrlChecker, UrlSettings};
use lintgate_python::PythonChecker;
use lintgate_shell::ShellChecker;

use crate::rules::conflict_marker::RunnerChecker;

#[derive(Default)]
pub struct Checkers {
    pub file: Vec<Box<dyn FileChecker>>,
    pub batch: Vec<Box<dyn BatchChecker>>,
    pub repo: Vec<Box<dyn RepoChecker>>,
}

/// Every native checker.
pub fn native() -> Checkers {
    Checkers {
        file: vec![
            Box::new(RunnerChecker),
            Box::new(PythonChecker::default()),
            Box::new(ShellChecker::default()),
            Box::new(CiYamlChecker::default()),
            Box::new(MarkdownChecker::default()),
        ],
        batch: Vec::new(),
        repo: vec![Box::new(CoverageChecker)],
    }
}

/// The native checkers plus the external tools the root configuration's
/// `[checkers]` table turns on (and `shellcheck-ci`, ShellCheck on the
/// scripts inside CI files), and online link checking when `online`
/// (`--online`) or `[markdown] check-urls` asks for it.
pub fn configured(
    root_config: &lintgate_engine::config::Config,
    online: bool,
) -> Result<Checkers, String> {
    let mut checkers = native();
    if let Some(table) = root_config.sections.get("checkers") {
        let mut tools = table.clone();
        let ci_scripts = tools.remove(shellcheck_ci::NAME);
        for tool in ExternalChecker::from_config(&tools)? {
            checkers.batch.push(Box::new(tool));
        }
        if let Some(value) = ci_scripts
            && let Some(checker) = shellcheck_ci::checker(&value)?
        {
            checkers.batch.push(Box::new(checker));
        }
    }
    let markdown = root_config.sections.get("markdown");
    if online || UrlSettings::enabled_in(markdown) {
        checkers.batch.push(Box::new(UrlChecker::new(UrlSettings::from_table(markdown)?)));
    }
    Ok(checkers)
}

/// The configuration tables the native checkers declare (`[python]`, ...).
pub fn sections() -> &'static [SectionSpec] {
    &[
        lintgate_python::SETTINGS,
        lintgate_shell::SETTINGS,
        lintgate_ciyaml::SETTINGS,
        lintgate_coverage::SETTINGS,
        lintgate_markdown::SETTINGS,
    ]
}
