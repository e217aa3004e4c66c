//! `lintgate rules` and `lintgate explain CODE`.

use std::fmt::Write;

use lintgate_engine::{registry, suggest};
use serde_json::json;

use crate::args::RulesFormat;
use crate::{Status, UsageError};

pub fn list(format: RulesFormat) -> Result<Status, UsageError> {
    let rules = registry::all();
    let out = match format {
        RulesFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    json!({
                        "code": r.code, "name": r.name, "checker": r.checker,
                        "severity": r.severity, "enabled": r.enabled, "fix": r.fix.name(),
                        "summary": r.summary,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list)? + "\n"
        }
        RulesFormat::Text => {
            let mut out = String::new();
            for r in rules {
                let on = if r.enabled { "on" } else { "off" };
                let _ = writeln!(
                    out,
                    "{:<8} {:<26} {:<8} {:<8} {on:<4} {}",
                    r.code,
                    r.name,
                    r.checker,
                    r.severity.name(),
                    r.summary
                );
            }
            out
        }
    };
    crate::print_stdout(&out)?;
    Ok(Status::Clean)
}

pub fn explain(code: &str) -> Result<Status, UsageError> {
    let Some(rule) = registry::find(code) else {
        let names = registry::all().iter().flat_map(|r| [r.code, r.name]);
        return Err(UsageError(format!(
            "unknown rule `{code}`{}",
            suggest::did_you_mean(code, names)
        )));
    };
    crate::print_stdout(&rule.page())?;
    Ok(Status::Clean)
}
