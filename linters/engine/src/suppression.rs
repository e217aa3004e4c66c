//! Suppression comments. Each language parses its own syntax (`# noqa: F401`,
//! `# shellcheck disable=SC2086`, `<!-- markdownlint-disable MD013 -->`)
//! into [`Suppression`]s; this module applies them to diagnostics and finds
//! the ones that suppressed nothing.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::registry;
use crate::selector::RuleSelection;

/// Which codes a suppression names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeSpec {
    Exact(String),
    /// flake8's `# noqa: E1` style: every code starting with it.
    Prefix(String),
    /// ShellCheck's `SC2000-SC2999`: both ends included, same prefix and width.
    Range(String, String),
}

impl CodeSpec {
    pub fn matches(&self, code: &str) -> bool {
        match self {
            CodeSpec::Exact(c) => c == code,
            CodeSpec::Prefix(p) => code.starts_with(p.as_str()),
            CodeSpec::Range(low, high) => {
                code.len() == low.len() && code >= low.as_str() && code <= high.as_str()
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    File,
    /// 1-based, inclusive.
    Lines {
        first: u32,
        last: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Codes {
    /// A blanket suppression (`# noqa`, `disable=all`).
    All,
    /// Each code with the byte range where the comment names it.
    Listed(Vec<(CodeSpec, Range<usize>)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub scope: Scope,
    pub codes: Codes,
}

impl Suppression {
    /// Whether this suppression silences `code` on 1-based `line`.
    pub fn suppresses(&self, line: u32, code: &str) -> bool {
        self.covers(line)
            && match &self.codes {
                Codes::All => true,
                Codes::Listed(codes) => codes.iter().any(|(spec, _)| spec.matches(code)),
            }
    }

    fn covers(&self, line: u32) -> bool {
        match self.scope {
            Scope::File => true,
            Scope::Lines { first, last } => (first..=last).contains(&line),
        }
    }
}

/// A code named by a suppression that suppressed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    pub code: String,
    pub range: Range<usize>,
}

/// Drops the diagnostics that suppressions cover and returns the named codes
/// that covered nothing. Only codes lintgate implements and has enabled for
/// the file count as unused; a flake8 plugin's `B008` is not our business.
pub fn apply(
    diagnostics: &mut Vec<Diagnostic>,
    suppressions: &[Suppression],
    rules: &RuleSelection,
) -> Vec<Unused> {
    if suppressions.is_empty() {
        return Vec::new();
    }
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|s| match &s.codes {
            Codes::All => vec![false],
            Codes::Listed(codes) => vec![false; codes.len()],
        })
        .collect();
    diagnostics.retain(|d| {
        let mut keep = true;
        for (s, used) in suppressions.iter().zip(&mut used) {
            if !s.covers(d.start.line) {
                continue;
            }
            match &s.codes {
                Codes::All => {
                    used[0] = true;
                    keep = false;
                }
                Codes::Listed(codes) => {
                    for (i, (spec, _)) in codes.iter().enumerate() {
                        if spec.matches(&d.code) {
                            used[i] = true;
                            keep = false;
                        }
                    }
                }
            }
        }
        keep
    });
    let mut unused = Vec::new();
    for (s, used) in suppressions.iter().zip(used) {
        let Codes::Listed(codes) = &s.codes else {
            continue;
        };
        for ((spec, range), used) in codes.iter().zip(used) {
            let CodeSpec::Exact(code) = spec else {
                continue;
            };
            if !used
                && registry::find(code).is_some_and(|r| r.code == code)
                && rules.is_enabled(code)
            {
                unused.push(Unused { code: code.clone(), range: range.clone() });
            }
        }
    }
    unused
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::source::Position;

    fn diagnostic(code: &str, line: u32) -> Diagnostic {
        Diagnostic {
            path: "f".into(),
            start: Position { line, column: 1 },
            end: Position { line, column: 2 },
            code: code.into(),
            checker: "runner".into(),
            severity: Severity::Error,
            message: String::new(),
            fix: None,
            fingerprint: String::new(),
            line_text: String::new(),
        }
    }

    fn listed(specs: &[CodeSpec]) -> Codes {
        Codes::Listed(specs.iter().cloned().map(|s| (s, 0..1)).collect())
    }

    #[test]
    fn suppresses_by_line_and_code_and_reports_unused() {
        let mut diagnostics =
            vec![diagnostic("LG005", 2), diagnostic("LG005", 5), diagnostic("LG003", 5)];
        let suppressions = [
            Suppression {
                scope: Scope::Lines { first: 2, last: 2 },
                codes: listed(&[CodeSpec::Exact("LG005".into())]),
            },
            Suppression {
                scope: Scope::Lines { first: 5, last: 5 },
                codes: listed(&[
                    CodeSpec::Exact("LG003".into()),
                    CodeSpec::Exact("LG002".into()),
                    CodeSpec::Exact("B008".into()),
                ]),
            },
        ];
        let rules = RuleSelection::new([]);
        let unused = apply(&mut diagnostics, &suppressions, &rules);
        assert_eq!(diagnostics, vec![diagnostic("LG005", 5)]);
        // LG002 is ours and on; B008 is not ours, so it is left alone.
        assert_eq!(unused, vec![Unused { code: "LG002".into(), range: 0..1 }]);
    }

    #[test]
    fn ranges_prefixes_and_blanket() {
        assert!(CodeSpec::Range("SC2000".into(), "SC2999".into()).matches("SC2086"));
        assert!(!CodeSpec::Range("SC2000".into(), "SC2999".into()).matches("SC1017"));
        assert!(!CodeSpec::Range("SC2000".into(), "SC2999".into()).matches("SC20860"));
        assert!(CodeSpec::Prefix("E1".into()).matches("E101"));
        let mut diagnostics = vec![diagnostic("LG005", 9)];
        let file_wide = [Suppression { scope: Scope::File, codes: Codes::All }];
        assert!(apply(&mut diagnostics, &file_wide, &RuleSelection::new([])).is_empty());
        assert!(diagnostics.is_empty());
    }
}
