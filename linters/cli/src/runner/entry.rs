//! One result-cache entry: a header line naming the format and the file,
//! then the file's diagnostics and notes as JSON. Anything else (a
//! truncated write, another format, another file) decodes as a miss.

use lintgate_engine::diagnostic::{Diagnostic, Note, Severity};
use lintgate_engine::source::Position;
use serde::{Deserialize, Serialize};

const MAGIC: &str = "lintgate-cache 1";

#[derive(Serialize, Deserialize)]
struct Entry {
    diagnostics: Vec<Cached>,
    notes: Vec<(String, String)>,
}

#[derive(Serialize, Deserialize)]
struct Cached {
    start: (u32, u32),
    end: (u32, u32),
    code: String,
    checker: String,
    severity: String,
    message: String,
    fingerprint: String,
    line_text: String,
}

/// `None` when a diagnostic carries a fix (not cached: fixes are applied
/// from a fresh check).
pub fn encode(diagnostics: &[Diagnostic], notes: &[Note]) -> Option<Vec<u8>> {
    let path = diagnostics.first().map(|d| d.path.clone());
    if diagnostics.iter().any(|d| d.fix.is_some() || Some(&d.path) != path.as_ref()) {
        return None;
    }
    let entry = Entry {
        diagnostics: diagnostics
            .iter()
            .map(|d| Cached {
                start: (d.start.line, d.start.column),
                end: (d.end.line, d.end.column),
                code: d.code.clone(),
                checker: d.checker.clone(),
                severity: d.severity.name().to_string(),
                message: d.message.clone(),
                fingerprint: d.fingerprint.clone(),
                line_text: d.line_text.clone(),
            })
            .collect(),
        notes: notes.iter().map(|n| (n.path.clone(), n.message.clone())).collect(),
    };
    let mut bytes = format!("{MAGIC}\n").into_bytes();
    serde_json::to_writer(&mut bytes, &entry).ok()?;
    Some(bytes)
}

pub fn decode(bytes: &[u8], path: &str) -> Option<(Vec<Diagnostic>, Vec<Note>)> {
    let body = bytes.strip_prefix(format!("{MAGIC}\n").as_bytes())?;
    let entry: Entry = serde_json::from_slice(body).ok()?;
    let mut diagnostics = Vec::with_capacity(entry.diagnostics.len());
    for c in entry.diagnostics {
        let position = |(line, column)| Position { line, column };
        diagnostics.push(Diagnostic {
            path: path.to_string(),
            start: position(c.start),
            end: position(c.end),
            code: c.code,
            checker: c.checker,
            severity: c.severity.parse::<Severity>().ok()?,
            message: c.message,
            fix: None,
            fingerprint: c.fingerprint,
            line_text: c.line_text,
        });
    }
    let notes = entry.notes.into_iter().map(|(p, m)| Note::new(p, m)).collect();
    Some((diagnostics, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_what_is_not_an_entry() {
        let d = Diagnostic {
            path: "a.py".into(),
            start: Position { line: 1, column: 8 },
            end: Position { line: 1, column: 10 },
            code: "F401".into(),
            checker: "python".into(),
            severity: Severity::Error,
            message: "`os` imported but unused".into(),
            fix: None,
            fingerprint: "0123456789abcdef".into(),
            line_text: "import os".into(),
        };
        let notes = [Note::new("a.py", "a note")];
        let bytes = encode(std::slice::from_ref(&d), &notes).unwrap();
        let (back, back_notes) = decode(&bytes, "a.py").unwrap();
        assert_eq!(back, [d]);
        assert_eq!(back_notes, notes);
        assert!(decode(&bytes[..bytes.len() - 3], "a.py").is_none(), "a truncated entry");
        assert!(decode(b"lintgate-cache 9\n{}", "a.py").is_none(), "another format");
        assert!(decode(b"\xff\xfe garbage", "a.py").is_none());
    }
}
