//! The baseline file: JSON with one finding per line, sorted by path, code
//! and fingerprint, so it diffs and merges cleanly in git.
//!
//! ```json
//! {
//!   "lintgate-baseline": 1,
//!   "created-by": "lintgate 0.1.0",
//!   "commit": "9fceb02d0ae598e95dc970b74767f19372d61af8",
//!   "findings": [
//!     {"fingerprint":"1ac021233c98082d","code":"SC2086","path":"x.sh","message":"..."}
//!   ]
//! }
//! ```
//!
//! Only `fingerprint` is matched; `code`, `path` and `message` are for
//! readers (and `path` for following renames). Line numbers are left out on
//! purpose: they change with every edit above a finding.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// The format this lintgate reads and writes; a newer one is refused.
pub const FORMAT_VERSION: u32 = 1;

/// One finding. The strings borrow from the baseline's text where JSON
/// escapes allow (nearly always), so a large baseline costs one pass over
/// its text and no allocation per entry.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry<'a> {
    // Field order is the sort order: path, code, fingerprint.
    #[serde(borrow)]
    pub path: Cow<'a, str>,
    #[serde(borrow)]
    pub code: Cow<'a, str>,
    #[serde(borrow)]
    pub fingerprint: Cow<'a, str>,
    #[serde(borrow)]
    pub message: Cow<'a, str>,
}

#[derive(Debug, Default)]
pub struct BaselineFile<'a> {
    pub commit: Option<String>,
    pub entries: Vec<Entry<'a>>,
}

#[derive(Deserialize)]
struct Header {
    #[serde(rename = "lintgate-baseline")]
    version: Option<u32>,
}

#[derive(Deserialize)]
struct Whole<'a> {
    #[serde(rename = "lintgate-baseline")]
    version: u32,
    #[serde(default)]
    commit: Option<String>,
    #[serde(borrow)]
    findings: Vec<Entry<'a>>,
}

/// Why a baseline could not be read: where (for broken JSON) and what.
#[derive(Debug, PartialEq)]
pub struct ParseError {
    /// 1-based line and column.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl ParseError {
    /// `FILE:LINE:COLUMN: message`, or `FILE: message`.
    pub fn in_file(&self, file: &str) -> String {
        match self.at {
            Some((line, column)) => format!("{file}:{line}:{column}: {}", self.message),
            None => format!("{file}: {}", self.message),
        }
    }
}

/// Reads a baseline.
pub fn parse(text: &str) -> Result<BaselineFile<'_>, ParseError> {
    let plain = |message: String| ParseError { at: None, message };
    match serde_json::from_str::<Whole>(text) {
        Ok(whole) if whole.version > FORMAT_VERSION => Err(plain(newer(whole.version))),
        Ok(whole) => Ok(BaselineFile { commit: whole.commit, entries: whole.findings }),
        Err(error) => match serde_json::from_str::<Header>(text) {
            Ok(Header { version: Some(v) }) if v > FORMAT_VERSION => Err(plain(newer(v))),
            Ok(Header { version: None }) if error.is_data() => {
                Err(plain("not a lintgate baseline (no `lintgate-baseline` format number)".into()))
            }
            _ => Err(ParseError {
                at: Some((error.line(), error.column())),
                message: without_position(&error),
            }),
        },
    }
}

fn newer(version: u32) -> String {
    format!(
        "written in baseline format {version} by a newer lintgate; this one reads format {FORMAT_VERSION}: upgrade lintgate"
    )
}

/// serde_json's message without its trailing " at line L column C".
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The file's text: entries sorted and deduplicated, one per line.
pub fn render(file: &BaselineFile) -> String {
    let mut entries: Vec<&Entry> = file.entries.iter().collect();
    entries.sort();
    entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let mut out = String::with_capacity(64 + entries.len() * 120);
    out.push_str(&format!("{{\n  \"lintgate-baseline\": {FORMAT_VERSION},\n"));
    out.push_str(&format!("  \"created-by\": \"lintgate {}\",\n", lintgate_engine::VERSION));
    let commit = file.commit.as_ref().map_or("null".to_string(), |c| format!("{c:?}"));
    out.push_str(&format!("  \"commit\": {commit},\n  \"findings\": ["));
    for (i, entry) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&serde_json::to_string(entry).expect("strings serialize"));
    }
    out.push_str(if entries.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &'static str, code: &'static str, fingerprint: &'static str) -> Entry<'static> {
        Entry {
            path: path.into(),
            code: code.into(),
            fingerprint: fingerprint.into(),
            message: "m \"q\"".into(),
        }
    }

    #[test]
    fn renders_sorted_one_entry_per_line_and_reads_back() {
        let file = BaselineFile {
            commit: Some("abc".into()),
            entries: vec![
                entry("b.py", "F401", "02"),
                entry("a.sh", "SC2086", "01"),
                entry("a.sh", "SC2086", "01"),
            ],
        };
        let text = render(&file);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "{");
        assert_eq!(lines[1], "  \"lintgate-baseline\": 1,");
        assert_eq!(lines[4], "  \"findings\": [");
        assert!(
            lines[5].contains("\"path\":\"a.sh\"") && lines[6].contains("\"path\":\"b.py\""),
            "{text}"
        );
        assert_eq!(lines.len(), 9, "duplicates are written once:\n{text}");
        let back = parse(&text).unwrap();
        assert_eq!(back.commit.as_deref(), Some("abc"));
        assert_eq!(back.entries, [entry("a.sh", "SC2086", "01"), entry("b.py", "F401", "02")]);
        let empty = render(&BaselineFile::default());
        assert!(parse(&empty).unwrap().entries.is_empty(), "{empty}");
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let error = |text: &str| parse(text).unwrap_err().in_file("b.json");
        assert_eq!(
            error("{\n  \"lintgate-baseline\": 1,\n  oops\n}"),
            "b.json:3:3: key must be a string"
        );
        assert!(error("[1, 2]").contains("invalid type"), "{}", error("[1, 2]"));
        assert_eq!(
            error("{\"findings\": []}"),
            "b.json: not a lintgate baseline (no `lintgate-baseline` format number)"
        );
        let newer = error("{\"lintgate-baseline\": 9, \"findings\": [], \"new-key\": {}}");
        assert!(newer.contains("format 9 by a newer lintgate"), "{newer}");
        let newer_shape = error("{\"lintgate-baseline\": 2, \"entries\": {}}");
        assert!(newer_shape.contains("format 2 by a newer lintgate"), "{newer_shape}");
        let missing = error("{\"lintgate-baseline\": 1, \"findings\": [{\"path\": \"a\"}]}");
        assert!(missing.contains("missing field `code`"), "{missing}");
    }
}
