//! D300–D419 on a docstring's quotes and first line, as pydocstyle checks
//! them (the sections are in `sections.rs`). Each finding is reported at
//! the docstring; the comment on each check says what a fix would edit.

use super::definitions::Definition;
use super::docstring::{Docstring, py_strip, py_words};
use super::mood::{self, Mood};
use crate::codes::{Code, Report};

/// What the configuration says about decorators (pydocstyle's
/// `property-decorators`).
pub struct Options<'a> {
    pub property_decorators: &'a [String],
}

pub fn check(definition: &Definition, doc: &Docstring, options: &Options, report: &mut Report) {
    let range = doc.range;
    quotes(doc, report);
    let stripped = py_strip(&doc.value);
    let summary = stripped.split('\n').next().unwrap_or_default();
    // D400/D415 (fix: append a period to the first line).
    if let Some(last) = summary.chars().next_back() {
        if last != '.' {
            report.push(
                Code::D400,
                format!("first line should end with a period (not `{last}`)"),
                range,
            );
        }
        if !matches!(last, '.' | '!' | '?') {
            report.push(
                Code::D415,
                format!(
                    "first line should end with a period, question mark, or exclamation point (not `{last}`)"
                ),
                range,
            );
        }
    }
    // pydocstyle's "first word": letters and digits of the first
    // white-space-separated word.
    let first_word: String = py_words(stripped)
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    // D404 (fix: none, a rewording).
    if first_word.to_lowercase() == "this" {
        report.push(Code::D404, "first word of the docstring should not be `This`", range);
    }
    if !definition.is_function() {
        return;
    }
    // D401 (fix: replace the first word with the imperative).
    let is_test = definition.name.starts_with("test") || definition.name == "runTest";
    let is_property =
        definition.decorators.iter().any(|d| options.property_decorators.iter().any(|p| p == d));
    if !is_test && !is_property {
        match mood::check(&first_word) {
            Some(Mood::Rephrase) => report.push(
                Code::D401,
                format!(
                    "first line should be in imperative mood; try rephrasing (found `{first_word}`)"
                ),
                range,
            ),
            Some(Mood::Use(verb)) => {
                let mut chars = verb.chars();
                let verb: String =
                    chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
                report.push(
                    Code::D401,
                    format!(
                        "first line should be in imperative mood: `{verb}`, not `{first_word}`"
                    ),
                    range,
                );
            }
            None => {}
        }
    }
    // D402 (fix: none, a rewording).
    let call = format!("{}(", definition.name);
    if summary.replace(' ', "").contains(&call) {
        report.push(
            Code::D402,
            format!("first line should not be the function's signature (found `{call}`)"),
            range,
        );
    }
    capitalized(doc, report);
    // D418 (fix: delete the docstring).
    if definition.is_overload() {
        report.push(
            Code::D418,
            "function decorated with `@overload` should not have a docstring",
            range,
        );
    }
}

/// D300/D301 (fix: change the quotes or add the `r` prefix).
fn quotes(doc: &Docstring, report: &mut Report) {
    let raw: &str = &doc.raw;
    let unprefixed = raw.strip_prefix(['u', 'U']).unwrap_or(raw);
    let unprefixed = unprefixed.strip_prefix(['r', 'R']).unwrap_or(unprefixed);
    let opens_with = |quotes: &str| {
        unprefixed
            .strip_prefix(quotes)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| !quotes.starts_with(c))
    };
    if doc.value.contains(r#"""""#) {
        // `"""` in the text: only `'''` holds it cleanly.
        if !opens_with("'''") {
            report.push(Code::D300, "use triple single quotes `'''`", doc.range);
        }
    } else if !opens_with(r#"""""#) {
        report.push(Code::D300, r#"use triple double quotes `"""`"#, doc.range);
    }
    let bytes = raw.as_bytes();
    let backslash = bytes.iter().enumerate().any(|(i, b)| {
        *b == b'\\' && bytes.get(i + 1).is_some_and(|n| !matches!(n, b'\n' | b'u' | b'N'))
    });
    if backslash && !raw.starts_with('r') && !raw.starts_with("ur") {
        report.push(Code::D301, r#"use `r"""` if any backslashes in a docstring"#, doc.range);
    }
}

/// D403 (fix: capitalize the first word): the first word of a function's
/// docstring, when it is made of ASCII letters and apostrophes and is not
/// all capitals, is capitalized (`Word`, not `word` nor `wOrd`).
fn capitalized(doc: &Docstring, report: &mut Report) {
    let Some(word) = py_words(&doc.value).next() else { return };
    if word == word.to_uppercase() || !word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
        return;
    }
    let fixed: String = word
        .chars()
        .enumerate()
        .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
        .collect();
    if fixed != word {
        report.push(
            Code::D403,
            format!("first word of the docstring should be capitalized: `{word}` -> `{fixed}`"),
            doc.range,
        );
    }
}
