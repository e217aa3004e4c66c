//! SC2154: a variable is used but never assigned in the script.

use lintgate_engine::diagnostic::Finding;

use super::TextRule;
use crate::context::Ctx;

pub const RULE: TextRule = TextRule { code: "SC2154", check };

fn check(ctx: &mut Ctx) {
    let Some(usage) = ctx.usage.as_ref() else { return };
    let mut findings = Vec::new();
    for (name, (range, has_default)) in &usage.first_reference {
        // All-uppercase names look like environment variables, as ShellCheck reasons.
        let environment =
            name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if *has_default
            || environment
            || usage.declared.contains(name)
            || ctx.defined.contains(name)
        {
            continue;
        }
        let message = format!("`{name}` is used but never assigned in this script");
        findings.push(Finding::new("SC2154", message, range.clone()));
    }
    findings.sort_by_key(|f| f.range.start);
    ctx.findings.extend(findings);
}
