//! The part of `lintgate config --show` about what other tools' files set:
//! the line length and Python version used where `[python]` is silent, and
//! the `[flake8]` section whose selection, `per-file-ignores` and
//! `exclude` apply beneath lintgate's own.

use std::fmt::Write;
use std::path::Path;

use lintgate_engine::config::Config;
use lintgate_python::{Flake8Config, Inherited, PydocstyleConfig, Setting, VersionSource};

pub fn show(
    out: &mut String,
    config: &Config,
    inherited: &Inherited,
    shown: &dyn Fn(&Path) -> String,
) {
    let python = config.sections.get("python");
    let unset = |key: &str| python.is_none_or(|t| !t.contains_key(key));
    let mut lines = Vec::new();
    if unset("line-length")
        && let Some(found) = &inherited.line_length
    {
        lines.push(if found.line == 0 {
            format!(
                "line-length = {}  # {} (inherited: its [flake8] sets no max-line-length, flake8's default)",
                found.value,
                shown(&found.file)
            )
        } else {
            format!(
                "line-length = {}  # {}:{} (inherited: no lintgate setting)",
                found.value,
                shown(&found.file),
                found.line
            )
        });
    }
    if unset("target-version") {
        lines.push(match &inherited.version {
            Some(found) => {
                let from = match &found.value.source {
                    VersionSource::RequiresPython(spec) => format!("requires-python {spec:?}"),
                    VersionSource::RuffTargetVersion(name) => format!("ruff's target-version {name:?}"),
                };
                format!(
                    "target-version = \"3.{}\"  # {}:{} (inherited: {from})",
                    found.value.minor,
                    shown(&found.file),
                    found.line
                )
            }
            None => "# target-version: not set here, in requires-python or for ruff: every builtin of the newest Python is known".to_string(),
        });
    }
    if !lines.is_empty() {
        if python.is_none() {
            let _ = writeln!(out, "[python]");
        }
        for line in lines {
            let _ = writeln!(out, "{line}");
        }
    }
    if let Some(flake8) = &inherited.flake8 {
        flake8_section(out, config, flake8, shown);
    }
}

fn flake8_section(
    out: &mut String,
    config: &Config,
    flake8: &Flake8Config,
    shown: &dyn Fn(&Path) -> String,
) {
    let file = shown(&flake8.file);
    let _ = writeln!(
        out,
        "# [flake8] in {file} (inherited: its selection decides E, W, F and C90 codes beneath lintgate's)"
    );
    let list = |name: &str, setting: &Option<Setting<Vec<String>>>, note: &str| {
        setting
            .as_ref()
            .map(|s| format!("#   {name} = {}  # {file}:{}{note}", s.value.join(", "), s.line))
    };
    let unused = |used: bool| if used { "" } else { " (not used: lintgate sets its own)" };
    let own_exclude = config.exclude.is_some() || !config.extend_exclude.is_empty();
    let lines = [
        list("select", &flake8.select, ""),
        list("extend-select", &flake8.extend_select, ""),
        list("ignore", &flake8.ignore, ""),
        list("extend-ignore", &flake8.extend_ignore, ""),
        list("exclude", &flake8.exclude, unused(!own_exclude)),
        list("extend-exclude", &flake8.extend_exclude, unused(!own_exclude)),
        flake8.per_file_ignores.as_ref().map(|s| {
            let entries: Vec<String> = s
                .value
                .iter()
                .map(|(pattern, codes)| format!("{pattern}: {}", codes.join(" ")))
                .collect();
            let note = unused(config.per_file_ignores.is_empty());
            format!("#   per-file-ignores = {}  # {file}:{}{note}", entries.join(", "), s.line)
        }),
        flake8
            .max_doc_length
            .as_ref()
            .map(|s| format!("#   max-doc-length = {}  # {file}:{}", s.value, s.line)),
        flake8
            .max_complexity
            .as_ref()
            .map(|s| format!("#   max-complexity = {}  # {file}:{}", s.value, s.line)),
    ];
    if flake8.select.is_none() {
        let defaults = lintgate_python::FLAKE8_DEFAULT_IGNORE.join(", ");
        let _ = writeln!(out, "#   (no select: flake8's E, W, F and C90 codes except {defaults})");
    }
    for line in lines.into_iter().flatten() {
        let _ = writeln!(out, "{line}");
    }
}

/// pydocstyle's configuration, read because `[python]` sets no
/// `docstring-convention`: the D codes it checks and which files.
pub fn show_pydocstyle(
    out: &mut String,
    config: &PydocstyleConfig,
    shown: &dyn Fn(&Path) -> String,
) {
    let file = shown(&config.file);
    let _ = writeln!(
        out,
        "# pydocstyle: {file} (inherited with the files above it: no [python] docstring-convention)"
    );
    let _ = writeln!(out, "#   checks: {}", config.codes.join(", "));
    let _ = writeln!(
        out,
        "#   match = {:?}, match-dir = {:?}",
        config.match_files.text, config.match_dirs.text
    );
    if let Some(pattern) = &config.ignore_decorators {
        let _ = writeln!(out, "#   ignore-decorators = {:?}", pattern.text);
    }
    let _ = writeln!(out, "#   property-decorators = {:?}", config.property_decorators.join(","));
}
