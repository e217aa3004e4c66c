use std::fmt;
use std::path::{Path, PathBuf};

/// A configuration problem, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the problem is the file as a whole (e.g. unreadable).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    pub fn whole_file(path: &Path, message: impl Into<String>) -> ConfigError {
        ConfigError { path: path.into(), line: 0, column: 0, message: message.into() }
    }

    /// An error at byte `offset` of `text`, the content of `path`.
    pub fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> ConfigError {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        ConfigError { path: path.into(), line, column, message: message.into() }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.path.display(), self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}
