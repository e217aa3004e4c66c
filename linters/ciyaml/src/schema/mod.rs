//! GitLab's CI schema (vendored in `schema/`, see its README), checked on
//! every GitLab CI document: what GitLab itself rejects (unknown keywords,
//! wrong types, values outside an enumeration), as LG311 at the exact YAML
//! position of the offending key or value.
//!
//! Formats are not checked: the schema's `regex` format would be checked
//! with a different regex engine than GitLab's RE2 and reject valid
//! coverage patterns. Values GitLab reads before validating (see
//! [`lenient`]) are not judged.

mod json;
mod lenient;
mod message;

use std::sync::OnceLock;

use crate::yaml::{Document, YamlProblem};

pub const SCHEMA_VIOLATION: &str = "LG311";

const SCHEMA_TEXT: &str = include_str!("../../schema/gitlab-ci.json");

struct Schema {
    json: serde_json::Value,
    validator: jsonschema::Validator,
}

fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let json: serde_json::Value =
            serde_json::from_str(SCHEMA_TEXT).expect("the vendored schema is JSON");
        let validator = jsonschema::options()
            .should_validate_formats(false)
            .build(&json)
            .expect("the vendored schema is a valid draft-07 schema");
        Schema { json, validator }
    })
}

/// The schema violations of a GitLab CI document.
pub fn check(doc: &Document) -> Vec<YamlProblem> {
    if doc.problems.iter().any(|p| p.code == crate::yaml::SYNTAX_ERROR) {
        // What was read of a broken file is not the configuration.
        return Vec::new();
    }
    let Some((instance, spans)) = json::convert(doc) else { return Vec::new() };
    let schema = schema();
    let mut problems = Vec::new();
    for error in schema.validator.iter_errors(&instance) {
        if lenient::accepted(&error, &spans, &instance) {
            continue;
        }
        problems.extend(message::describe(&error, &spans, &schema.json));
    }
    problems.sort_by_key(|p| (p.span.start, p.span.end));
    problems
}

#[cfg(test)]
mod tests;
