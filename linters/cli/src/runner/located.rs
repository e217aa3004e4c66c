//! Placing findings that arrive with their positions (external tools, a CI
//! file's includes): the same selection and severities as other findings,
//! and the flagged line read once per file.

use std::path::Path;

use lintgate_engine::checker::LocatedFinding;
use lintgate_engine::diagnostic::{Diagnostic, line_excerpt};

use super::file::settle;
use crate::settings::Settings;

/// The text of the file findings are being placed in. Only the latest
/// file is kept (findings come sorted by path), so placing findings in
/// thousands of files never holds them all in memory.
#[derive(Default)]
pub(super) struct LocatedLines {
    current: Option<(String, Option<String>)>,
}

impl LocatedLines {
    /// The diagnostic for `f`, or `None` when the settings that apply (those
    /// of the file the finding is in, or of the one that reported it, with
    /// its path for `per-file-ignores`) turn its code off.
    pub(super) fn place(
        &mut self,
        root: &Path,
        applying: (&Settings, &Path),
        f: LocatedFinding,
        checker: &str,
    ) -> Option<Diagnostic> {
        let (settings, path) = applying;
        let ignored = settings.ignored_for(path);
        if !settings.selection.is_enabled(&f.code) || ignored.iter().any(|s| s.matches(&f.code)) {
            return None;
        }
        if self.current.as_ref().is_none_or(|(path, _)| *path != f.path) {
            let text = std::fs::read_to_string(root.join(&f.path)).ok();
            self.current = Some((f.path.clone(), text));
        }
        let line_text = self
            .current
            .as_ref()
            .and_then(|(_, text)| text.as_deref())
            .and_then(|t| t.lines().nth(f.start.line.saturating_sub(1) as usize))
            .map(line_excerpt)
            .unwrap_or_default();
        let d = Diagnostic {
            path: f.path,
            start: f.start,
            end: f.end,
            code: f.code,
            checker: checker.to_string(),
            severity: f.severity,
            message: f.message,
            fix: None,
            fingerprint: String::new(),
            line_text,
        };
        Some(settle(d, settings))
    }
}
