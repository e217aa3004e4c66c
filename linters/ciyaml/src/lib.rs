//! lintgate's CI YAML checker: the shell scripts of GitLab CI files and
//! GitHub Actions workflows, checked by the shell checker, with findings
//! mapped back to exact YAML positions.

pub mod source_map;
pub mod yaml;

mod checker;
pub mod github;
pub mod gitlab;
mod includes;
pub mod script;

pub use checker::CiYamlChecker;

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
