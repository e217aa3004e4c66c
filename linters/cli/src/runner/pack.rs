//! The result cache's one file: every entry of a run, so a run reads one
//! file and writes at most one (as ruff keeps one cache file per package),
//! instead of a file per entry, whose creation and rename cost more than
//! checking most files.
//!
//! Layout: a header line, then per entry its 128-bit key (little-endian),
//! its length (u32, little-endian) and its bytes. A pack that is truncated
//! or in another format is read up to the last whole entry: what is lost
//! is a miss, never a wrong result, since every entry names its file and
//! format itself.

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::Path;

const HEADER: &[u8] = b"lintgate-cache-pack 1\n";

/// A pack read into memory, with an index of where each entry lies.
#[derive(Default)]
pub struct Pack {
    bytes: Vec<u8>,
    index: HashMap<u128, Range<usize>>,
}

impl Pack {
    /// The pack at `path`; a missing or foreign file is an empty pack.
    pub fn read(path: &Path) -> Pack {
        let Ok(bytes) = std::fs::read(path) else { return Pack::default() };
        let mut index = HashMap::new();
        if bytes.starts_with(HEADER) {
            let mut at = HEADER.len();
            while let Some(head) = bytes.get(at..at + 20) {
                let key = u128::from_le_bytes(head[..16].try_into().expect("16 bytes"));
                let len = u32::from_le_bytes(head[16..].try_into().expect("4 bytes")) as usize;
                let body = at + 20..at + 20 + len;
                if body.end > bytes.len() {
                    break;
                }
                at = body.end;
                index.insert(key, body);
            }
        }
        Pack { bytes, index }
    }

    pub fn get(&self, key: u128) -> Option<&[u8]> {
        self.index.get(&key).map(|range| &self.bytes[range.clone()])
    }

    pub fn keys(&self) -> impl Iterator<Item = u128> + '_ {
        self.index.keys().copied()
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }
}

/// Writes `entries` as the pack at `path`: to a temporary file in the same
/// directory, then renamed, so a concurrent reader sees the old pack or the
/// new one, never half of one.
pub fn write<'a>(
    path: &Path,
    entries: impl Iterator<Item = (u128, &'a [u8])>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = std::io::BufWriter::new(temp.as_file_mut());
    out.write_all(HEADER)?;
    for (key, bytes) in entries {
        let Ok(len) = u32::try_from(bytes.len()) else { continue };
        out.write_all(&key.to_le_bytes())?;
        out.write_all(&len.to_le_bytes())?;
        out.write_all(bytes)?;
    }
    out.flush()?;
    drop(out);
    temp.persist(path).map(|_| ()).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_the_whole_entries_of_a_truncated_pack() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pack");
        let entries: [(u128, &[u8]); 3] = [(1, b"one"), (u128::MAX, b""), (7, b"seven")];
        write(&path, entries.iter().copied()).unwrap();
        let pack = Pack::read(&path);
        assert_eq!(pack.len(), 3);
        for (key, bytes) in entries {
            assert_eq!(pack.get(key), Some(bytes));
        }
        assert_eq!(pack.get(2), None);

        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 2]).unwrap();
        let pack = Pack::read(&path);
        assert_eq!((pack.len(), pack.get(7)), (2, None), "the cut entry is a miss");
        assert_eq!(pack.get(1), Some(&b"one"[..]));

        std::fs::write(&path, b"something else entirely").unwrap();
        assert_eq!(Pack::read(&path).len(), 0);
        assert_eq!(Pack::read(&dir.path().join("missing")).len(), 0);
    }
}
