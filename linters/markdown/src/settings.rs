//! `[markdown]` in lintgate's configuration: markdownlint's rule object in
//! TOML (which replaces `.markdownlint.*` files) and online link checking.

use lintgate_engine::config::{OptionKind, OptionSpec, SectionSpec};
use serde_json::{Map, Value};

pub const SETTINGS: SectionSpec = SectionSpec {
    name: "markdown",
    options: &[
        OptionSpec {
            name: "rules",
            kind: OptionKind::Table(check_rules),
            doc: "markdownlint's configuration object in TOML: `default = false`, `MD013 = { line_length = 100 }`, `no-hard-tabs = false` (codes or aliases). When set, `.markdownlint.*` files are not read.",
        },
        OptionSpec {
            name: "check-urls",
            kind: OptionKind::Boolean,
            doc: "Check http(s) links online (also `lint --online`): broken ones are LG404, permanent redirects LG405. Default: false.",
        },
        OptionSpec {
            name: "url-timeout",
            kind: OptionKind::Number,
            doc: "Seconds to wait for one URL's answer. Default: 10.",
        },
        OptionSpec {
            name: "url-ignore",
            kind: OptionKind::StringList,
            doc: "Regular expressions of URLs not to check (`^https://internal\\.example/`).",
        },
        OptionSpec {
            name: "url-concurrency",
            kind: OptionKind::Integer,
            doc: "URLs checked at once. Default: 16.",
        },
        OptionSpec {
            name: "url-per-host",
            kind: OptionKind::Integer,
            doc: "URLs checked at once on one host. Default: 2.",
        },
    ],
};

/// markdownlint's rules lintgate does not implement: accepted in
/// configuration (it is shared with markdownlint), without effect.
const OTHER_MARKDOWNLINT_RULES: &[&str] = &[
    "MD043",
    "required-headings",
    "MD044",
    "proper-names",
    "MD054",
    "link-image-style",
    "MD059",
    "descriptive-link-text",
    "MD060",
    "table-column-style",
];

/// What is wrong with a `[markdown.rules]` table, naming the key.
fn check_rules(table: &toml::Table) -> Result<(), String> {
    for (key, value) in table {
        if key == "default" {
            if !value.is_bool() {
                return Err("`default` must be true or false".to_string());
            }
            continue;
        }
        let known = crate::rules::find(key).is_some()
            || OTHER_MARKDOWNLINT_RULES.iter().any(|r| r.eq_ignore_ascii_case(key));
        if !known {
            let names = crate::rules::RULES.iter().flat_map(|r| [r.code, r.alias]);
            let hint = lintgate_engine::suggest::did_you_mean(key, names);
            return Err(format!("unknown markdownlint rule `{key}`{hint}"));
        }
        if !(value.is_bool() || value.is_table()) {
            return Err(format!(
                "`{key}` must be true, false or a table of the rule's parameters, found {}",
                value.type_str()
            ));
        }
    }
    Ok(())
}

/// The `[markdown.rules]` table as markdownlint's JSON object.
pub fn rules_object(settings: Option<&toml::Table>) -> Option<Map<String, Value>> {
    let rules = settings?.get("rules")?.as_table()?;
    match to_json(&toml::Value::Table(rules.clone())) {
        Value::Object(object) => Some(object),
        _ => None,
    }
}

fn to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        text.parse().unwrap()
    }

    #[test]
    fn rules_are_checked_by_name_and_shape() {
        assert!(check_rules(&table("default = false\nMD013 = { line_length = 100 }")).is_ok());
        assert!(check_rules(&table("no-hard-tabs = false\nMD044 = false")).is_ok());
        let unknown = check_rules(&table("line-lenght = false")).unwrap_err();
        assert!(
            unknown.contains("`line-lenght`") && unknown.contains("`line-length`"),
            "{unknown}"
        );
        let shape = check_rules(&table("MD013 = 100")).unwrap_err();
        assert!(shape.contains("`MD013` must be"), "{shape}");
    }

    #[test]
    fn toml_becomes_markdownlint_json() {
        let settings = table("[rules]\nMD013 = { line_length = 100, tables = false }\n");
        let object = rules_object(Some(&settings)).unwrap();
        assert_eq!(object["MD013"]["line_length"], 100);
        assert_eq!(object["MD013"]["tables"], false);
    }
}
