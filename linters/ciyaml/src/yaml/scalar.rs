//! Decoding YAML scalars as YAML 1.2 does (plain, single-quoted,
//! double-quoted, literal `|` and folded `>` blocks, multi-line folding),
//! keeping a [`SourceMap`] from every decoded byte to the file.

use std::ops::Range;

use crate::source_map::SourceMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A decoded scalar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub map: SourceMap,
    pub style: Style,
}

impl Decoded {
    fn new(style: Style, origin: usize) -> Decoded {
        Decoded { text: String::new(), map: SourceMap::new(origin), style }
    }

    /// Appends file bytes `range` unchanged.
    fn copy(&mut self, file: &str, range: Range<usize>) {
        self.map.copy(self.text.len(), range.start, range.len());
        self.text.push_str(&file[range]);
    }

    /// Appends text that is not in the file as such (a folded line break,
    /// an escape's result).
    fn synthesize(&mut self, text: &str) {
        self.text.push_str(text);
    }
}

/// Decodes the scalar at `range` of `file` (the whole node, with quotes or
/// block header).
pub fn decode(file: &str, range: Range<usize>, style: Style) -> Decoded {
    match style {
        Style::Plain => flow(file, range, style),
        Style::SingleQuoted | Style::DoubleQuoted => {
            flow(file, range.start + 1..range.end.saturating_sub(1).max(range.start + 1), style)
        }
        Style::Literal | Style::Folded => block(file, range, style),
    }
}

/// Lines of `range` as (start, end) file offsets, without the `\n`.
fn lines(file: &str, range: Range<usize>) -> Vec<Range<usize>> {
    // A CRLF line's `\r` is part of the break, not of the content.
    let without_cr = |r: Range<usize>| {
        if r.end > r.start && file.as_bytes()[r.end - 1] == b'\r' { r.start..r.end - 1 } else { r }
    };
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, b) in file.as_bytes()[range.clone()].iter().enumerate() {
        if *b == b'\n' {
            out.push(without_cr(start..range.start + i));
            start = range.start + i + 1;
        }
    }
    out.push(without_cr(start..range.end));
    out
}

fn trim_range(file: &str, range: Range<usize>, start: bool, end: bool) -> Range<usize> {
    let bytes = file.as_bytes();
    let (mut s, mut e) = (range.start, range.end);
    while start && s < e && matches!(bytes[s], b' ' | b'\t' | b'\r') {
        s += 1;
    }
    while end && e > s && matches!(bytes[e - 1], b' ' | b'\t' | b'\r') {
        e -= 1;
    }
    s..e
}

/// Plain and quoted scalars: lines are trimmed and folded (one line break
/// becomes a space, n empty lines become n line breaks).
fn flow(file: &str, inner: Range<usize>, style: Style) -> Decoded {
    let mut out = Decoded::new(style, inner.start);
    let all = lines(file, inner);
    let count = all.len();
    let mut pending_breaks = 0;
    let mut joined_by_escape = false;
    let mut first = true;
    for (i, line) in all.into_iter().enumerate() {
        let content = trim_range(file, line, i > 0, i + 1 < count);
        if content.is_empty() && i > 0 && i + 1 < count {
            pending_breaks += 1;
            continue;
        }
        if !first && !joined_by_escape {
            if pending_breaks == 0 {
                out.synthesize(" ");
            } else {
                out.synthesize(&"\n".repeat(pending_breaks));
            }
        }
        pending_breaks = 0;
        first = false;
        joined_by_escape = match style {
            Style::SingleQuoted => {
                single_quoted_line(file, content, &mut out);
                false
            }
            Style::DoubleQuoted => double_quoted_line(file, content, &mut out),
            _ => {
                out.copy(file, content);
                false
            }
        };
    }
    out
}

fn single_quoted_line(file: &str, line: Range<usize>, out: &mut Decoded) {
    let mut start = line.start;
    let mut i = line.start;
    while i < line.end {
        if file.as_bytes()[i] == b'\'' && i + 1 < line.end && file.as_bytes()[i + 1] == b'\'' {
            out.copy(file, start..i + 1);
            i += 2;
            start = i;
        } else {
            i += 1;
        }
    }
    out.copy(file, start..line.end);
}

/// Decodes one line of a double-quoted scalar; returns whether it ends in
/// an escaped line break (`\` at the end), which joins the next line directly.
fn double_quoted_line(file: &str, line: Range<usize>, out: &mut Decoded) -> bool {
    let bytes = file.as_bytes();
    let mut start = line.start;
    let mut i = line.start;
    while i < line.end {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        out.copy(file, start..i);
        if i + 1 >= line.end {
            return true;
        }
        let (decoded, used) = escape(&file[i + 1..line.end]);
        // An escape's result points at its backslash.
        out.map.copy(out.text.len(), i, decoded.len().min(1));
        out.text.push_str(&decoded);
        i += 1 + used;
        start = i;
    }
    out.copy(file, start..line.end);
    false
}

/// The character an escape stands for (after the backslash), and how many
/// bytes of `rest` it used.
fn escape(rest: &str) -> (String, usize) {
    let Some(c) = rest.chars().next() else { return (String::new(), 0) };
    let simple = match c {
        '0' => Some('\0'),
        'a' => Some('\x07'),
        'b' => Some('\x08'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\x0b'),
        'f' => Some('\x0c'),
        'r' => Some('\r'),
        'e' => Some('\x1b'),
        ' ' => Some(' '),
        '"' => Some('"'),
        '/' => Some('/'),
        '\\' => Some('\\'),
        'N' => Some('\u{85}'),
        '_' => Some('\u{a0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        _ => None,
    };
    if let Some(decoded) = simple {
        return (decoded.to_string(), c.len_utf8());
    }
    let digits = match c {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        other => return (other.to_string(), other.len_utf8()),
    };
    let hex = rest.get(1..1 + digits).unwrap_or("");
    match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
        Some(decoded) if hex.len() == digits => (decoded.to_string(), 1 + digits),
        _ => (c.to_string(), 1),
    }
}

/// The indentation of the node a block scalar belongs to, from the text
/// before its `|` on the header line: the key's column (`  - run: |2` -> 4),
/// or the dash's for a bare list item (`  - |2` -> 2).
fn parent_indent(before: &str) -> usize {
    let spaces = before.len() - before.trim_start().len();
    let mut rest = &before[spaces..];
    let mut column = spaces;
    while let Some(after) = rest.strip_prefix("- ") {
        if after.trim().is_empty() {
            return column;
        }
        let blanks = after.len() - after.trim_start().len();
        column += 2 + blanks;
        rest = &after[blanks..];
    }
    column
}

/// `|` and `>` blocks: header (indentation indicator, chomping), content
/// lines with the block's indentation removed, folding for `>`.
fn block(file: &str, range: Range<usize>, style: Style) -> Decoded {
    let text = &file[range.clone()];
    let header_end = text.find('\n').map_or(range.end, |i| range.start + i);
    // The indicators come right after `|` or `>`, before any blank or comment.
    let header: &str =
        file[range.start + 1..header_end].split([' ', '\t', '#']).next().unwrap_or("");
    let indicator = header.chars().find(|c| c.is_ascii_digit()).and_then(|c| c.to_digit(10));
    let keep = header.contains('+');
    let strip = header.contains('-');
    let line_start = file[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let header_indent = parent_indent(&file[line_start..range.start]);
    let mut out = Decoded::new(style, header_end);
    if header_end >= range.end {
        return out;
    }
    let content_lines = lines(file, header_end + 1..range.end);
    let indent = match indicator {
        Some(n) => header_indent + n as usize,
        None => content_lines
            .iter()
            .map(|l| &file[l.clone()])
            .find(|l| !l.trim().is_empty())
            .map_or(0, |l| l.len() - l.trim_start_matches(' ').len()),
    };
    // (file range of the content, is empty, is more indented)
    let parsed: Vec<(Range<usize>, bool, bool)> = content_lines
        .into_iter()
        .map(|l| {
            let raw = &file[l.clone()];
            if raw.trim().is_empty() {
                let extra = raw.len().saturating_sub(indent);
                (l.end - extra..l.end, true, false)
            } else {
                let start = (l.start + indent).min(l.end);
                let more = matches!(file.as_bytes().get(start), Some(b' ' | b'\t'));
                (start..l.end, false, more)
            }
        })
        .collect();
    let last_content = parsed.iter().rposition(|(_, empty, _)| !empty);
    let Some(last_content) = last_content else { return out };
    let mut previous: Option<bool> = None; // more-indented flag of the previous content line
    let mut empties = 0;
    for (content, empty, more) in &parsed[..=last_content] {
        if *empty {
            empties += 1;
            continue;
        }
        if let Some(previous_more) = previous {
            let breaks = match style {
                Style::Folded if !previous_more && !more && empties == 0 => {
                    out.synthesize(" ");
                    0
                }
                Style::Folded if !previous_more && !more => empties,
                _ => empties + 1,
            };
            out.synthesize(&"\n".repeat(breaks));
        } else if empties > 0 {
            out.synthesize(&"\n".repeat(empties));
        }
        empties = 0;
        out.copy(file, content.clone());
        previous = Some(*more);
    }
    if !strip {
        out.synthesize("\n");
        if keep {
            let trailing = parsed.len() - 1 - last_content;
            out.synthesize(&"\n".repeat(trailing));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(file: &str, style: Style, expected: &str) -> Decoded {
        let start = file
            .find(['|', '>', '\'', '"'])
            .filter(|_| style != Style::Plain)
            .unwrap_or(file.find(": ").map_or(0, |i| i + 2));
        let decoded = decode(file, start..file.trim_end_matches('\n').len(), style);
        assert_eq!(decoded.text, expected, "{file:?}");
        decoded
    }

    #[test]
    fn plain_and_quoted_fold() {
        check("k: echo one\n  two\n\n  three", Style::Plain, "echo one two\nthree");
        let d = check("k: 'it''s $x'", Style::SingleQuoted, "it's $x");
        assert_eq!(
            d.map.file_offset(5),
            "k: 'it''s $".len() - 1,
            "`$` maps to its place after the '' pair"
        );
        check("k: \"a \\\"b\\\" \\\\ \\n c\"", Style::DoubleQuoted, "a \"b\" \\ \n c");
        check("k: \"one \\\n   two\"", Style::DoubleQuoted, "one two");
        check("k: \"x\\x41\\u00e9\"", Style::DoubleQuoted, "xAé");
    }

    #[test]
    fn blocks_keep_or_fold_lines() {
        let d = check(
            "k: |\n  if true; then\n    echo $x\n  fi\n",
            Style::Literal,
            "if true; then\n  echo $x\nfi\n",
        );
        let dollar = d.text.find('$').unwrap();
        assert_eq!(d.map.file_offset(dollar), "k: |\n  if true; then\n    echo ".len());
        check("k: |-\n  a\n\n  b\n", Style::Literal, "a\n\nb");
        check("k: |2\n    indented\n  base\n", Style::Literal, "  indented\nbase\n");
        check("k: | # step 8\n  é\n", Style::Literal, "é\n");
        check("k: |\r\n  crlf\r\n  lines\r\n", Style::Literal, "crlf\nlines\n");
        assert_eq!(parent_indent("  - run: "), 4);
        assert_eq!(parent_indent("  - "), 2);
        assert_eq!(parent_indent("  script: "), 2);
        check(
            "k: >\n  folded\n  line\n\n  para\n    more\n  end\n",
            Style::Folded,
            "folded line\npara\n  more\nend\n",
        );
    }
}
