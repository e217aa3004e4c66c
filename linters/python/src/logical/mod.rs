//! pycodestyle's logical lines, built once per file from the parser's
//! tokens and shared by every E1/E2/E3/E7 rule (no rule re-tokenizes).
//!
//! A logical line is what flake8 hands its logical-line checks: the tokens
//! from the end of the previous logical line through the `NEWLINE` that
//! ends a statement (or the `NL` that ends a comment-only line), and a text
//! built from them with comments dropped, string bodies muted to `x` and
//! line breaks inside brackets joined. Blank lines are not logical lines;
//! they are counted in the next one's `blank_lines`.
//!
//! f-strings are one string token, as Python 3.11's tokenizer gives them
//! to the flake8 this checker is compared with.

mod build;

use std::ops::Range;

pub use crate::syntax::TokenKind;

/// One token: its kind and byte range in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Tokens pycodestyle leaves out of the logical line's text.
    pub fn is_skipped(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Newline
                | TokenKind::NonLogicalNewline
                | TokenKind::Indent
                | TokenKind::Dedent
        )
    }
}

/// Every logical line of a file.
pub struct LogicalLines<'t> {
    pub source: &'t str,
    tokens: Vec<Token>,
    lines: Vec<LineData>,
    /// The texts of all lines, one after the other.
    text: String,
    /// `(offset in the line's text, file offset)`, flake8's mapping: the
    /// start of the first token, then the end of every token after it.
    mapping: Vec<(usize, usize)>,
    /// The first character of the first physical line that starts with a
    /// space or a tab (pycodestyle's `indent_char`).
    pub indent_char: Option<char>,
}

struct LineData {
    tokens: Range<usize>,
    text: Range<usize>,
    mapping: Range<usize>,
    indent_level: usize,
    blank_lines: usize,
    blank_before: usize,
    /// The nearest earlier line whose text is not empty.
    previous: Option<usize>,
    /// The nearest earlier line with text and no indentation.
    previous_unindented: Option<usize>,
}

/// One logical line, with the state flake8 gives its checks.
#[derive(Clone, Copy)]
pub struct LogicalLine<'a> {
    lines: &'a LogicalLines<'a>,
    index: usize,
}

impl<'t> LogicalLines<'t> {
    /// `tokens`: the parser's tokens of `source`, in order.
    pub fn new(
        source: &'t str,
        tokens: impl IntoIterator<Item = (TokenKind, Range<usize>)>,
    ) -> Self {
        build::build(source, tokens)
    }

    pub fn iter(&self) -> impl Iterator<Item = LogicalLine<'_>> + '_ {
        (0..self.lines.len()).map(move |index| LogicalLine { lines: self, index })
    }

    /// All tokens of the file (f-strings as one token).
    pub fn all_tokens(&self) -> &[Token] {
        &self.tokens
    }
}

impl<'a> LogicalLine<'a> {
    fn data(&self) -> &'a LineData {
        &self.lines.lines[self.index]
    }

    /// pycodestyle's `logical_line`: empty for a comment-only line.
    pub fn text(&self) -> &'a str {
        &self.lines.text[self.data().text.clone()]
    }

    /// Every token of the line, comments, `NL`, `INDENT` and `DEDENT`
    /// included, in order; the last one ends the line.
    pub fn tokens(&self) -> &'a [Token] {
        &self.lines.tokens[self.data().tokens.clone()]
    }

    /// The file offset of an offset in `text()`, as flake8 maps it: counted
    /// back from the end of the token that offset falls in (or forward from
    /// the start of the first token).
    pub fn file_offset(&self, text_offset: usize) -> usize {
        let mapping = &self.lines.mapping[self.data().mapping.clone()];
        let i = mapping.partition_point(|(offset, _)| *offset < text_offset);
        let (offset, file) = mapping.get(i).or(mapping.last()).copied().unwrap_or_default();
        (file + text_offset).saturating_sub(offset).min(self.lines.source.len())
    }

    /// The file offset of the line's first token that is not `NL`,
    /// `INDENT` or `DEDENT` (a comment counts).
    pub fn start(&self) -> usize {
        let mapping = &self.lines.mapping[self.data().mapping.clone()];
        mapping.first().map_or(0, |(_, file)| *file)
    }

    /// The indentation of the line's first physical line, tabs to
    /// multiples of eight (pycodestyle's `expand_indent`).
    pub fn indent_level(&self) -> usize {
        self.data().indent_level
    }

    /// Blank lines right before this line.
    pub fn blank_lines(&self) -> usize {
        self.data().blank_lines
    }

    /// The most blank lines before any comment line since the last
    /// statement, this line's own included (pycodestyle's `blank_before`).
    pub fn blank_before(&self) -> usize {
        self.data().blank_before
    }

    /// The nearest earlier line that is not comment-only
    /// (pycodestyle's `previous_logical`).
    pub fn previous(&self) -> Option<LogicalLine<'a>> {
        self.data().previous.map(|index| LogicalLine { lines: self.lines, index })
    }

    /// The nearest earlier unindented line that is not comment-only
    /// (pycodestyle's `previous_unindented_logical_line`).
    pub fn previous_unindented(&self) -> Option<LogicalLine<'a>> {
        self.data().previous_unindented.map(|index| LogicalLine { lines: self.lines, index })
    }

    /// The indent level of `previous()`, 0 at the top of the file.
    pub fn previous_indent_level(&self) -> usize {
        self.previous().map_or(0, |line| line.indent_level())
    }

    /// The text of `previous()`, empty at the top of the file.
    pub fn previous_text(&self) -> &'a str {
        self.previous().map_or("", |line| line.text())
    }

    pub fn is_comment_only(&self) -> bool {
        self.text().is_empty()
    }

    pub fn source(&self) -> &'a str {
        self.lines.source
    }
}

/// pycodestyle's `expand_indent`: the width of a line's leading
/// whitespace, a tab advancing to the next multiple of eight.
pub fn expand_indent(line: &str) -> usize {
    let line = line.trim_end_matches(['\n', '\r']);
    if !line.contains('\t') {
        let trimmed = line.trim_start();
        return line[..line.len() - trimmed.len()].chars().count();
    }
    let mut width = 0;
    for c in line.chars() {
        match c {
            '\t' => width = width / 8 * 8 + 8,
            ' ' => width += 1,
            _ => break,
        }
    }
    width
}

#[cfg(test)]
mod tests;
