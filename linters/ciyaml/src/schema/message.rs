//! A schema error in lintgate's words, at the key or value it is about.

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind as Kind};
use serde_json::Value as Json;

use super::SCHEMA_VIOLATION;
use super::json::Spans;
use crate::yaml::YamlProblem;

pub fn describe(error: &ValidationError, spans: &Spans, schema: &Json) -> Vec<YamlProblem> {
    let pointer = error.instance_path().as_str();
    let problem = |message: String, span: Option<std::ops::Range<usize>>| YamlProblem {
        code: SCHEMA_VIOLATION,
        message,
        span: span.or_else(|| spans.value(pointer)).unwrap_or(0..0),
    };
    let place = place(pointer);
    match error.kind() {
        Kind::AdditionalProperties { unexpected } => {
            let known = known_keys(schema, error.schema_path().as_str());
            unexpected
                .iter()
                .map(|key| {
                    let hint = lintgate_engine::suggest::closest(key, known.iter().copied())
                        .map(|k| format!(" (did you mean `{k}`?)"))
                        .unwrap_or_default();
                    let at = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                    problem(
                        format!("`{key}` is not a keyword GitLab knows {place}{hint}"),
                        spans.key(&at),
                    )
                })
                .collect()
        }
        Kind::Enum { options } => {
            let allowed = list(options);
            vec![problem(
                format!("{} {place} must be one of {allowed}", shown(error.instance())),
                None,
            )]
        }
        Kind::Type { .. } if pointer.is_empty() && error.instance().is_null() => {
            vec![problem(
                "the file holds no configuration: GitLab needs a mapping of jobs and keywords"
                    .into(),
                None,
            )]
        }
        Kind::Type { .. } => {
            let expected = expected_types(std::iter::once(error));
            let message =
                format!("{} {place} must be {}", shown(error.instance()), expected.join(" or "));
            vec![problem(message, None)]
        }
        Kind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            vec![problem(format!("`{name}` is required {place}"), spans.key(pointer))]
        }
        Kind::AnyOf { context } | Kind::OneOfNotValid { context } => {
            // The deepest reason is the one that says what to change.
            let depth = |e: &ValidationError| e.instance_path().as_str().len();
            let deepest =
                context.iter().flatten().fold(None, |best: Option<&ValidationError>, e| {
                    if best.is_none_or(|b| depth(e) > depth(b)) { Some(e) } else { best }
                });
            let shown = shown(error.instance());
            match deepest.filter(|e| depth(e) > pointer.len()) {
                Some(deeper) => {
                    let lead = format!("{shown} {place} is none of the forms GitLab accepts there");
                    let reason = describe(deeper, spans, schema).into_iter().next();
                    let reason = reason.unwrap_or_else(|| problem(String::new(), None));
                    vec![YamlProblem { message: format!("{lead}: {}", reason.message), ..reason }]
                }
                None => {
                    let expected = expected_types(context.iter().flatten());
                    let message = if expected.is_empty() {
                        format!("{shown} {place} is none of the forms GitLab accepts there")
                    } else {
                        format!("{shown} {place} must be {}", expected.join(" or "))
                    };
                    vec![problem(message, None)]
                }
            }
        }
        _ => vec![problem(format!("{place}: {error}"), None)],
    }
}

/// The types the `type` errors among `errors` ask for, in our words.
fn expected_types<'e>(errors: impl Iterator<Item = &'e ValidationError<'e>>) -> Vec<&'static str> {
    let mut expected = Vec::new();
    for error in errors {
        let Kind::Type { kind } = error.kind() else { continue };
        let names: Vec<&str> = match kind {
            TypeKind::Single(one) => vec![one.as_str()],
            TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
        };
        for name in names.into_iter().map(type_name) {
            if !expected.contains(&name) {
                expected.push(name);
            }
        }
    }
    expected
}

/// "in job `build`", "in `build.artifacts.paths`", "at the top level".
fn place(pointer: &str) -> String {
    let segments: Vec<String> =
        pointer.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect();
    match segments.as_slice() {
        [] => "at the top level".to_string(),
        [job] => format!("in `{job}`"),
        path => format!("in `{}`", path.join(".")),
    }
}

/// The property names the object schema at `schema_path` (ending in
/// `additionalProperties`) lists.
fn known_keys<'s>(schema: &'s Json, schema_path: &str) -> Vec<&'s str> {
    let parent = schema_path.strip_suffix("/additionalProperties").unwrap_or(schema_path);
    let Some(object) = schema.pointer(parent) else { return Vec::new() };
    object
        .get("properties")
        .and_then(Json::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn shown(value: &Json) -> String {
    let text = match value {
        Json::String(s) => s.clone(),
        Json::Object(_) => "this mapping".to_string(),
        Json::Array(_) => "this list".to_string(),
        other => other.to_string(),
    };
    if matches!(value, Json::Object(_) | Json::Array(_)) {
        return text;
    }
    let short: String = text.chars().take(60).collect();
    format!("`{short}`")
}

fn list(options: &Json) -> String {
    let names: Vec<String> = options
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| match o {
            Json::String(s) => format!("`{s}`"),
            other => format!("`{other}`"),
        })
        .collect();
    names.join(", ")
}

fn type_name(json_type: &str) -> &'static str {
    match json_type {
        "array" => "a list",
        "object" => "a mapping",
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "true or false",
        "null" => "empty",
        _ => "another type",
    }
}
