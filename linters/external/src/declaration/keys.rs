//! Typed reading of a `[checkers.<name>]` table. Every error names the
//! checker, the key and the value: `[checkers.pylint] run = "sometimes": one
//! of per-file, batch, once`.

use lintgate_engine::suggest::did_you_mean;
use toml::{Table, Value};

use crate::text::abbreviate;

pub struct Keys<'a> {
    pub checker: &'a str,
    table: &'a Table,
}

impl<'a> Keys<'a> {
    pub fn new(checker: &'a str, table: &'a Table) -> Self {
        Keys { checker, table }
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// An error about `key`, showing its value when it has one.
    pub fn error(&self, key: &str, problem: impl std::fmt::Display) -> String {
        match self.table.get(key) {
            Some(value) => {
                format!("[checkers.{}] {key} = {}: {problem}", self.checker, shown(value))
            }
            None => format!("[checkers.{}] {key}: {problem}", self.checker),
        }
    }

    /// Rejects keys not in `known`, suggesting the closest one.
    pub fn reject_unknown(&self, known: &[&str]) -> Result<(), String> {
        match self.table.keys().find(|k| !known.contains(&k.as_str())) {
            Some(key) => Err(format!(
                "[checkers.{}] {key}: unknown key{}",
                self.checker,
                did_you_mean(key, known.iter().copied())
            )),
            None => Ok(()),
        }
    }

    fn typed<T>(
        &self,
        key: &str,
        expected: &str,
        read: impl FnOnce(&'a Value) -> Option<T>,
    ) -> Result<Option<T>, String> {
        match self.table.get(key) {
            None => Ok(None),
            Some(value) => read(value).map(Some).ok_or_else(|| self.error(key, expected)),
        }
    }

    pub fn string(&self, key: &str) -> Result<Option<&'a str>, String> {
        self.typed(key, "expected a string", Value::as_str)
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, String> {
        self.typed(key, "expected true or false", Value::as_bool)
    }

    pub fn integer(&self, key: &str) -> Result<Option<i64>, String> {
        self.typed(key, "expected an integer", Value::as_integer)
    }

    /// An integer or a float.
    pub fn number(&self, key: &str) -> Result<Option<f64>, String> {
        self.typed(key, "expected a number", |v| {
            v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
        })
    }

    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>, String> {
        self.typed(key, "expected a list of strings", |v| {
            v.as_array()?.iter().map(|i| i.as_str().map(str::to_string)).collect()
        })
    }

    pub fn integers(&self, key: &str) -> Result<Option<Vec<i64>>, String> {
        self.typed(key, "expected a list of integers", |v| {
            v.as_array()?.iter().map(Value::as_integer).collect()
        })
    }

    /// A table whose values are all strings, in the order written.
    pub fn string_table(&self, key: &str) -> Result<Option<Vec<(String, String)>>, String> {
        self.typed(key, "expected a table of strings", |v| {
            v.as_table()?.iter().map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect()
        })
    }

    /// A string that must be one of `choices`.
    pub fn choice(
        &self,
        key: &str,
        choices: &[&'static str],
    ) -> Result<Option<&'static str>, String> {
        let Some(text) = self.string(key)? else { return Ok(None) };
        match choices.iter().find(|c| **c == text) {
            Some(choice) => Ok(Some(choice)),
            None => Err(self.error(key, format!("one of {}", choices.join(", ")))),
        }
    }
}

/// A value as written in TOML, shortened when long.
fn shown(value: &Value) -> String {
    abbreviate(&value.to_string(), 60).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        text.parse().unwrap()
    }

    #[test]
    fn errors_name_checker_key_and_value() {
        let t = table("run = \"sometimes\"\nenabled = \"yes\"\ntimeout = [1]\nenv = { A = 1 }");
        let keys = Keys::new("pylint", &t);
        assert_eq!(
            keys.choice("run", &["per-file", "batch", "once"]).unwrap_err(),
            "[checkers.pylint] run = \"sometimes\": one of per-file, batch, once"
        );
        assert_eq!(
            keys.boolean("enabled").unwrap_err(),
            "[checkers.pylint] enabled = \"yes\": expected true or false"
        );
        assert_eq!(
            keys.number("timeout").unwrap_err(),
            "[checkers.pylint] timeout = [1]: expected a number"
        );
        assert_eq!(
            keys.string_table("env").unwrap_err(),
            "[checkers.pylint] env = { A = 1 }: expected a table of strings"
        );
        assert_eq!(keys.error("command", "required"), "[checkers.pylint] command: required");
        assert_eq!(keys.string("absent"), Ok(None));
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let t = table("comand = []");
        assert_eq!(
            Keys::new("x", &t).reject_unknown(&["command", "files"]).unwrap_err(),
            "[checkers.x] comand: unknown key (did you mean `command`?)"
        );
    }

    #[test]
    fn long_values_are_shortened() {
        let t = table(&format!("pattern = \"{}\"", "a".repeat(100)));
        let error = Keys::new("x", &t).error("pattern", "bad");
        assert_eq!(error, format!("[checkers.x] pattern = \"{}…: bad", "a".repeat(59)));
    }
}
