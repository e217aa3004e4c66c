//! Reading fields of JSON tool outputs, with errors that say which record
//! and which field did not have the expected shape.

use serde_json::{Map, Value};

use crate::text::abbreviate;

/// Parses a whole output as one JSON document. `format` names it in errors.
pub fn document(output: &str, format: &str) -> Result<Value, String> {
    serde_json::from_str(output).map_err(|e| format!("{format}: not valid JSON ({e})"))
}

/// The JSON objects of a list as records named `{what} 1`, `{what} 2`, ...
pub fn objects<'a>(value: &'a Value, what: &str) -> Result<Vec<Record<'a>>, String> {
    let items = value.as_array().ok_or_else(|| format!("{what}: expected a list"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let name = format!("{what} {}", i + 1);
            match item.as_object() {
                Some(fields) => Ok(Record::new(name, fields)),
                None => Err(format!("{name}: expected an object")),
            }
        })
        .collect()
}

/// A record of a JSON output; `name` describes it in errors.
#[derive(Debug)]
pub struct Record<'a> {
    pub name: String,
    pub fields: &'a Map<String, Value>,
}

impl<'a> Record<'a> {
    pub fn new(name: impl Into<String>, fields: &'a Map<String, Value>) -> Self {
        Record { name: name.into(), fields }
    }

    pub fn string(&self, key: &str) -> Result<&'a str, String> {
        self.optional_string(key)?.ok_or_else(|| self.missing(key, "a string"))
    }

    /// A string that may be absent or `null`.
    pub fn optional_string(&self, key: &str) -> Result<Option<&'a str>, String> {
        match self.fields.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.wrong(key, "a string", other)),
        }
    }

    pub fn number(&self, key: &str) -> Result<u32, String> {
        self.optional_number(key)?.ok_or_else(|| self.missing(key, "a number"))
    }

    /// A non-negative integer that may be absent or `null`.
    pub fn optional_number(&self, key: &str) -> Result<Option<u32>, String> {
        match self.fields.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a non-negative integer", value)),
        }
    }

    pub fn object(&self, key: &str) -> Result<Record<'a>, String> {
        self.optional_object(key)?.ok_or_else(|| self.missing(key, "an object"))
    }

    pub fn optional_object(&self, key: &str) -> Result<Option<Record<'a>>, String> {
        match self.fields.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(fields)) => Ok(Some(Record::new(self.name.clone(), fields))),
            Some(other) => Err(self.wrong(key, "an object", other)),
        }
    }

    fn missing(&self, key: &str, expected: &str) -> String {
        format!("{}: no `{key}` ({expected})", self.name)
    }

    fn wrong(&self, key: &str, expected: &str, found: &Value) -> String {
        let found = abbreviate(&found.to_string(), 60).into_owned();
        format!("{}: `{key}` should be {expected}, found {found}", self.name)
    }
}

/// 0-based columns as 1-based ones.
pub fn one_based(column: u32) -> u32 {
    column.saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_record_and_the_field() {
        let value = document(r#"[{"line": "three", "path": 4}, 5]"#, "demo").unwrap();
        let err = objects(&value, "demo finding").unwrap_err();
        assert_eq!(err, "demo finding 2: expected an object");
        let value = document(r#"[{"line": "three", "path": 4}]"#, "demo").unwrap();
        let records = objects(&value, "demo finding").unwrap();
        let record = &records[0];
        assert_eq!(
            record.number("line").unwrap_err(),
            "demo finding 1: `line` should be a non-negative integer, found \"three\""
        );
        assert_eq!(
            record.string("path").unwrap_err(),
            "demo finding 1: `path` should be a string, found 4"
        );
        assert_eq!(
            record.string("message").unwrap_err(),
            "demo finding 1: no `message` (a string)"
        );
        assert!(document("{", "demo").unwrap_err().starts_with("demo: not valid JSON"));
    }
}
