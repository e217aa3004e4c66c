//! Where GitLab accepts what its published schema rejects, because GitLab
//! reads the configuration before (or instead of) what the schema says:
//!
//! - `$[[ inputs.x ]]` placeholders are replaced first;
//! - a `!reference [job, key]` is replaced by what it names first (the
//!   schema sees a list of strings, even where a mapping belongs);
//! - a keyword set to nothing (`before_script:`) is a keyword not set:
//!   GitLab's configuration entries treat a null value as unspecified;
//! - `include` values may use CI/CD variables (`remote: $TEMPLATES_URL`),
//!   which GitLab expands before it reads them; the schema's patterns for
//!   URLs and file names see the `$NAME`.
//!
//! An error about such a value is not a finding.

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind as Kind;
use serde_json::Value as Json;

use super::json::Spans;

/// Whether GitLab accepts what `error` is about.
pub fn accepted(error: &ValidationError, spans: &Spans, instance: &Json) -> bool {
    let pointer = error.instance_path().as_str();
    let value = error.instance();
    value.to_string().contains("$[[")
        || spans.in_reference(pointer)
        || deepest_in_reference(error, spans)
        || (value.is_null() && is_keyword_value(pointer, instance))
        || (in_include(pointer) && has_variable(value))
}

/// An `anyOf` whose deepest reasons are all inside a `!reference`.
fn deepest_in_reference(error: &ValidationError, spans: &Spans) -> bool {
    let (Kind::AnyOf { context } | Kind::OneOfNotValid { context }) = error.kind() else {
        return false;
    };
    let depth = |e: &ValidationError| e.instance_path().as_str().len();
    let Some(deepest) = context.iter().flatten().map(depth).max() else { return false };
    deepest > error.instance_path().as_str().len()
        && context
            .iter()
            .flatten()
            .filter(|e| depth(e) == deepest)
            .all(|e| spans.in_reference(e.instance_path().as_str()))
}

/// The value of a key in a mapping of keywords: not a list item, not the
/// whole file, and not the value of a variable or an input (those
/// mappings hold names, not keywords).
fn is_keyword_value(pointer: &str, instance: &Json) -> bool {
    let Some((parent, _)) = pointer.rsplit_once('/') else { return false };
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    instance.pointer(parent).is_some_and(Json::is_object)
        && !segments.iter().any(|s| matches!(*s, "variables" | "inputs"))
}

fn in_include(pointer: &str) -> bool {
    pointer == "/include" || pointer.starts_with("/include/")
}

/// `$NAME` or `${NAME}` anywhere in the value.
fn has_variable(value: &Json) -> bool {
    match value {
        Json::String(text) => text.match_indices('$').any(|(at, _)| {
            text[at + 1..]
                .chars()
                .next()
                .is_some_and(|c| c == '{' || c == '_' || c.is_ascii_alphabetic())
        }),
        Json::Array(items) => items.iter().any(has_variable),
        Json::Object(map) => map.values().any(has_variable),
        _ => false,
    }
}
