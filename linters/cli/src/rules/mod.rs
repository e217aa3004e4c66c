//! The runner's own per-file rules, which apply to every file kind.

pub mod conflict_marker;
