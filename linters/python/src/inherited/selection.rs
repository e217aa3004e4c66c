//! A `[flake8]` section's `select`/`ignore` as a lintgate selection layer:
//! flake8's own decision (`flake8/style_guide.py`, `DecisionEngine`) for
//! each lintgate code of pycodestyle, pyflakes and mccabe; other codes
//! (D, I, LG, other checkers) are left to lintgate's selection.

use lintgate_engine::selector::{SelectionLayer, Selector};

use super::Flake8Config;

/// flake8's default `ignore` (with pycodestyle's default ignore list).
pub const DEFAULT_IGNORE: &[&str] =
    &["E121", "E123", "E126", "E226", "E24", "E704", "W503", "W504"];

/// What flake8 selects when the section has no `select`.
const DEFAULT_SELECT: &[&str] = &["E", "W", "F", "C90"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Explicit,
    Implicit,
    None,
}

/// The layer that turns each of `codes` on or off as flake8 would.
pub fn layer<'a>(config: &Flake8Config, codes: impl Iterator<Item = &'a str>) -> SelectionLayer {
    let list = |s: &Option<super::Setting<Vec<String>>>| s.as_ref().map(|s| s.value.clone());
    let (select, extend_select) = (list(&config.select), list(&config.extend_select));
    let (ignore, extend_ignore) = (list(&config.ignore), list(&config.extend_ignore));
    let explicit_select: Vec<String> =
        select.iter().flatten().chain(extend_select.iter().flatten()).cloned().collect();
    let explicit_ignore: Vec<String> =
        ignore.iter().flatten().chain(extend_ignore.iter().flatten()).cloned().collect();
    let defaults = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let selected: Vec<String> = match &select {
        Some(_) => explicit_select.clone(),
        None => defaults(DEFAULT_SELECT).into_iter().chain(explicit_select.clone()).collect(),
    };
    // Without `select`, flake8's default ignore list stays: a section that
    // sets `ignore` does not bring W503 and W504 (which contradict each
    // other) back, as it would in flake8.
    let mut ignored: Vec<String> = ignore.clone().unwrap_or_else(|| defaults(DEFAULT_IGNORE));
    if select.is_none() && ignore.is_some() {
        ignored.extend(defaults(DEFAULT_IGNORE));
    }
    ignored.extend(extend_ignore.iter().flatten().cloned());
    let mut out = SelectionLayer::default();
    for code in codes.filter(|c| super::scoped_flake8_code(c).is_some()) {
        let on = decide(code, (&explicit_select, &selected), (&explicit_ignore, &ignored));
        // mccabe and W505 report nothing without their limit: the section
        // can turn them off, not on.
        let inert = (code.starts_with("C90") && config.max_complexity.is_none())
            || (code == "W505" && config.max_doc_length.is_none());
        match (on, inert) {
            (true, false) => out.extend_select.push(Selector::Prefix(code.to_string())),
            (true, true) => {}
            (false, _) => out.ignore.push(Selector::Prefix(code.to_string())),
        }
    }
    out
}

fn longest(code: &str, list: &[String]) -> Option<usize> {
    list.iter().filter(|p| code.starts_with(p.as_str())).map(String::len).max()
}

fn choice(code: &str, explicit: &[String], all: &[String]) -> Choice {
    if longest(code, explicit).is_some() {
        Choice::Explicit
    } else if longest(code, all).is_some() {
        Choice::Implicit
    } else {
        Choice::None
    }
}

/// `DecisionEngine.make_decision`: explicit beats implicit; when both lists
/// match at the same level, the longer prefix wins and a tie is ignored.
fn decide(code: &str, select: (&[String], &[String]), ignore: (&[String], &[String])) -> bool {
    let selected = choice(code, select.0, select.1);
    let ignored = choice(code, ignore.0, ignore.1);
    match (selected, ignored) {
        (Choice::None, _) => false,
        (_, Choice::None) => true,
        (Choice::Explicit, Choice::Implicit) => true,
        (Choice::Implicit, Choice::Explicit) => false,
        _ => longest(code, select.1) > longest(code, ignore.1),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Setting;
    use super::*;

    const CODES: &[&str] =
        &["C901", "D100", "E121", "E203", "E501", "E711", "F401", "I001", "W503", "W505"];

    fn layer_for(options: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
        let mut config = Flake8Config::default();
        for (key, value) in options {
            let list = Some(Setting {
                value: value.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
                line: 1,
            });
            match *key {
                "select" => config.select = list,
                "extend-select" => config.extend_select = list,
                "ignore" => config.ignore = list,
                "extend-ignore" => config.extend_ignore = list,
                "max-complexity" => config.max_complexity = Some(Setting { value: 10, line: 1 }),
                _ => unreachable!(),
            }
        }
        let layer = layer(&config, CODES.iter().copied());
        let names = |l: &[Selector]| l.iter().map(ToString::to_string).collect();
        (names(&layer.extend_select), names(&layer.ignore))
    }

    #[test]
    fn without_select_all_but_the_default_ignore_list() {
        let (on, off) = layer_for(&[("extend-ignore", "E203")]);
        assert_eq!(on, ["E501", "E711", "F401"]);
        assert_eq!(off, ["E121", "E203", "W503"]);
        // `ignore` replaces flake8's list, but W503 stays off here.
        let (on, off) = layer_for(&[("ignore", "E501")]);
        assert_eq!(on, ["E203", "E711", "F401"]);
        assert_eq!(off, ["E121", "E501", "W503"]);
        // Naming a code explicitly beats the default list, as in flake8.
        let (on, _) = layer_for(&[("extend-select", "E12")]);
        assert!(on.contains(&"E121".to_string()));
    }

    #[test]
    fn select_names_exactly_what_runs_and_longer_prefixes_win() {
        let (on, off) = layer_for(&[("select", "E,W"), ("ignore", "E5")]);
        assert_eq!(on, ["E121", "E203", "E711", "W503"]);
        assert_eq!(off, ["C901", "E501", "F401"]);
        let (on, _) = layer_for(&[("select", "E501"), ("ignore", "E5")]);
        assert_eq!(on, ["E501"]);
        let (on, _) = layer_for(&[("select", "E5"), ("ignore", "E5")]);
        assert!(on.is_empty());
    }

    #[test]
    fn mccabe_only_with_a_limit_and_other_checkers_untouched() {
        let (on, off) = layer_for(&[("select", "C,E")]);
        assert!(!on.contains(&"C901".to_string()) && !off.contains(&"C901".to_string()));
        let (on, _) = layer_for(&[("select", "C,E"), ("max-complexity", "")]);
        assert!(on.contains(&"C901".to_string()));
        let (on, off) = layer_for(&[("select", "E")]);
        for other in ["D100", "I001"] {
            assert!(!on.contains(&other.to_string()) && !off.contains(&other.to_string()));
        }
    }
}
