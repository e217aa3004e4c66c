//! Groups the tokens into logical lines and builds their texts, as
//! flake8's token processing does.

use std::ops::Range;

use super::{LineData, LogicalLines, Token, TokenKind, expand_indent};

pub fn build<'t>(
    source: &'t str,
    tokens: impl IntoIterator<Item = (TokenKind, Range<usize>)>,
) -> LogicalLines<'t> {
    let tokens = merge_interpolated_strings(tokens, source.len());
    let mut builder = Builder {
        lines: LogicalLines {
            source,
            tokens: Vec::new(),
            lines: Vec::new(),
            text: String::new(),
            mapping: Vec::new(),
            indent_char: indent_char(source),
        },
        blank_lines: 0,
        blank_before: 0,
        previous: None,
        previous_unindented: None,
    };
    let mut pending = 0;
    let mut parens: isize = 0;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => parens += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => parens -= 1,
            TokenKind::Newline if parens == 0 => {
                if builder.finish(&tokens, pending..i + 1) {
                    pending = i + 1;
                }
                builder.blank_before = 0;
            }
            TokenKind::NonLogicalNewline if parens == 0 => {
                if i == pending {
                    // The physical line holds only this token: a blank line.
                    builder.blank_lines += 1;
                    pending = i + 1;
                } else if builder.finish(&tokens, pending..i + 1) {
                    pending = i + 1;
                }
            }
            _ => {}
        }
    }
    if pending < tokens.len() {
        builder.finish(&tokens, pending..tokens.len());
    }
    builder.lines.tokens = tokens;
    builder.lines
}

struct Builder<'t> {
    lines: LogicalLines<'t>,
    blank_lines: usize,
    blank_before: usize,
    previous: Option<usize>,
    previous_unindented: Option<usize>,
}

impl Builder<'_> {
    /// Records the logical line of `range`; false (and nothing recorded)
    /// when it holds only newlines and indentation, whose tokens then join
    /// the next line, as in flake8.
    fn finish(&mut self, tokens: &[Token], range: Range<usize>) -> bool {
        let source = self.lines.source;
        let text = &mut self.lines.text;
        let mapping = &mut self.lines.mapping;
        let (text_start, mapping_start) = (text.len(), mapping.len());
        let mut previous_end: Option<usize> = None;
        for token in &tokens[range.clone()] {
            if token.is_skipped() {
                continue;
            }
            if mapping.len() == mapping_start {
                mapping.push((0, token.start));
            }
            if token.kind == TokenKind::Comment {
                continue;
            }
            let piece = &source[token.range()];
            if let Some(end) = previous_end {
                let between = &source[end..token.start];
                if between.contains(['\n', '\r']) {
                    let last = source[..end].chars().next_back();
                    let closing = piece.is_empty() || matches!(piece, ")" | "]" | "}");
                    if last == Some(',') || !(matches!(last, Some('(' | '[' | '{')) || closing) {
                        text.push(' ');
                    }
                } else {
                    text.push_str(between);
                }
            }
            if token.kind == TokenKind::String {
                push_muted(text, piece);
            } else {
                text.push_str(piece);
            }
            mapping.push((text.len() - text_start, token.end));
            previous_end = Some(token.end);
        }
        if mapping.len() == mapping_start {
            return false;
        }
        let start = mapping[mapping_start].1;
        // flake8 drops a byte-order mark before it measures the first row.
        let file_start = if source.starts_with('\u{feff}') { 3 } else { 0 };
        let row_start = source[..start].rfind(['\n', '\r']).map_or(file_start, |i| i + 1);
        let indent_level = expand_indent(&source[row_start..start]);
        self.blank_before = self.blank_before.max(self.blank_lines);
        let index = self.lines.lines.len();
        let has_text = text.len() > text_start;
        self.lines.lines.push(LineData {
            tokens: range,
            text: text_start..text.len(),
            mapping: mapping_start..mapping.len(),
            indent_level,
            blank_lines: self.blank_lines,
            blank_before: self.blank_before,
            previous: self.previous,
            previous_unindented: self.previous_unindented,
        });
        if has_text {
            self.previous = Some(index);
            if indent_level == 0 {
                self.previous_unindented = Some(index);
            }
        }
        self.blank_lines = 0;
        true
    }
}

/// A string literal with its body replaced by `x`, one per byte, quotes
/// and prefix kept (flake8's `mutate_string`).
fn push_muted(text: &mut String, literal: &str) {
    let bytes = literal.as_bytes();
    let Some(&quote) = bytes.last() else { return };
    let mut start = bytes.iter().position(|b| *b == quote).map_or(0, |i| i + 1);
    let mut end = bytes.len() - 1;
    if literal.ends_with("\"\"\"") || literal.ends_with("'''") {
        start += 2;
        end = end.saturating_sub(2);
    }
    if !matches!(quote, b'"' | b'\'') || start > end || !literal.is_char_boundary(start) {
        // An unterminated string: nothing to mute reliably.
        text.push_str(literal);
        return;
    }
    text.push_str(&literal[..start]);
    text.extend(std::iter::repeat_n('x', end - start));
    text.push_str(&literal[end..]);
}

/// The tokens with every f-string and t-string (start, parts, nested
/// fields, end) as one string token, as Python 3.11 tokenizes them.
fn merge_interpolated_strings(
    tokens: impl IntoIterator<Item = (TokenKind, Range<usize>)>,
    len: usize,
) -> Vec<Token> {
    let mut merged = Vec::new();
    let mut depth = 0usize;
    let mut string_start = 0;
    for (kind, range) in tokens {
        match kind {
            TokenKind::FStringStart | TokenKind::TStringStart => {
                if depth == 0 {
                    string_start = range.start;
                }
                depth += 1;
            }
            TokenKind::FStringEnd | TokenKind::TStringEnd if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    merged.push(Token {
                        kind: TokenKind::String,
                        start: string_start,
                        end: range.end,
                    });
                }
            }
            _ if depth > 0 => {
                // An unterminated f-string ends where the parser gave up.
                if matches!(kind, TokenKind::Newline) {
                    merged.push(Token {
                        kind: TokenKind::String,
                        start: string_start,
                        end: range.start,
                    });
                    merged.push(Token { kind, start: range.start, end: range.end });
                    depth = 0;
                }
            }
            _ => merged.push(Token { kind, start: range.start, end: range.end }),
        }
    }
    if depth > 0 {
        merged.push(Token { kind: TokenKind::String, start: string_start, end: len });
    }
    merged
}

/// The first character of the first physical line that starts with a
/// space or a tab.
fn indent_char(source: &str) -> Option<char> {
    let bytes = source.as_bytes();
    let first = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let starts =
        std::iter::once(first).chain(memchr::memchr2_iter(b'\n', b'\r', bytes).map(|i| i + 1));
    starts
        .filter_map(|start| bytes.get(start))
        .find(|b| matches!(b, b' ' | b'\t'))
        .map(|b| *b as char)
}
