//! A tool's words for severities mapped to lintgate's. The `severity`
//! table of a declaration maps a finding's code or the tool's own word
//! (`convention`, `style`) to `error`, `warning` or `info`; `default` covers
//! the rest. A code wins over a word, so `invalid-syntax = "error"` can lift
//! one code above the rest of its tool.

use std::collections::HashMap;

use lintgate_engine::diagnostic::Severity;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityMap {
    /// Keys are lowercase: tools disagree on `Error` and `error`.
    by_name: HashMap<String, Severity>,
    default: Severity,
}

impl Default for SeverityMap {
    fn default() -> Self {
        SeverityMap { by_name: HashMap::new(), default: Severity::Warning }
    }
}

impl SeverityMap {
    /// From the `severity` table's entries; `Err` names the entry in error.
    pub fn from_entries(entries: &[(String, String)]) -> Result<SeverityMap, String> {
        let mut map = SeverityMap::default();
        for (name, value) in entries {
            let severity = value.parse().map_err(|e| format!("`{name}`: {e}"))?;
            if name == "default" {
                map.default = severity;
            } else {
                map.by_name.insert(name.to_lowercase(), severity);
            }
        }
        Ok(map)
    }

    /// The severity of a finding with `code` (without the tool prefix) and
    /// the tool's `word` for its severity.
    pub fn of(&self, code: &str, word: Option<&str>) -> Severity {
        let lookup = |key: &str| self.by_name.get(&key.to_lowercase()).copied();
        (!code.is_empty())
            .then(|| lookup(code))
            .flatten()
            .or_else(|| word.and_then(lookup))
            .unwrap_or(self.default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, &str)]) -> Result<SeverityMap, String> {
        let owned: Vec<_> = entries.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        SeverityMap::from_entries(&owned)
    }

    #[test]
    fn code_then_word_then_default() {
        let m = map(&[("convention", "info"), ("E0001", "error"), ("default", "error")]).unwrap();
        assert_eq!(m.of("E0001", Some("convention")), Severity::Error);
        assert_eq!(m.of("C0114", Some("Convention")), Severity::Info);
        assert_eq!(m.of("W0611", Some("warning")), Severity::Error);
        assert_eq!(SeverityMap::default().of("X1", None), Severity::Warning);
    }

    #[test]
    fn rejects_unknown_severities() {
        assert_eq!(
            map(&[("style", "minor")]).unwrap_err(),
            "`style`: `minor` is not a severity (error, warning, info)"
        );
    }
}
