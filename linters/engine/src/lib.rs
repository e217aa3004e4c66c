//! lintgate's engine: the language-neutral core every checker builds on.
//!
//! Data flows one way: a file is classified ([`kind`]), read into a
//! [`source::SourceFile`], checked by [`checker`]s into [`diagnostic::Finding`]s,
//! placed and filtered into [`diagnostic::Diagnostic`]s (rules from the
//! [`registry`], choices from [`config`], [`suppression`] comments) and
//! fingerprinted ([`fingerprint`]) for reports.

pub mod changes;
pub mod checker;
pub mod config;
pub mod dependencies;
pub mod diagnostic;
pub mod fingerprint;
pub mod kind;
pub mod nearest;
pub mod registry;
pub mod repository;
pub mod selector;
pub mod source;
pub mod suggest;
pub mod suppression;

/// lintgate's version (the workspace's), as `lintgate --version` prints it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
