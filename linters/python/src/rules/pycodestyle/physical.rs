//! The file's physical lines as flake8 reads them, and the bits of
//! Python's string semantics pycodestyle's regexes and `str` methods rely
//! on (what counts as whitespace, a word character or a line break).

/// The physical lines flake8 hands its checks: `\n`, `\r\n` and a lone
/// `\r` end a line (universal newlines), the first loses its BOM.
pub struct PhysicalLines<'a> {
    starts: Vec<usize>,
    lines: Vec<&'a str>,
    /// The file ends with a line break.
    terminated: bool,
}

impl<'a> PhysicalLines<'a> {
    pub fn new(source: &'a str) -> Self {
        let (mut starts, mut lines): (Vec<usize>, Vec<&str>) =
            crate::lines::physical_lines(source).unzip();
        if let Some(first) = lines.first_mut()
            && let Some(rest) = first.strip_prefix('\u{feff}')
        {
            *first = rest;
            starts[0] = '\u{feff}'.len_utf8();
        }
        if starts.is_empty() {
            starts.push(0);
        }
        PhysicalLines { starts, lines, terminated: source.ends_with(['\n', '\r']) }
    }

    /// Whether a line break ends the 0-based line.
    pub fn is_terminated(&self, row: usize) -> bool {
        row + 1 < self.lines.len() || self.terminated
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// The 0-based line, without its terminator (empty past the end).
    pub fn get(&self, row: usize) -> &'a str {
        self.lines.get(row).copied().unwrap_or("")
    }

    /// The offset where a 0-based line starts (after the BOM on the first).
    pub fn row_start(&self, row: usize) -> usize {
        self.starts.get(row).or(self.starts.last()).copied().unwrap_or(0)
    }

    /// The 0-based line holding `offset`.
    pub fn row_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// The 0-based line of a token's last character (of its start when it
    /// is empty): a newline token belongs to the line it ends.
    pub fn end_row(&self, start: usize, end: usize) -> usize {
        self.row_of(end.saturating_sub(1).max(start))
    }
}

/// Python's `str.isspace` for one character.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's `str.strip()`.
pub fn strip(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// A character `\w` matches in a Python `str` pattern.
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The leading run of word characters.
pub fn first_word(text: &str) -> &str {
    let end = text.find(|c: char| !is_word(c)).unwrap_or(text.len());
    &text[..end]
}

/// Characters besides `\n` and `\r` that `str.splitlines` breaks at.
pub fn is_extra_line_break(c: char) -> bool {
    matches!(c, '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The pieces Python's `str.splitlines()` makes of one physical line
/// (without its terminator): it also breaks at form feeds and the like.
/// `terminated`: a line break follows, so a break at the very end still
/// leaves an empty piece before it.
pub fn split_extra_breaks(line: &str, terminated: bool) -> impl Iterator<Item = &str> {
    let mut pieces: Vec<&str> = line.split(is_extra_line_break).collect();
    if !terminated && pieces.len() > 1 && pieces.last() == Some(&"") {
        pieces.pop();
    }
    pieces.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_as_in_universal_newlines_and_the_bom_is_dropped() {
        let lines = PhysicalLines::new("\u{feff}a\r\nb\rc\n\nd");
        let all: Vec<&str> = (0..lines.len()).map(|i| lines.get(i)).collect();
        assert_eq!(all, ["a", "b", "c", "", "d"]);
        assert_eq!(lines.row_of(0), 0);
        assert_eq!(lines.row_of(7), 1);
        // The `\r\n` ending line 0 belongs to line 0.
        assert_eq!(lines.end_row(4, 6), 0);
        assert_eq!(lines.get(9), "");
    }

    #[test]
    fn python_string_semantics() {
        assert_eq!(strip("\x0c\x1f x \t"), "x");
        assert_eq!(first_word("défini(x)"), "défini");
        // "a\x0cb\x0c\n".splitlines() and "a\x0cb\x0c".splitlines()
        let pieces: Vec<&str> = split_extra_breaks("a\x0cb\x0c", true).collect();
        assert_eq!(pieces, ["a", "b", ""]);
        let pieces: Vec<&str> = split_extra_breaks("a\x0cb\x0c", false).collect();
        assert_eq!(pieces, ["a", "b"]);
        assert_eq!(split_extra_breaks("", true).count(), 1);
    }
}
