//! A YAML document as the JSON value a YAML 1.2 loader gives (the core
//! schema's types for plain scalars, merge keys applied, aliases
//! resolved, `!reference [a, b]` as a list of strings, as check-jsonschema's
//! GitLab transform reads it), with the span of every value and key by JSON
//! pointer, so a schema error lands on its exact line and column.

use std::collections::HashMap;
use std::ops::Range;

use serde_json::{Map, Number, Value as Json};

use crate::yaml::{Document, Node, Style, Value};

/// Where each value of the JSON came from.
#[derive(Default)]
pub struct Spans {
    /// JSON pointer → (span of the key that holds it, span of the value).
    by_pointer: HashMap<String, (Range<usize>, Range<usize>)>,
    /// The pointers of `!reference` values, which GitLab replaces with
    /// what they name before it reads the configuration.
    references: Vec<String>,
}

impl Spans {
    /// The span of the value at `pointer`.
    pub fn value(&self, pointer: &str) -> Option<Range<usize>> {
        self.by_pointer.get(pointer).map(|(_, value)| value.clone())
    }

    /// The span of the key at `pointer` (the value's, for list items).
    pub fn key(&self, pointer: &str) -> Option<Range<usize>> {
        self.by_pointer.get(pointer).map(|(key, _)| key.clone())
    }

    /// Whether the value at `pointer` is, or is inside, a `!reference`.
    pub fn in_reference(&self, pointer: &str) -> bool {
        self.references.iter().any(|r| {
            pointer
                .strip_prefix(r.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }
}

/// Converts `doc`; `None` when alias expansion ran out of budget.
pub fn convert(doc: &Document) -> Option<(Json, Spans)> {
    let mut spans = Spans::default();
    let mut pointer = String::new();
    let root = doc.root.span.clone();
    let json = value(doc, &doc.root, &mut pointer, root, &mut spans, 0)?;
    Some((json, spans))
}

const MAX_DEPTH: usize = 256;

fn value(
    doc: &Document,
    node: &Node,
    pointer: &mut String,
    key_span: Range<usize>,
    spans: &mut Spans,
    depth: usize,
) -> Option<Json> {
    if depth > MAX_DEPTH {
        return Some(Json::Null);
    }
    let node = doc.resolve(node)?;
    spans.by_pointer.insert(pointer.clone(), (key_span, node.span.clone()));
    if node.tag.as_deref() == Some("!reference") {
        spans.references.push(pointer.clone());
        return Some(reference(&node));
    }
    let json = match &node.value {
        Value::Null => Json::Null,
        Value::Alias(_) => Json::Null,
        Value::Scalar(decoded) => {
            let plain = decoded.style == Style::Plain && node.tag.is_none();
            if plain { typed(&decoded.text) } else { Json::String(decoded.text.clone()) }
        }
        Value::Sequence(items) => {
            let mut list = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                list.push(value(doc, item, pointer, item.span.clone(), spans, depth + 1)?);
                pointer.truncate(len);
            }
            Json::Array(list)
        }
        Value::Mapping(_) => {
            let mut map = Map::new();
            for entry in doc.entries(&node) {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&entry.key.replace('~', "~0").replace('/', "~1"));
                let item =
                    value(doc, &entry.value, pointer, entry.key_span.clone(), spans, depth + 1)?;
                map.insert(entry.key.clone(), item);
                pointer.truncate(len);
            }
            Json::Object(map)
        }
    };
    Some(json)
}

/// `!reference [.job, key]`: the names as strings, whatever they look like.
fn reference(node: &Node) -> Json {
    match &node.value {
        Value::Sequence(items) => Json::Array(
            items.iter().map(|i| Json::String(i.as_str().unwrap_or_default().into())).collect(),
        ),
        _ => Json::Null,
    }
}

/// A plain scalar typed by YAML 1.2's core schema.
fn typed(text: &str) -> Json {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Json::Null,
        "true" | "True" | "TRUE" => return Json::Bool(true),
        "false" | "False" | "FALSE" => return Json::Bool(false),
        _ => {}
    }
    if let Some(n) = integer(text) {
        return Json::Number(n);
    }
    if is_float(text) {
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Json::Number(n);
        }
        // `.inf` and `.nan` have no JSON number; they are not strings either.
        return Json::Number(Number::from(0));
    }
    Json::String(text.to_string())
}

fn integer(text: &str) -> Option<Number> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(octal) = digits.strip_prefix("0o") {
        (8, octal)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    let value = if negative { -magnitude } else { magnitude };
    i64::try_from(value)
        .map(Number::from)
        .ok()
        .or_else(|| u64::try_from(value).ok().map(Number::from))
        .or_else(|| Number::from_f64(value as f64))
}

/// `1.5`, `-.5`, `1e3`, `2.`, `.inf`, `-.Inf`, `.nan`.
fn is_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(body, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(whole)
        && fraction.is_none_or(digits)
        && (!whole.is_empty() || fraction.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok && (fraction.is_some() || exponent.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_get_the_core_schema_types() {
        assert_eq!(typed("true"), Json::Bool(true));
        assert_eq!(typed("yes"), Json::String("yes".into()), "YAML 1.2: a string");
        assert_eq!(typed("~"), Json::Null);
        assert_eq!(typed("42"), Json::from(42));
        assert_eq!(typed("-0x1f"), Json::from(-31));
        assert_eq!(typed("1.5"), Json::from(1.5));
        assert_eq!(typed("1e3"), Json::from(1000.0));
        assert_eq!(typed("3.11"), Json::from(3.11));
        assert_eq!(typed("1.2.3"), Json::String("1.2.3".into()));
        assert_eq!(typed("0x"), Json::String("0x".into()));
        assert_eq!(typed("."), Json::String(".".into()));
    }

    #[test]
    fn values_know_where_they_came_from() {
        let text = "build:\n  script: [make, \"1\"]\n  retry: 2\n.t: &t\n  a: 1\nx:\n  <<: *t\n";
        let doc = crate::yaml::parse(text);
        let (json, spans) = convert(&doc).unwrap();
        assert_eq!(json["build"]["script"], serde_json::json!(["make", "1"]));
        assert_eq!(json["build"]["retry"], serde_json::json!(2));
        assert_eq!(json["x"]["a"], serde_json::json!(1), "merge keys applied");
        let at = |r: Range<usize>| &text[r];
        assert_eq!(at(spans.key("/build/retry").unwrap()), "retry");
        assert_eq!(at(spans.value("/build/script/1").unwrap()), "\"1\"");
    }
}
