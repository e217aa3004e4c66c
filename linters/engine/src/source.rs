//! A file's text with the index that turns byte offsets into positions.

use std::ops::Range;
use std::path::PathBuf;

use crate::kind::FileKind;

/// A 1-based line and column; columns count characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Byte offsets of line starts, built once per file.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Per line: only ASCII, so a column is a byte count (O(1) even on a
    /// megabyte line).
    ascii: Vec<bool>,
}

impl LineIndex {
    /// Lines end at `\n` only; a lone `\r` is a character of its line, as
    /// ShellCheck and yamllint see it.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex::with_starts(text, starts)
    }

    /// Lines end at `\n`, `\r\n` or a lone `\r`, as Python's universal
    /// newlines and markdownlint split them.
    pub fn universal(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        let ends = memchr::memchr2_iter(b'\n', b'\r', bytes)
            .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'));
        starts.extend(ends.map(|i| i + 1));
        LineIndex::with_starts(text, starts)
    }

    /// The index for a file of `kind`: each kind splits lines as its
    /// reference tool does.
    pub fn for_kind(kind: FileKind, text: &str) -> LineIndex {
        match kind {
            FileKind::Python | FileKind::Markdown => LineIndex::universal(text),
            FileKind::Shell | FileKind::CiYaml | FileKind::Yaml | FileKind::Other => {
                LineIndex::new(text)
            }
        }
    }

    fn with_starts(text: &str, starts: Vec<usize>) -> LineIndex {
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        let ascii =
            starts.iter().zip(ends).map(|(&s, e)| text.as_bytes()[s..e].is_ascii()).collect();
        LineIndex { starts, ascii }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte range of 0-based line `line`, without its line terminator (a
    /// `\r` before the `\n` is part of the terminator).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(text.len(), |&next| next - 1);
        let end = if end > start && text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
        start..end.max(start)
    }

    /// The position of a byte offset (clamped to the text and to a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = if self.ascii[line] {
            offset - start + 1
        } else {
            // A byte-order mark is invisible: no column of its own.
            let from =
                if start == 0 && text.starts_with('\u{feff}') { 3.min(offset) } else { start };
            text[from..offset].chars().count() + 1
        };
        Position { line: to_u32(line + 1), column: to_u32(column) }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A file that was read and decoded, ready for checkers.
#[derive(Debug)]
pub struct SourceFile {
    /// Repository-relative path with `/` separators, as shown in reports.
    pub path: String,
    /// Where it is on disk (for checkers that need neighbours, like
    /// `.shellcheckrc`); for standard input, the path it stands for.
    pub disk_path: PathBuf,
    pub kind: FileKind,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: String, disk_path: PathBuf, kind: FileKind, text: String) -> SourceFile {
        let lines = LineIndex::for_kind(kind, &text);
        SourceFile { path, disk_path, kind, text, lines }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The text of the 0-based line `line`, without its terminator.
    pub fn line_text(&self, line: usize) -> &str {
        &self.text[self.lines.line_range(&self.text, line)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_lines() {
        let text = "ab\r\nçé x\n\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x), Position { line: 2, column: 4 });
        assert_eq!(index.position(text, text.len()), Position { line: 4, column: 5 });
        assert_eq!(&text[index.line_range(text, 0)], "ab");
        assert_eq!(&text[index.line_range(text, 2)], "");
        // Inside a multi-byte character: the character's own column.
        assert_eq!(index.position(text, x - 2), Position { line: 2, column: 2 });
    }

    #[test]
    fn universal_lines_end_at_lone_carriage_returns_too() {
        let text = "a\rbc\r\nd\n\re";
        let universal = LineIndex::universal(text);
        assert_eq!(universal.line_count(), 5);
        let lines: Vec<&str> =
            (0..universal.line_count()).map(|l| &text[universal.line_range(text, l)]).collect();
        assert_eq!(lines, ["a", "bc", "d", "", "e"]);
        assert_eq!(universal.position(text, text.len() - 1), Position { line: 5, column: 1 });
        // The `\n`-only index keeps a lone `\r` inside its line.
        let plain = LineIndex::new(text);
        assert_eq!(plain.line_count(), 3);
        assert_eq!(&text[plain.line_range(text, 0)], "a\rbc");
        assert_eq!(plain.position(text, 2), Position { line: 1, column: 3 });
    }

    #[test]
    fn each_kind_splits_as_its_tool_does() {
        let text = "x\ry\n";
        assert_eq!(LineIndex::for_kind(FileKind::Python, text).line_count(), 3);
        assert_eq!(LineIndex::for_kind(FileKind::Markdown, text).line_count(), 3);
        assert_eq!(LineIndex::for_kind(FileKind::Shell, text).line_count(), 2);
        assert_eq!(LineIndex::for_kind(FileKind::CiYaml, text).line_count(), 2);
    }
}
