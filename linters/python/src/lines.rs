//! Rules on physical lines and tokens: W291, W292, W293, W391, E501, W505,
//! W605.

use unicode_width::UnicodeWidthChar;

use crate::codes::{Code, Report};
use crate::logical::{LogicalLines, Token, TokenKind};
use crate::rules::pycodestyle::physical::{PhysicalLines, is_space, split_extra_breaks};
use crate::syntax::TokenClass;

/// Physical lines with their byte ranges (without terminators): `\n`,
/// `\r\n` and a lone `\r` all end a line, as Python's tokenizer says.
pub fn physical_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(i) if bytes[start + i] == b'\r' && bytes.get(start + i + 1) == Some(&b'\n') => {
                (start + i, start + i + 2)
            }
            Some(i) => (start + i, start + i + 1),
            None => (bytes.len(), bytes.len()),
        };
        let line = (start, &text[start..end]);
        start = next;
        Some(line)
    })
}

/// The comments of a file: byte range of each.
pub struct Comments(pub Vec<std::ops::Range<usize>>);

impl Comments {
    /// The only comment that starts inside `line`, if there is exactly one.
    fn single_in(&self, line: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        let first = self.0.partition_point(|c| c.start < line.start);
        match &self.0[first..] {
            [only, rest @ ..] if only.start < line.end => {
                (rest.first().is_none_or(|next| next.start >= line.end)).then(|| only.clone())
            }
            _ => None,
        }
    }
}

pub struct LineSettings {
    pub line_length: usize,
    pub tab_size: usize,
}

pub fn check(text: &str, comments: &Comments, settings: &LineSettings, report: &mut Report) {
    let whitespace = report.any_enabled(&[Code::W291, Code::W293]);
    let long_lines = report.enabled(Code::E501);
    for (start, line) in physical_lines(text) {
        if whitespace {
            trailing_whitespace(report, start, line);
        }
        if long_lines {
            line_too_long(report, start, line, comments, settings);
        }
    }
    if !text.is_empty() && !text.ends_with(['\n', '\r']) {
        report.push_bytes(Code::W292, "no newline at end of file", text.len()..text.len());
    }
    if report.enabled(Code::W391) {
        trailing_blank_line(text, report);
    }
}

/// W391: the last line is empty (pycodestyle reports the last one only,
/// however many blank lines end the file).
fn trailing_blank_line(text: &str, report: &mut Report) {
    if !text.ends_with(['\n', '\r']) {
        return;
    }
    let Some((start, line)) = physical_lines(text).last() else { return };
    let line = if start == 0 { line.trim_start_matches('\u{feff}') } else { line };
    if line.is_empty() {
        report.push_bytes(Code::W391, "blank line at end of file", start..start);
    }
}

fn trailing_whitespace(report: &mut Report, start: usize, line: &str) {
    let trimmed = line.trim_end();
    if trimmed.len() == line.len() {
        return;
    }
    if trimmed.is_empty() {
        report.push_bytes(Code::W293, "blank line contains whitespace", start..start + line.len());
    } else {
        report.push_bytes(
            Code::W291,
            "trailing whitespace",
            start + trimmed.len()..start + line.len(),
        );
    }
}

/// E501, with ruff's exemptions: a line that cannot be split (one word,
/// or a comment of one word), a URL at the end that starts within the
/// limit, and pragma comments (`# noqa`, `# type: ignore`) at the end.
fn line_too_long(
    report: &mut Report,
    start: usize,
    line: &str,
    comments: &Comments,
    settings: &LineSettings,
) {
    let limit = settings.line_length;
    // Each byte is at most one tab wide.
    if line.len() * settings.tab_size <= limit {
        return;
    }
    let mut width = measure(line, settings.tab_size);
    if width <= limit {
        return;
    }
    let mut content = line;
    if let Some(comment) = comments.single_in(start..start + line.len())
        && is_pragma(&line[comment.start - start..])
    {
        content = line[..comment.start - start].trim_end();
        width = measure(content, settings.tab_size);
        if width <= limit {
            return;
        }
    }
    let mut chunks = content.split_whitespace();
    let (Some(_), Some(second)) = (chunks.next(), chunks.next()) else { return };
    let last = chunks.last().unwrap_or(second);
    if last.contains("://") && width - measure(last, settings.tab_size) <= limit {
        return;
    }
    let over = column_offset(line, limit, settings.tab_size);
    report.push_bytes(
        Code::E501,
        format!("line too long ({width} > {limit})"),
        start + over..start + line.len(),
    );
}

/// The width of text as ruff measures it: East Asian wide characters count
/// two, a tab advances to the next multiple of the tab size.
fn measure(text: &str, tab_size: usize) -> usize {
    if text.is_ascii() && !text.contains('\t') {
        return text.len();
    }
    text.chars().fold(0, |width, c| advance(width, c, tab_size))
}

fn advance(width: usize, c: char, tab_size: usize) -> usize {
    if c == '\t' { width + tab_size - width % tab_size } else { width + c.width().unwrap_or(0) }
}

/// The byte offset where the line's width first exceeds `limit`.
fn column_offset(line: &str, limit: usize, tab_size: usize) -> usize {
    let mut width = 0;
    for (offset, c) in line.char_indices() {
        width = advance(width, c, tab_size);
        if width > limit {
            return offset;
        }
    }
    line.len()
}

/// `# noqa`, `# type: ignore`, `# pylint: disable=...` and the like.
fn is_pragma(comment: &str) -> bool {
    let Some(content) = comment.strip_prefix('#') else { return false };
    let content = content.trim_start();
    content.get(..4).is_some_and(|word| word.eq_ignore_ascii_case("noqa"))
        || content.starts_with("nosec")
        || content.split_once(':').is_some_and(|(pragma, _)| {
            matches!(pragma, "isort" | "type" | "pyright" | "pylint" | "flake8" | "ruff" | "ty")
        })
}

/// W605: a backslash escape Python does not know (`"\d"`), in a string
/// that is not raw.
pub fn invalid_escapes(
    text: &str,
    tokens: &[(TokenClass, std::ops::Range<usize>)],
    report: &mut Report,
) {
    for (class, _) in tokens {
        let TokenClass::StringPart { raw: false, bytes, body: (start, end), .. } = *class else {
            continue;
        };
        let body = &text.as_bytes()[start..end];
        let mut i = 0;
        while let Some(found) = body.get(i..).and_then(|rest| memchr::memchr(b'\\', rest)) {
            let at = i + found;
            // In an f-string the character after a trailing `\\` is the
            // `{` that ends the literal part.
            let Some(&next) = text.as_bytes().get(start + at + 1) else { break };
            let valid = matches!(
                next,
                b'\n'
                    | b'\r'
                    | b'\\'
                    | b'\''
                    | b'"'
                    | b'a'
                    | b'b'
                    | b'f'
                    | b'n'
                    | b'r'
                    | b't'
                    | b'v'
                    | b'0'..=b'7' | b'x'
            ) || (!bytes && matches!(next, b'N' | b'u' | b'U'));
            if !valid {
                let escape_end = start
                    + at
                    + 1
                    + text[start + at + 1..].chars().next().map_or(0, char::len_utf8);
                report.push_bytes(
                    Code::W605,
                    format!("invalid escape sequence: `{}`", &text[start + at..escape_end]),
                    start + at..escape_end,
                );
            }
            i = at + 2;
        }
    }
}

/// pycodestyle's fixed limit below which a line of one long word (a URL)
/// is let through, whatever `max-doc-length` says.
const LONG_WORD_INDENT: usize = 72;

/// W505: a comment on its own line, or a string that is a whole statement
/// (a docstring), with a line longer than `max` characters. pycodestyle's
/// exemptions: a line that is one word (or `#` and one word) starting
/// before column 72, except the last line of a string; a file whose
/// first line is a shebang skips that logical line.
pub fn doc_lines_too_long(lines: &LogicalLines, max: usize, report: &mut Report) {
    let physical = PhysicalLines::new(lines.source);
    for line in lines.iter() {
        let tokens = line.tokens();
        let has_code = tokens
            .iter()
            .any(|t| !t.is_skipped() && !matches!(t.kind, TokenKind::Comment | TokenKind::String));
        let mut previous: Option<&Token> = None;
        for token in tokens {
            if token.kind == TokenKind::String && has_code {
                continue;
            }
            let own_line = previous.is_none_or(Token::is_skipped);
            if matches!(token.kind, TokenKind::String | TokenKind::Comment) && own_line {
                let comment = token.kind == TokenKind::Comment;
                if !long_doc_lines(&physical, token, comment, max, report) {
                    break;
                }
            }
            previous = Some(token);
        }
    }
}

/// The rows of one comment or string token; false at a shebang, which
/// ends the logical line's check.
fn long_doc_lines(
    physical: &PhysicalLines,
    token: &Token,
    comment: bool,
    max: usize,
    report: &mut Report,
) -> bool {
    let first = physical.row_of(token.start);
    let last = physical.end_row(token.start, token.end);
    // Python's `splitlines` also breaks at form feeds and the like.
    let pieces: Vec<&str> = (first..=last)
        .flat_map(|row| split_extra_breaks(physical.get(row), physical.is_terminated(row)))
        .collect();
    for (index, piece) in pieces.iter().enumerate() {
        if first + index == 0 && physical.get(0).starts_with("#!") {
            return false;
        }
        let length = piece.chars().count();
        if length <= max {
            continue;
        }
        let mut chunks = piece.split(is_space).filter(|c| !c.is_empty());
        let (count, last_chunk) = chunks.by_ref().fold((0, ""), |(n, _), c| (n + 1, c));
        let before_last = length - last_chunk.chars().count();
        if comment && count == 2 && before_last < LONG_WORD_INDENT {
            continue;
        }
        if count == 1 && index + 1 < pieces.len() && before_last < LONG_WORD_INDENT {
            continue;
        }
        let row = first + index;
        let row_text = physical.get(row);
        let column = row_text.char_indices().nth(max).map_or(row_text.len(), |(i, _)| i);
        let at = physical.row_start(row) + column;
        report.push_bytes(
            Code::W505,
            format!("doc line too long ({length} > {max})"),
            at..physical.row_start(row) + row_text.len(),
        );
    }
    true
}
