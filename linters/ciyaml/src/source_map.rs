//! Where each byte of a decoded YAML string (a script) came from in the
//! file. Folding, escapes and indentation make the two differ; findings in a
//! script are mapped back through this.

use std::ops::Range;

/// A run of decoded bytes copied unchanged from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    decoded: usize,
    file: usize,
    len: usize,
    /// Which file: 0 is the one being checked, others are included files.
    source: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    pieces: Vec<Piece>,
    /// File offset for decoded text that has no piece before it.
    origin: usize,
    /// The file new pieces come from.
    source: u32,
}

impl SourceMap {
    pub fn new(origin: usize) -> SourceMap {
        SourceMap { pieces: Vec::new(), origin, source: 0 }
    }

    /// Marks everything in this map as coming from file `source`.
    pub fn set_source(&mut self, source: u32) {
        self.source = source;
        for piece in &mut self.pieces {
            piece.source = source;
        }
    }

    /// The file decoded offset `at` comes from.
    pub fn source_of(&self, at: usize) -> u32 {
        let index = self.pieces.partition_point(|p| p.decoded <= at);
        index.checked_sub(1).map_or(self.source, |i| self.pieces[i].source)
    }

    /// Records that decoded bytes from `decoded` on are file bytes from `file` on.
    pub fn copy(&mut self, decoded: usize, file: usize, len: usize) {
        let source = self.source;
        self.copy_from(source, decoded, file, len);
    }

    fn copy_from(&mut self, source: u32, decoded: usize, file: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut()
            && last.decoded + last.len == decoded
            && last.file + last.len == file
            && last.source == source
        {
            last.len += len;
            return;
        }
        self.pieces.push(Piece { decoded, file, len, source });
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
            self.copy_from(piece.source, piece.decoded + at, piece.file, piece.len);
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
        let mut other = SourceMap::new(0);
        other.copy(0, 5, 3);
        other.set_source(2);
        joined.append(&other, 200);
        assert_eq!((joined.source_of(101), joined.source_of(201)), (0, 2));
    }
}
