//! Reads one configuration file into a [`Config`] layer, checking every key
//! and value and pointing errors at their line and column.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::schema::{OptionKind, SectionSpec};
use super::{Config, ConfigError, Origin, PathPattern};
use crate::diagnostic::Severity;
use crate::selector::{SelectionLayer, Selector};
use crate::suggest;

const TOP_LEVEL_KEYS: &[&str] = &[
    "extend",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "extend-exclude",
    "fail-on",
    "baseline",
    "cache-dir",
    "severity",
    "checkers",
];

/// One file's settings before `extend` is followed.
pub(super) struct Layer {
    pub config: Config,
    /// The `extend` target, resolved against the file's directory, with the
    /// byte span of its value.
    pub extend: Option<(PathBuf, Range<usize>)>,
}

struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    dir: PathBuf,
}

impl Reader<'_> {
    fn error(&self, span: &Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError::at(self.path, self.text, span.start, message)
    }

    fn origin(&self, span: &Range<usize>) -> Origin {
        let line = self.text[..span.start.min(self.text.len())].matches('\n').count() + 1;
        Origin::File { path: self.path.into(), line }
    }

    fn string<'v>(&self, key: &str, value: &'v Spanned<DeValue>) -> Result<&'v str, ConfigError> {
        value.get_ref().as_str().ok_or_else(|| {
            let found = value.get_ref().type_str();
            self.error(&value.span(), format!("`{key}` must be a string, found {found}"))
        })
    }

    fn strings<'v>(
        &self,
        key: &str,
        value: &'v Spanned<DeValue>,
    ) -> Result<Vec<(&'v str, Range<usize>)>, ConfigError> {
        let not_a_list = || {
            let found = value.get_ref().type_str();
            self.error(&value.span(), format!("`{key}` must be a list of strings, found {found}"))
        };
        let items = value.get_ref().as_array().ok_or_else(not_a_list)?;
        items.iter().map(|item| Ok((self.string(key, item)?, item.span()))).collect()
    }

    fn selectors(&self, key: &str, value: &Spanned<DeValue>) -> Result<Vec<Selector>, ConfigError> {
        self.strings(key, value)?
            .into_iter()
            .map(|(text, span)| {
                Selector::parse(text).map_err(|e| self.error(&span, format!("in `{key}`: {e}")))
            })
            .collect()
    }

    fn patterns(
        &self,
        key: &str,
        value: &Spanned<DeValue>,
    ) -> Result<Vec<PathPattern>, ConfigError> {
        self.strings(key, value)?
            .into_iter()
            .map(|(text, span)| {
                PathPattern::new(text, &self.dir)
                    .map_err(|e| self.error(&span, format!("in `{key}`: {e}")))
            })
            .collect()
    }

    fn table<'v>(
        &self,
        key: &str,
        value: &'v Spanned<DeValue<'v>>,
    ) -> Result<&'v DeTable<'v>, ConfigError> {
        value.get_ref().as_table().ok_or_else(|| {
            let found = value.get_ref().type_str();
            self.error(&value.span(), format!("`{key}` must be a table, found {found}"))
        })
    }
}

/// Parses `text` (the content of `path`). For `pyproject.toml` the settings
/// are under `[tool.lintgate]`; returns `None` when that table is absent.
pub(super) fn read_layer(
    path: &Path,
    text: &str,
    sections: &[SectionSpec],
) -> Result<Option<Layer>, ConfigError> {
    let document = DeTable::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        ConfigError::at(path, text, offset, format!("invalid TOML: {}", e.message().trim()))
    })?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let reader = Reader { path, text, dir };
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let table = if is_pyproject {
        let Some(tool) = document.get_ref().get("tool") else {
            return Ok(None);
        };
        let tool = reader.table("tool", tool)?;
        let Some(lintgate) = tool.get("lintgate") else {
            return Ok(None);
        };
        reader.table("tool.lintgate", lintgate)?
    } else {
        document.get_ref()
    };
    read_table(&reader, table, sections).map(Some)
}

fn read_table(
    reader: &Reader,
    table: &DeTable,
    sections: &[SectionSpec],
) -> Result<Layer, ConfigError> {
    let mut config = Config { files: vec![reader.path.into()], ..Config::default() };
    let mut layer = SelectionLayer::default();
    let mut extend = None;
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let span = key.span();
        match name {
            "extend" => {
                let target = reader.string(name, value)?;
                extend = Some((normalize(&reader.dir.join(target)), value.span()));
            }
            "select" => layer.select = Some(reader.selectors(name, value)?),
            "extend-select" => layer.extend_select = reader.selectors(name, value)?,
            "ignore" => layer.ignore = reader.selectors(name, value)?,
            "exclude" => config.exclude = Some(reader.patterns(name, value)?),
            "extend-exclude" => config.extend_exclude = reader.patterns(name, value)?,
            "cache-dir" => {
                let dir = reader.string(name, value)?;
                config.cache_dir = Some(normalize(&reader.dir.join(dir)));
            }
            "baseline" => {
                let file = reader.string(name, value)?;
                config.baseline = Some(normalize(&reader.dir.join(file)));
            }
            "fail-on" => {
                let level = reader.string(name, value)?;
                let severity =
                    level.parse::<Severity>().map_err(|e| reader.error(&value.span(), e))?;
                config.fail_on = Some(severity);
            }
            "per-file-ignores" => {
                for (glob, codes) in reader.table(name, value)? {
                    let pattern = PathPattern::new(glob.get_ref(), &reader.dir)
                        .map_err(|e| reader.error(&glob.span(), format!("in `{name}`: {e}")))?;
                    config.per_file_ignores.push((pattern, reader.selectors(name, codes)?));
                }
            }
            "checkers" => {
                // External tool declarations: their keys are checked by the
                // external checkers, which know each tool's schema.
                for (checker, declaration) in reader.table(name, value)? {
                    let Some(toml::Value::Table(plain)) = to_plain(declaration.get_ref()) else {
                        let message = format!("`[checkers.{}]` must be a table", checker.get_ref());
                        return Err(reader.error(&declaration.span(), message));
                    };
                    let checkers = config.sections.entry("checkers".to_string()).or_default();
                    checkers.insert(checker.get_ref().to_string(), toml::Value::Table(plain));
                }
            }
            "severity" => {
                for (code, level) in reader.table(name, value)? {
                    let selector = Selector::parse(code.get_ref())
                        .map_err(|e| reader.error(&code.span(), format!("in `[severity]`: {e}")))?;
                    let level = reader.string(&format!("severity.{}", code.get_ref()), level)?;
                    let severity =
                        level.parse::<Severity>().map_err(|e| reader.error(&value.span(), e))?;
                    config.severity.push((selector, severity));
                }
            }
            _ => {
                let Some(spec) = sections.iter().find(|s| s.name == name) else {
                    let known =
                        TOP_LEVEL_KEYS.iter().copied().chain(sections.iter().map(|s| s.name));
                    let hint = suggest::did_you_mean(name, known);
                    return Err(reader.error(&span, format!("unknown key `{name}`{hint}")));
                };
                read_section(reader, spec, reader.table(name, value)?, &mut config)?;
                continue;
            }
        }
        config.origins.entry(name.to_string()).or_default().push(reader.origin(&span));
    }
    config.selection.push(layer);
    Ok(Layer { config, extend })
}

fn read_section(
    reader: &Reader,
    spec: &SectionSpec,
    table: &DeTable,
    config: &mut Config,
) -> Result<(), ConfigError> {
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let Some(option) = spec.options.iter().find(|o| o.name == name) else {
            let hint = suggest::did_you_mean(name, spec.options.iter().map(|o| o.name));
            let message = format!("unknown key `{name}` in `[{}]`{hint}", spec.name);
            return Err(reader.error(&key.span(), message));
        };
        let plain = to_plain(value.get_ref());
        if !plain.as_ref().is_some_and(|v| option.kind.accepts(v)) {
            let message = format!(
                "`{}.{name}` must be {}, found {}",
                spec.name,
                option.kind.describe(),
                value.get_ref().type_str()
            );
            return Err(reader.error(&value.span(), message));
        }
        if let (OptionKind::Table(check), Some(toml::Value::Table(table))) = (option.kind, &plain)
            && let Err(problem) = check(table)
        {
            return Err(reader.error(&value.span(), format!("`{}.{name}`: {problem}", spec.name)));
        }
        let full = format!("{}.{name}", spec.name);
        config.origins.entry(full).or_default().push(reader.origin(&key.span()));
        let section = config.sections.entry(spec.name.to_string()).or_default();
        section.insert(name.to_string(), plain.expect("checked above"));
    }
    Ok(())
}

/// The value without spans, for the simple types checker options use.
fn to_plain(value: &DeValue) -> Option<toml::Value> {
    Some(match value {
        DeValue::String(s) => toml::Value::String(s.to_string()),
        DeValue::Integer(i) => {
            toml::Value::Integer(i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()?)
        }
        DeValue::Float(f) => toml::Value::Float(f.as_str().replace('_', "").parse().ok()?),
        DeValue::Boolean(b) => toml::Value::Boolean(*b),
        DeValue::Array(items) => {
            toml::Value::Array(items.iter().map(|i| to_plain(i.get_ref())).collect::<Option<_>>()?)
        }
        DeValue::Table(table) => toml::Value::Table(
            table
                .iter()
                .map(|(k, v)| Some((k.get_ref().to_string(), to_plain(v.get_ref())?)))
                .collect::<Option<_>>()?,
        ),
        DeValue::Datetime(_) => return None,
    })
}

/// Removes `.` and `..` lexically, so `sub/../base.toml` reads as `base.toml`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
