pub mod baseline;
pub mod config;
pub mod coverage;
pub mod hook;
pub mod init;
pub mod lint;
pub mod merge_reports;
pub mod rules;
