//! lintgate's CI YAML checker: the shell scripts of GitLab CI files and
//! GitHub Actions workflows, checked by the shell checker, with findings
//! mapped back to exact YAML positions.

pub mod source_map;
pub mod yaml;
