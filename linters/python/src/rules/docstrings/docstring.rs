//! A docstring as pydocstyle reads it: the string token as written (`raw`,
//! prefix and quotes included), its value with escapes processed
//! (`value`), and the text before it on its line (`indent`). Newlines are
//! `\n` in both, as Python reads source.

use std::borrow::Cow;

use super::definitions::Definition;
use crate::syntax::ast;
use crate::syntax::{TextRange, to_range};

pub struct Docstring<'a> {
    /// The token's range: findings are reported here, on its first line.
    pub range: TextRange,
    pub raw: Cow<'a, str>,
    pub value: Cow<'a, str>,
    pub indent: &'a str,
    /// The definition's source after the token, up to the end of the
    /// definition's last line.
    pub after: &'a str,
    /// The definition's source from its `def`/`class` line up to the
    /// token (empty for the module).
    pub before: &'a str,
}

impl<'a> Docstring<'a> {
    pub fn new(
        definition: &Definition<'a>,
        literal: &'a ast::StringLiteral,
        text: &'a str,
    ) -> Docstring<'a> {
        let range = literal.range;
        let token = to_range(range);
        let raw = &text[token.clone()];
        let value: &str = &literal.value;
        let line_start = text[..token.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let indent = &text[line_start..token.start];
        let (before, after) = match definition.stmt_range() {
            Some(stmt) => {
                let stmt = to_range(stmt);
                // The `def` line: the statement starts at its decorators.
                let header = stmt.start.max(header_line_start(definition, text));
                let end = text[stmt.end..].find(['\n', '\r']).map_or(text.len(), |i| stmt.end + i);
                (&text[header.min(token.start)..token.start], &text[token.end..end.max(token.end)])
            }
            None => ("", &text[token.end..]),
        };
        Docstring { range, raw: normalize(raw), value: normalize(value), indent, after, before }
    }

    /// The value split at newlines, as `str.split('\n')`.
    pub fn value_lines(&self) -> impl Iterator<Item = &str> + Clone {
        self.value.split('\n')
    }

    pub fn raw_lines(&self) -> impl DoubleEndedIterator<Item = &str> + Clone {
        self.raw.split('\n')
    }
}

/// The start of the line of the `def` or `class` keyword (after any
/// decorators).
fn header_line_start(definition: &Definition, text: &str) -> usize {
    let Some(name) = definition.stmt.and(Some(definition.range)) else { return 0 };
    let at = name.start().to_usize();
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

fn normalize(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Python's `str.isspace` for one character (what `str.strip()` removes).
pub fn is_py_space(c: char) -> bool {
    matches!(c, '\u{1c}'..='\u{1f}') || c.is_whitespace()
}

/// `not line.strip()`.
pub fn is_blank(line: &str) -> bool {
    line.chars().all(is_py_space)
}

/// `str.strip()`.
pub fn py_strip(text: &str) -> &str {
    text.trim_matches(is_py_space)
}

/// The leading white space (`re.match(r'\s*', line)`).
pub fn leading_space(line: &str) -> &str {
    let end = line.find(|c: char| !is_py_space(c)).unwrap_or(line.len());
    &line[..end]
}

/// `str.split()`: words between runs of white space.
pub fn py_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_py_space).filter(|w| !w.is_empty())
}
