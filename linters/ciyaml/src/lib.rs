//! lintgate's CI YAML checker: the shell scripts of GitLab CI files and
//! GitHub Actions workflows, checked by the shell checker, with findings
//! mapped back to exact YAML positions; [`shellcheck_ci`] does the same with
//! the real ShellCheck.

pub mod source_map;
pub mod yaml;

mod checker;
pub mod github;
pub mod gitlab;
mod includes;
mod schema;
pub mod script;
pub mod shellcheck_ci;

pub use checker::CiYamlChecker;

use gitlab::{ShellChoice, Unit};

use lintgate_engine::config::{OptionKind, OptionSpec, SectionSpec};

/// `[ci]` in configuration.
pub const SETTINGS: SectionSpec = SectionSpec {
    name: "ci",
    options: &[OptionSpec {
        name: "gitlab-shell",
        kind: OptionKind::String,
        doc: "The shell GitLab job scripts are checked as: bash, sh, or auto (sh for alpine, busybox and distroless images, else bash). Default: auto.",
    }],
};

/// The scripts of a CI file as the CI checker finds them (a GitHub
/// workflow's or action's `run:` steps, a GitLab file's jobs; includes are
/// not followed), with their source maps, for running other shell tools on
/// them.
pub fn scripts(path: &str, text: &str) -> Vec<Unit> {
    let doc = yaml::parse(text);
    if checker::is_github(path) {
        github::extract(&doc)
    } else {
        gitlab::extract(&doc, ShellChoice::Auto).units
    }
}
