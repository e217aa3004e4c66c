//! Stable fingerprints: one per diagnostic, shared by JUnit test names,
//! GitLab Code Quality and SARIF `partialFingerprints`.
//!
//! The fingerprint is the XXH3-64 hash, as 16 lower-case hex digits, of
//! `checker NUL code NUL path NUL line :N`, where `line` is the flagged
//! line's text (its first 1,024 characters) with runs of whitespace
//! collapsed to one space and trimmed,
//! and `N` counts the earlier diagnostics of the same file with an
//! identical `checker, code, path, line` tuple (0 for the first). Line
//! numbers are not part of it, so a finding keeps its fingerprint when
//! lines above it are added or removed.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use crate::diagnostic::Diagnostic;

pub fn fingerprint(checker: &str, code: &str, path: &str, line: &str, occurrence: usize) -> String {
    let mut key = identity(checker, code, path, line);
    key.push(':');
    key.push_str(&occurrence.to_string());
    format!("{:016x}", xxh3_64(key.as_bytes()))
}

/// `checker NUL code NUL path NUL line`, the line's whitespace collapsed.
fn identity(checker: &str, code: &str, path: &str, line: &str) -> String {
    let mut key = String::with_capacity(checker.len() + code.len() + path.len() + line.len() + 8);
    key.push_str(checker);
    key.push('\0');
    key.push_str(code);
    key.push('\0');
    key.push_str(path);
    key.push('\0');
    for (i, word) in line.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// Fills in the fingerprints of one file's diagnostics, which must be in
/// report order (so occurrence indices follow the file top to bottom).
pub fn assign(diagnostics: &mut [Diagnostic]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for d in diagnostics {
        let mut key = identity(&d.checker, &d.code, &d.path, &d.line_text);
        let counter = seen.entry(key.clone()).or_default();
        key.push(':');
        key.push_str(&counter.to_string());
        d.fingerprint = format!("{:016x}", xxh3_64(key.as_bytes()));
        *counter += 1;
    }
}

/// The fingerprints one file's diagnostics (in report order) would have
/// if the file were at `path`: how a baseline entry follows a renamed file.
pub fn fingerprints_as(diagnostics: &[&Diagnostic], path: &str) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let key = identity(&d.checker, &d.code, path, &d.line_text);
            let counter = seen.entry(key.clone()).or_default();
            let fingerprint = format!("{:016x}", xxh3_64(format!("{key}:{counter}").as_bytes()));
            *counter += 1;
            fingerprint
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// These values are a promise to users: reports from older releases
    /// must keep matching. Change them only with a documented format bump.
    #[test]
    fn known_values_are_stable() {
        assert_eq!(
            fingerprint("runner", "LG005", "src/a.py", "<<<<<<< HEAD", 0),
            "5640732c47367d05"
        );
        assert_eq!(
            fingerprint("runner", "LG005", "src/a.py", "<<<<<<< HEAD", 1),
            "15f512d7b46056dd"
        );
        assert_eq!(fingerprint("shell", "SC2086", "x.sh", "echo $a", 0), "1ac021233c98082d");
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(
            fingerprint("c", "X1", "p", "  a \t  b  ", 0),
            fingerprint("c", "X1", "p", "a b", 0)
        );
        assert_ne!(fingerprint("c", "X1", "p", "a b", 0), fingerprint("c", "X1", "p", "ab", 0));
    }
}
