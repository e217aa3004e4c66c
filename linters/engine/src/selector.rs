//! Rule selectors (`ALL`, `LG`, `LG00`, `LG005`, `merge-conflict-marker`,
//! `pylint:C0114`) and the set of rules they leave enabled.

use std::fmt;

use crate::registry::{self, Rule};
use crate::suggest;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    All,
    /// A code or the start of one; matches every registry code it prefixes.
    Prefix(String),
    /// Codes of an external tool, `tool:CODE-PREFIX` (an empty prefix is the whole tool).
    External {
        tool: String,
        prefix: String,
    },
}

impl Selector {
    /// Parses a selector, checking that it names at least one known rule.
    pub fn parse(text: &str) -> Result<Selector, String> {
        if text == "ALL" {
            return Ok(Selector::All);
        }
        if let Some((tool, prefix)) = text.split_once(':') {
            let valid_tool = !tool.is_empty()
                && tool.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !valid_tool {
                return Err(format!("`{text}`: `{tool}` is not a valid tool name"));
            }
            return Ok(Selector::External { tool: tool.into(), prefix: prefix.into() });
        }
        if let Some(rule) = registry::all().iter().find(|r| r.name == text) {
            return Ok(Selector::Prefix(rule.code.into()));
        }
        if registry::all().iter().any(|r| r.code.starts_with(text)) && !text.is_empty() {
            return Ok(Selector::Prefix(text.into()));
        }
        let names = registry::all().iter().flat_map(|r| [r.code, r.name]);
        Err(format!("unknown rule code `{text}`{}", suggest::did_you_mean(text, names)))
    }

    pub fn matches(&self, code: &str) -> bool {
        match self {
            Selector::All => true,
            Selector::Prefix(prefix) => code.starts_with(prefix.as_str()),
            Selector::External { tool, prefix } => code
                .split_once(':')
                .is_some_and(|(t, c)| t == tool && c.starts_with(prefix.as_str())),
        }
    }

    /// How specific it is; on conflicts within one layer the more specific wins.
    fn specificity(&self) -> usize {
        match self {
            Selector::All => 0,
            Selector::Prefix(p) => 1 + p.len(),
            Selector::External { tool, prefix } => 1 + tool.len() + prefix.len(),
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::All => f.write_str("ALL"),
            Selector::Prefix(p) => f.write_str(p),
            Selector::External { tool, prefix } => write!(f, "{tool}:{prefix}"),
        }
    }
}

/// One level of `select` / `extend-select` / `ignore`, as one configuration
/// file or the command line gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelectionLayer {
    /// Replaces everything selected so far when present.
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
}

/// Whether each rule is on: the defaults, then each layer in order (base
/// configuration first, command line last). Within a layer, `ignore` beats an
/// equally or less specific `select` (ruff's rule: `select = ["LG"]`,
/// `ignore = ["LG005"]` drops LG005; `select = ["LG005"]`, `ignore = ["LG"]`
/// keeps it).
#[derive(Debug, Clone)]
pub struct RuleSelection {
    enabled: Vec<bool>,
    /// For external codes, which the registry does not know: the decisions
    /// in order, the last matching one wins. Tools' own codes are on unless ignored.
    external: Vec<(Selector, bool)>,
}

impl RuleSelection {
    pub fn new<'a>(layers: impl IntoIterator<Item = &'a SelectionLayer>) -> RuleSelection {
        let rules = registry::all();
        let mut enabled: Vec<bool> = rules.iter().map(|r| r.enabled).collect();
        let mut external = Vec::new();
        for layer in layers {
            if let Some(select) = &layer.select {
                // An explicit selection names exactly what runs, ruff-style.
                for (on, rule) in enabled.iter_mut().zip(rules) {
                    *on = decide(layer, select, rule.code).unwrap_or(false);
                }
                external.push((Selector::All, false));
                external.extend(select.iter().map(|s| (s.clone(), true)));
            } else {
                for (on, rule) in enabled.iter_mut().zip(rules) {
                    *on = decide(layer, &[], rule.code).unwrap_or(*on);
                }
            }
            external.extend(layer.extend_select.iter().map(|s| (s.clone(), true)));
            external.extend(layer.ignore.iter().map(|s| (s.clone(), false)));
        }
        RuleSelection { enabled, external }
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        match registry::all().binary_search_by(|r| r.code.cmp(code)) {
            Ok(index) => self.enabled[index],
            Err(_) => {
                self.external.iter().rev().find(|(s, _)| s.matches(code)).is_none_or(|(_, on)| *on)
            }
        }
    }

    pub fn enabled_rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        registry::all().iter().zip(&self.enabled).filter(|(_, on)| **on).map(|(r, _)| r)
    }

    /// Turns rules off for one file (its `per-file-ignores`).
    pub fn without(&self, ignored: &[Selector]) -> RuleSelection {
        let mut copy = self.clone();
        for (on, rule) in copy.enabled.iter_mut().zip(registry::all()) {
            if ignored.iter().any(|s| s.matches(rule.code)) {
                *on = false;
            }
        }
        copy.external.extend(ignored.iter().map(|s| (s.clone(), false)));
        copy
    }
}

/// The decision of one layer for `code`: on, off, or no opinion.
fn decide(layer: &SelectionLayer, select: &[Selector], code: &str) -> Option<bool> {
    let best = |list: &[Selector]| {
        list.iter().filter(|s| s.matches(code)).map(Selector::specificity).max()
    };
    let on = best(select).max(best(&layer.extend_select));
    let off = best(&layer.ignore);
    match (on, off) {
        (None, None) => None,
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (Some(on), Some(off)) => Some(on > off),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(list: &[&str]) -> Vec<Selector> {
        list.iter().map(|s| Selector::parse(s).unwrap()).collect()
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Selector::parse("ALL"), Ok(Selector::All));
        assert_eq!(Selector::parse("LG00"), Ok(Selector::Prefix("LG00".into())));
        assert_eq!(Selector::parse("merge-conflict-marker"), Ok(Selector::Prefix("LG005".into())));
        let err = Selector::parse("LG0055").unwrap_err();
        assert!(err.contains("unknown rule code `LG0055`"), "{err}");
        assert!(err.contains("did you mean `LG005`"), "{err}");
        assert!(Selector::parse("pylint:C0114").unwrap().matches("pylint:C0114"));
        assert!(!Selector::parse("pylint:C").unwrap().matches("ruff:C0114"));
        assert!(Selector::parse("py lint:C").is_err());
    }

    #[test]
    fn layers_apply_in_order_with_specificity() {
        let base = SelectionLayer {
            select: Some(sel(&["LG"])),
            ignore: sel(&["LG005"]),
            ..Default::default()
        };
        let s = RuleSelection::new([&base]);
        assert!(s.is_enabled("LG003"));
        assert!(!s.is_enabled("LG005"));
        let child = SelectionLayer { extend_select: sel(&["LG005"]), ..Default::default() };
        let s = RuleSelection::new([&base, &child]);
        assert!(s.is_enabled("LG005"));
        let specific = SelectionLayer {
            select: Some(sel(&["LG005"])),
            ignore: sel(&["LG"]),
            ..Default::default()
        };
        let s = RuleSelection::new([&specific]);
        assert!(s.is_enabled("LG005"));
        assert!(!s.is_enabled("LG003"));
        assert!(!s.without(&sel(&["LG00"])).is_enabled("LG005"));
    }

    #[test]
    fn external_codes_are_on_unless_ignored() {
        let none = RuleSelection::new([]);
        assert!(none.is_enabled("pylint:C0114"));
        let layer = SelectionLayer { ignore: sel(&["pylint:C"]), ..Default::default() };
        let s = RuleSelection::new([&layer]);
        assert!(!s.is_enabled("pylint:C0114"));
        assert!(s.is_enabled("pylint:W0611"));
        let only = SelectionLayer { select: Some(sel(&["ruff:"])), ..Default::default() };
        let s = RuleSelection::new([&only]);
        assert!(s.is_enabled("ruff:F401"));
        assert!(!s.is_enabled("pylint:W0611"));
    }
}
