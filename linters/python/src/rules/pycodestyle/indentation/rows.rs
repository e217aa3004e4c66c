//! Physical rows and character columns as flake8 sees them: it reads the
//! file with universal newlines (`\n`, `\r\n` and a lone `\r` all end a
//! row), drops a leading byte-order mark, and Python's tokenizer counts
//! columns in characters.

/// The start of every row, in bytes.
pub struct Rows<'s> {
    source: &'s str,
    starts: Vec<usize>,
}

impl<'s> Rows<'s> {
    pub fn new(source: &'s str) -> Self {
        let bytes = source.as_bytes();
        let mut starts = vec![if source.starts_with('\u{feff}') { 3 } else { 0 }];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\r` of a `\r\n` does not end a row by itself.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        Rows { source, starts }
    }

    /// The 0-based row holding byte `offset`.
    pub fn row_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    pub fn start(&self, row: usize) -> usize {
        self.starts.get(row).copied().unwrap_or(self.source.len())
    }

    /// The row's text, its line break included.
    pub fn text(&self, row: usize) -> &'s str {
        let end = self.starts.get(row + 1).copied().unwrap_or(self.source.len());
        &self.source[self.start(row).min(end)..end]
    }

    /// The byte offset of character column `column` of `row`, at most the
    /// end of its text before the line break.
    pub fn offset(&self, row: usize, column: usize) -> usize {
        let text = self.text(row);
        let body = text.trim_end_matches(['\n', '\r']);
        let bytes = body.char_indices().nth(column).map_or(body.len(), |(i, _)| i);
        self.start(row) + bytes
    }

    /// A cursor for columns of increasing offsets.
    pub fn cursor(&self) -> Cursor<'_, 's> {
        Cursor { rows: self, row: 0, offset: self.start(0), column: 0 }
    }
}

/// Turns increasing byte offsets into `(row, column)` counting each byte
/// once, so a megabyte row with many tokens stays linear.
pub struct Cursor<'r, 's> {
    rows: &'r Rows<'s>,
    row: usize,
    offset: usize,
    column: usize,
}

impl Cursor<'_, '_> {
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let next = self.rows.start(self.row + 1);
        if offset < self.offset || offset >= next {
            self.row = self.rows.row_of(offset);
            self.offset = self.rows.start(self.row);
            self.column = 0;
        }
        let source = self.rows.source;
        if offset > self.offset && offset <= source.len() && source.is_char_boundary(offset) {
            let piece = &source[self.offset..offset];
            self.column += if piece.is_ascii() { piece.len() } else { piece.chars().count() };
            self.offset = offset;
        }
        (self.row, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::Rows;

    #[test]
    fn every_kind_of_line_break_ends_a_row() {
        let rows = Rows::new("a\r\nb\rc\nd");
        assert_eq!((0..4).map(|r| rows.text(r)).collect::<Vec<_>>(), ["a\r\n", "b\r", "c\n", "d"]);
        assert_eq!(rows.row_of(1), 0);
        assert_eq!(rows.row_of(2), 0);
        assert_eq!(rows.row_of(3), 1);
        assert_eq!(rows.row_of(8), 3);
    }

    #[test]
    fn columns_count_characters_and_skip_the_byte_order_mark() {
        let source = "\u{feff}é = (1,\n     'ü', 2)\n";
        let rows = Rows::new(source);
        let mut cursor = rows.cursor();
        let equal = source.find('=').unwrap();
        assert_eq!(cursor.at(equal), (0, 2));
        let two = source.rfind('2').unwrap();
        assert_eq!(cursor.at(two), (1, 10));
        // Going back recounts from the row's start.
        assert_eq!(cursor.at(equal), (0, 2));
        assert_eq!(&source[rows.offset(1, 9)..rows.offset(1, 10)], " ");
        assert_eq!(rows.offset(1, 99), source.len() - 1);
    }
}
