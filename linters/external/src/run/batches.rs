//! Splitting files into batches, one process each: as few batches as
//! `max-batch` and the command-line limit allow, with the bytes to check
//! spread evenly so that parallel processes finish together.

use super::argv::FileArg;

/// How many bytes of file names one process may be given. Linux allows
/// 2 MiB of arguments and environment together (and 128 KiB per item);
/// staying far below leaves room for a large environment.
pub const MAX_ARGV_BYTES: usize = 128 * 1024;

/// Indices into `files`, one list per batch, each in the original order.
pub fn split(files: &[FileArg], max_files: Option<usize>, max_bytes: usize) -> Vec<Vec<usize>> {
    if files.is_empty() {
        return Vec::new();
    }
    let max_files = max_files.unwrap_or(usize::MAX).max(1);
    let total_cost: usize = files.iter().map(FileArg::cost).sum();
    let wanted = files.len().div_ceil(max_files).max(total_cost.div_ceil(max_bytes)).max(1);
    let mut bins: Vec<Bin> = (0..wanted).map(|_| Bin::default()).collect();
    // Largest first into the lightest batch with room: the classic greedy
    // schedule, within a few percent of the best balance.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(files[i].size));
    for i in order {
        let cost = files[i].cost();
        let lightest = bins
            .iter_mut()
            .filter(|b| b.has_room(cost, max_files, max_bytes))
            .min_by_key(|b| b.bytes);
        match lightest {
            Some(bin) => bin.add(i, &files[i]),
            None => {
                let mut bin = Bin::default();
                bin.add(i, &files[i]);
                bins.push(bin);
            }
        }
    }
    let mut batches: Vec<Vec<usize>> =
        bins.into_iter().map(|b| b.files).filter(|f| !f.is_empty()).collect();
    for batch in &mut batches {
        batch.sort_unstable();
    }
    batches.sort_unstable();
    batches
}

#[derive(Default)]
struct Bin {
    files: Vec<usize>,
    bytes: u64,
    cost: usize,
}

impl Bin {
    /// A file too long for any batch still gets an empty one of its own.
    fn has_room(&self, cost: usize, max_files: usize, max_bytes: usize) -> bool {
        self.files.is_empty() || (self.files.len() < max_files && self.cost + cost <= max_bytes)
    }

    fn add(&mut self, index: usize, file: &FileArg) {
        self.files.push(index);
        self.bytes += file.size;
        self.cost += file.cost();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, size: u64) -> FileArg {
        FileArg { arg: name.into(), display: name.into(), size }
    }

    #[test]
    fn one_batch_without_limits() {
        let files = [file("a", 1), file("b", 2), file("c", 3)];
        assert_eq!(split(&files, None, MAX_ARGV_BYTES), [vec![0, 1, 2]]);
        assert!(split(&[], None, MAX_ARGV_BYTES).is_empty());
    }

    #[test]
    fn max_batch_splits_and_balances_sizes() {
        let sizes = [100, 1, 1, 1, 50, 50];
        let files: Vec<FileArg> = sizes.iter().map(|&s| file("f", s)).collect();
        let batches = split(&files, Some(3), MAX_ARGV_BYTES);
        // 100 | 50 50 | then the small ones to whichever is lighter.
        assert_eq!(batches, [vec![0, 1, 3], vec![2, 4, 5]]);
        for batch in &batches {
            assert!(batch.len() <= 3);
        }
    }

    #[test]
    fn the_command_line_limit_splits_long_lists() {
        let name = "n".repeat(1000);
        let files: Vec<FileArg> = (0..300).map(|_| file(&name, 10)).collect();
        let batches = split(&files, None, MAX_ARGV_BYTES);
        assert_eq!(batches.len(), 3);
        for batch in &batches {
            let cost: usize = batch.iter().map(|&i| files[i].cost()).sum();
            assert!(cost <= MAX_ARGV_BYTES, "{cost}");
        }
        let all: usize = batches.iter().map(Vec::len).sum();
        assert_eq!(all, 300);
    }

    #[test]
    fn a_name_longer_than_the_limit_gets_a_batch_of_its_own() {
        let files = [file("short", 1), file(&"x".repeat(200), 1)];
        assert_eq!(split(&files, None, 100), [vec![0], vec![1]]);
    }
}
