//! `lintgate config --show [PATH]`: the effective configuration for a path
//! and where each value came from.

use std::fmt::Write;

use lintgate_engine::config::Origin;
use lintgate_engine::selector::SelectionLayer;

use crate::args::ConfigArgs;
use crate::settings::{Resolver, absolute, relative_to};
use crate::{Status, UsageError, checkers};

pub fn show(args: &ConfigArgs) -> Result<Status, UsageError> {
    let cwd = std::env::current_dir()?;
    let path = absolute(&cwd, args.path.as_deref().unwrap_or(".".as_ref()));
    if !path.exists() {
        let shown = args.path.as_deref().unwrap_or(".".as_ref()).display();
        return Err(UsageError(format!("path not found: {shown}")));
    }
    let resolver =
        Resolver::new(&cwd, &args.config_source, SelectionLayer::default(), checkers::sections())?;
    let settings = resolver.for_path(&path)?;
    let config = &settings.config;
    let mut out = String::new();
    let shown = |p: &std::path::Path| relative_to(&cwd, p);
    let _ = writeln!(
        out,
        "# configuration for {}",
        args.path.as_deref().unwrap_or(".".as_ref()).display()
    );
    if config.files.is_empty() {
        let _ = writeln!(out, "# no configuration file: defaults only");
    }
    for file in &config.files {
        let _ = writeln!(out, "# read {}", shown(file));
    }
    let origin = |key: &str| -> String {
        let origins = config.origins.get(key).map(Vec::as_slice).unwrap_or(&[]);
        if origins.is_empty() {
            return Origin::Default.to_string();
        }
        let describe = |o: &Origin| match o {
            Origin::File { path, line } => format!("{}:{line}", shown(path)),
            other => other.to_string(),
        };
        origins.iter().map(describe).collect::<Vec<_>>().join(", ")
    };
    let join = |items: Vec<String>| {
        format!("[{}]", items.iter().map(|i| format!("{i:?}")).collect::<Vec<_>>().join(", "))
    };
    let fail_on = config.fail_on.unwrap_or(lintgate_engine::diagnostic::Severity::Warning);
    let _ = writeln!(out, "fail-on = {:?}  # {}", fail_on.name(), origin("fail-on"));
    if let Some(baseline) = &config.baseline {
        let _ = writeln!(out, "baseline = {:?}  # {}", shown(baseline), origin("baseline"));
    }
    let layers = &config.selection;
    let select: Vec<String> = layers.iter().rev().find_map(|l| l.select.clone()).map_or_else(
        || vec!["(rules on by default)".to_string()],
        |s| s.iter().map(ToString::to_string).collect(),
    );
    let _ = writeln!(out, "select = {}  # {}", join(select), origin("select"));
    let gather = |pick: fn(&SelectionLayer) -> &Vec<lintgate_engine::selector::Selector>| {
        layers.iter().flat_map(|l| pick(l).iter().map(ToString::to_string)).collect::<Vec<_>>()
    };
    let _ = writeln!(
        out,
        "extend-select = {}  # {}",
        join(gather(|l| &l.extend_select)),
        origin("extend-select")
    );
    let _ = writeln!(out, "ignore = {}  # {}", join(gather(|l| &l.ignore)), origin("ignore"));
    let exclude = config.exclude.as_ref().map_or_else(
        || lintgate_engine::config::DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect(),
        |p| p.iter().map(|p| p.text.clone()).collect(),
    );
    let _ = writeln!(out, "exclude = {}  # {}", join(exclude), origin("exclude"));
    let extend_exclude = config.extend_exclude.iter().map(|p| p.text.clone()).collect();
    let _ =
        writeln!(out, "extend-exclude = {}  # {}", join(extend_exclude), origin("extend-exclude"));
    let _ = writeln!(out, "[per-file-ignores]  # {}", origin("per-file-ignores"));
    for (pattern, selectors) in &config.per_file_ignores {
        let codes = selectors.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "{:?} = {}", pattern.text, join(codes));
    }
    let _ = writeln!(out, "[severity]  # {}", origin("severity"));
    for (selector, severity) in &config.severity {
        let _ = writeln!(out, "{:?} = {:?}", selector.to_string(), severity.name());
    }
    for (section, options) in &config.sections {
        let _ = writeln!(out, "[{section}]");
        for (key, value) in options {
            let _ = writeln!(out, "{key} = {value}  # {}", origin(&format!("{section}.{key}")));
        }
    }
    let dir = if path.is_dir() { path.as_path() } else { path.parent().unwrap_or(&path) };
    if !settings.isolated {
        super::config_inherited::show(&mut out, config, &lintgate_python::inherited(dir), &shown);
        if let Some(pydocstyle) = &settings.pydocstyle {
            super::config_inherited::show_pydocstyle(&mut out, pydocstyle, &shown);
        }
    }
    let markdown_rules = config.sections.get("markdown").is_some_and(|t| t.contains_key("rules"));
    match lintgate_markdown::markdownlint_file_for(dir) {
        Some(file) if markdown_rules => {
            let _ = writeln!(
                out,
                "# markdownlint rules: [markdown.rules] (not {}: lintgate settings win)",
                shown(&file)
            );
        }
        Some(file) => {
            let _ = writeln!(
                out,
                "# markdownlint rules: {} (inherited: no [markdown.rules] setting)",
                shown(&file)
            );
        }
        None => {}
    }
    let enabled: Vec<&str> = settings.selection.enabled_rules().map(|r| r.code).collect();
    let _ = writeln!(out, "# enabled rules: {}", enabled.join(", "));
    crate::print_stdout(&out)?;
    Ok(Status::Clean)
}
