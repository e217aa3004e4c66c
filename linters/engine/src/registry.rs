//! The rule registry, generated at build time from `rules/**/*.md`.

use crate::diagnostic::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn name(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }
}

/// One rule, as its `rules/<family>/<CODE>.md` file describes it.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    /// The alias (`merge-conflict-marker`), usable wherever a code is.
    pub name: &'static str,
    /// The folder under `rules/` (`runner`, `python`, ...).
    pub family: &'static str,
    /// The checker that reports it.
    pub checker: &'static str,
    pub severity: Severity,
    /// On unless configuration says otherwise.
    pub enabled: bool,
    pub fix: FixAvailability,
    pub since: &'static str,
    pub summary: &'static str,
    /// The Markdown documentation (front matter removed).
    pub body: &'static str,
    /// The file name the examples are checked as.
    pub example_file: &'static str,
    /// Why there are no runnable examples, for the rare rule about the file
    /// system rather than file contents.
    pub no_example: Option<&'static str>,
    /// Code that must trigger the rule.
    pub example: Option<&'static [u8]>,
    /// Code that must not.
    pub use_instead: Option<&'static [u8]>,
}

impl Rule {
    /// The rule's documentation page, as `lintgate explain` prints it and
    /// `docs/rules/<CODE>.md` holds it.
    pub fn page(&self) -> String {
        let on = if self.enabled { "on by default" } else { "off by default" };
        format!(
            "# {} ({})\n\n{}.\n\nChecker: `{}` · Severity: {} · {on} · Fix: {} · Since: {}\n\n{}",
            self.code,
            self.name,
            self.summary,
            self.checker,
            self.severity,
            self.fix.name(),
            self.since,
            self.body
        )
    }
}

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// Every rule, sorted by code.
pub fn all() -> &'static [Rule] {
    RULES
}

/// A rule by its code or its alias.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    // Rules are sorted by code (see `RuleSelection`); names need a scan.
    match RULES.binary_search_by(|r| r.code.cmp(code_or_name)) {
        Ok(index) => Some(&RULES[index]),
        Err(_) => RULES.iter().find(|r| r.name == code_or_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default severities of the conventions (GUIDE): pyflakes `F` and
    /// syntax errors are errors; pycodestyle, pydocstyle, import order and
    /// markdownlint are warnings; ShellCheck's `info` and `style` become
    /// warnings, so no `SC` rule is `info`. `LG` rules choose for themselves.
    fn family_severity(rule: &Rule) -> Severity {
        let code = rule.code;
        let warning_family = ["E", "W", "D", "I", "MD"].iter().any(|p| code.starts_with(p));
        let shellcheck_info = code.starts_with("SC") && rule.severity == Severity::Info;
        if code == "E999" || code.starts_with('F') {
            Severity::Error
        } else if warning_family || shellcheck_info {
            Severity::Warning
        } else {
            rule.severity
        }
    }

    #[test]
    fn codes_follow_the_conventions() {
        for rule in all() {
            let lintgate_code = rule
                .code
                .strip_prefix("LG")
                .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()));
            let tool_code = rule.code.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                && rule.code.bytes().any(|b| b.is_ascii_digit());
            assert!(lintgate_code || tool_code, "{}: not a valid code", rule.code);
            assert!(
                rule.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit()),
                "{}: alias `{}` must be kebab-case",
                rule.code,
                rule.name
            );
            assert!(!rule.summary.ends_with('.'), "{}: summary ends with a period", rule.code);
            let expected = family_severity(rule);
            assert_eq!(rule.severity, expected, "{}: severity against the conventions", rule.code);
        }
    }
}
