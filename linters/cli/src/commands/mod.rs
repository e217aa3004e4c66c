pub mod config;
pub mod coverage;
pub mod lint;
pub mod rules;
