//! Rules on physical lines and tokens: W291, W292, W293, E501, W605.

use unicode_width::UnicodeWidthChar;

use crate::codes::{Code, Report};
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
