//! markdownlint's configuration objects: `{"default": true, "MD013":
//! {"line_length": 100}, "no-hard-tabs": false}`, keys by code or alias,
//! `false` turns a rule off, an object turns it on with parameters. Read
//! from the nearest `.markdownlint.{jsonc,json,yaml,yml}` or
//! `.markdownlint-cli2.{jsonc,yaml}` `config` (with a local `extends`),
//! unless `[markdown.rules]` is set, and from `markdownlint-configure-file`
//! comments.

use std::path::{Path, PathBuf};

use lintgate_engine::nearest::NearestCache;
use serde_json::{Map, Value};

use crate::rules::{Params, RULES};

/// What the configuration says of each rule (indexed like [`RULES`]).
#[derive(Debug, Clone)]
pub struct RuleConfig {
    enabled: Vec<bool>,
    params: Vec<Option<Map<String, Value>>>,
}

impl Default for RuleConfig {
    fn default() -> Self {
        RuleConfig { enabled: vec![true; RULES.len()], params: vec![None; RULES.len()] }
    }
}

impl RuleConfig {
    /// Applies configuration objects in order (later ones win).
    pub fn apply(&mut self, object: &Map<String, Value>) {
        if let Some(default) = object.get("default").and_then(Value::as_bool) {
            self.enabled.iter_mut().for_each(|e| *e = default);
        }
        for (key, value) in object {
            let Some(i) = crate::rules::find(key) else { continue };
            match value {
                Value::Bool(on) => self.enabled[i] = *on,
                // Objects merge one level deep: a rule's options replace
                // the earlier ones whole.
                Value::Object(params) => {
                    self.enabled[i] = true;
                    self.params[i] = Some(params.clone());
                }
                _ => {}
            }
        }
    }

    pub fn is_enabled(&self, rule: usize) -> bool {
        self.enabled[rule]
    }

    pub fn params(&self, rule: usize) -> Params<'_> {
        Params(self.params[rule].as_ref())
    }
}

/// The names markdownlint looks for, in its order of preference.
pub const FILE_NAMES: &[&str] =
    &[".markdownlint.jsonc", ".markdownlint.json", ".markdownlint.yaml", ".markdownlint.yml"];

/// markdownlint-cli2's own files: their `config` key holds the rules, and a
/// `.markdownlint.*` file in the same directory wins over it.
const CLI2_FILE_NAMES: &[&str] = &[".markdownlint-cli2.jsonc", ".markdownlint-cli2.yaml"];

/// A markdownlint configuration file found above a Markdown file.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub object: Result<Map<String, Value>, String>,
}

/// The markdownlint configuration file that applies to files in `dir`, in
/// `dir` or the nearest directory above.
pub fn file_for(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find_map(config_in).map(|found| found.path)
}

/// The configuration `dir` itself holds: a `.markdownlint.*` file, else a
/// markdownlint-cli2 file with a `config` key (one without says nothing
/// about rules, so the search goes on above).
fn config_in(dir: &Path) -> Option<ConfigFile> {
    if let Some(path) = FILE_NAMES.iter().map(|name| dir.join(name)).find(|p| p.is_file()) {
        let object = read(&path, 0);
        return Some(ConfigFile { path, object });
    }
    let path = CLI2_FILE_NAMES.iter().map(|name| dir.join(name)).find(|p| p.is_file())?;
    let object = match parse_file(&path) {
        Err(e) => Err(e),
        Ok(Value::Object(mut options)) => match options.remove("config")? {
            Value::Object(config) => with_extends(config, &path, 0),
            _ => Err(format!("{}: `config` must be an object of rules", path.display())),
        },
        Ok(Value::Null) => return None,
        Ok(_) => Err(format!("{}: expected an object of options", path.display())),
    };
    Some(ConfigFile { path, object })
}

#[derive(Default)]
pub struct ConfigFiles {
    nearest: NearestCache<ConfigFile>,
}

impl ConfigFiles {
    pub fn for_dir(&self, dir: &Path) -> Option<std::sync::Arc<ConfigFile>> {
        self.nearest.for_dir(dir, &config_in)
    }
}

/// Reads a JSON(C) or YAML configuration (by its extension), following a
/// local `extends` (at most a few levels: a cycle is an error, not a hang).
fn read(path: &Path, depth: usize) -> Result<Map<String, Value>, String> {
    match parse_file(path)? {
        Value::Object(object) => with_extends(object, path, depth),
        // An empty YAML file configures nothing.
        Value::Null => Ok(Map::new()),
        _ => Err(format!("{}: expected an object of rules", path.display())),
    }
}

/// `object` on top of the file its `extends` names (relative to `path`).
fn with_extends(
    mut object: Map<String, Value>,
    path: &Path,
    depth: usize,
) -> Result<Map<String, Value>, String> {
    if depth > 8 {
        return Err(format!("{}: `extends` nests too deeply (a cycle?)", path.display()));
    }
    let Some(extends) = object.remove("extends") else { return Ok(object) };
    let Some(target) = extends.as_str() else {
        return Err(format!("{}: `extends` must be a path", path.display()));
    };
    let base_path = path.parent().unwrap_or(Path::new(".")).join(target);
    let mut base = read(&base_path, depth + 1)?;
    base.extend(object);
    Ok(base)
}

fn parse_file(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    if is_yaml { parse_yaml(path, &text) } else { parse_jsonc(path, &text) }
}

fn parse_jsonc(path: &Path, text: &str) -> Result<Value, String> {
    serde_json::from_str(&strip_comments(text))
        .map_err(|e| format!("{}:{}: not valid JSON: {e}", path.display(), e.line()))
}

fn parse_yaml(path: &Path, text: &str) -> Result<Value, String> {
    serde_saphyr::from_str(text).map_err(|e| {
        let at = e.location().map_or(String::new(), |l| format!(":{}", l.line()));
        let message = e.to_string();
        let first = message.lines().next().unwrap_or("invalid YAML");
        let first = first.trim_start_matches("error: ");
        format!("{}{at}: not valid YAML: {first}", path.display())
    })
}

/// JSONC: removes `//` and `/* */` comments outside strings, and trailing commas.
pub fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            (',', _) => {
                let rest: String = chars.clone().take_while(|c| c.is_whitespace()).collect();
                let next = chars.clone().nth(rest.chars().count());
                if !matches!(next, Some('}' | ']')) {
                    out.push(',');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_aliases_default_and_parameters() {
        let mut config = RuleConfig::default();
        let object: Value = serde_json::from_str(
            r#"{"default": false, "line-length": {"line_length": 100}, "MD009": true}"#,
        )
        .unwrap();
        config.apply(object.as_object().unwrap());
        let md013 = crate::rules::find("MD013").unwrap();
        assert!(
            config.is_enabled(md013) && config.is_enabled(crate::rules::find("MD009").unwrap())
        );
        assert!(!config.is_enabled(crate::rules::find("MD001").unwrap()));
        assert_eq!(config.params(md013).number("line_length", 80), 100);
    }

    #[test]
    fn jsonc_comments_and_trailing_commas() {
        let text =
            "{\n  // a comment\n  \"MD013\": false, /* block */\n  \"url\": \"http://x//y\",\n}\n";
        let value: Value = serde_json::from_str(&strip_comments(text)).unwrap();
        assert_eq!(value["url"], "http://x//y");
        assert_eq!(value["MD013"], false);
    }
}
