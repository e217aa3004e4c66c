pub mod config;
pub mod lint;
pub mod rules;
