//! Where each byte of a decoded YAML string (a script) came from in the
//! file. Folding, escapes and indentation make the two differ; findings in a
//! script are mapped back through this.

use std::ops::Range;

/// A run of decoded bytes copied unchanged from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    decoded: usize,
    file: usize,
    len: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    pieces: Vec<Piece>,
    /// File offset for decoded text that has no piece before it.
    origin: usize,
}

impl SourceMap {
    pub fn new(origin: usize) -> SourceMap {
        SourceMap { pieces: Vec::new(), origin }
    }

    /// Records that decoded bytes from `decoded` on are file bytes from `file` on.
    pub fn copy(&mut self, decoded: usize, file: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut()
            && last.decoded + last.len == decoded
            && last.file + last.len == file
        {
            last.len += len;
            return;
        }
        self.pieces.push(Piece { decoded, file, len });
    }

    /// The file offset of decoded offset `at`. A synthesized byte (a folded
    /// line break, an escape's result) maps to just after the last copied
    /// one (never into the middle of a character).
    pub fn file_offset(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|p| p.decoded <= at);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            Some(p) if at < p.decoded + p.len => p.file + (at - p.decoded),
            Some(p) => p.file + p.len,
            None => self.origin,
        }
    }

    pub fn file_range(&self, decoded: Range<usize>) -> Range<usize> {
        let start = self.file_offset(decoded.start);
        let end =
            if decoded.end > decoded.start { self.file_offset(decoded.end - 1) + 1 } else { start };
        start..end.max(start)
    }

    /// Appends `other`, whose decoded offsets start at 0, at decoded offset `at`.
    pub fn append(&mut self, other: &SourceMap, at: usize) {
        for piece in &other.pieces {
            self.copy(piece.decoded + at, piece.file, piece.len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_copied_and_synthesized_bytes() {
        // decoded "ab cd": "ab" from 10, synthesized " ", "cd" from 20
        let mut map = SourceMap::new(10);
        map.copy(0, 10, 2);
        map.copy(3, 20, 2);
        assert_eq!(map.file_offset(0), 10);
        assert_eq!(map.file_offset(1), 11);
        assert_eq!(map.file_offset(2), 12, "a folded space points just after its line");
        assert_eq!(map.file_offset(4), 21);
        assert_eq!(map.file_range(3..5), 20..22);
        let mut joined = SourceMap::new(0);
        joined.append(&map, 100);
        assert_eq!(joined.file_offset(103), 20);
    }
}
