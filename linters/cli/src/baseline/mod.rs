//! A committed baseline of known findings: `lintgate baseline` records them,
//! `lint` hides the ones it lists (counting them) and reports the entries
//! that no longer occur (stale). Entries are matched by fingerprint, which
//! survives line shifts and unrelated edits; an entry follows its file
//! across a rename git reports since the baseline's commit.

mod format;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use lintgate_engine::diagnostic::Diagnostic;
use lintgate_engine::fingerprint;

pub use format::{BaselineFile, Entry, parse, render};

/// The default file name, at the repository root.
pub const DEFAULT_FILE: &str = "lintgate-baseline.json";

/// The text of the baseline at `path` (shown as `shown` in errors), for
/// `parse_file`: entries borrow from it.
pub fn read(path: &Path, shown: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            format!(
                "{shown}: the baseline does not exist; write it with `lintgate baseline -o {shown}`"
            )
        }
        _ => format!("{shown}: cannot read the baseline: {e}"),
    })
}

/// Parses the text `read` returned; errors name the file as `shown`.
pub fn parse_file<'t>(text: &'t str, shown: &str) -> Result<BaselineFile<'t>, String> {
    parse(text).map_err(|e| e.in_file(shown))
}

/// What applying a baseline did.
#[derive(Debug, Default)]
pub struct Applied {
    /// Findings hidden because the baseline lists them.
    pub hidden: usize,
    /// Entries that no longer occur (see [`apply`]).
    /// Positions in the baseline's entries.
    pub stale: Vec<usize>,
    /// Paths of stale entries whose file no longer exists.
    pub missing_files: Vec<String>,
}

/// Hides the `diagnostics` the baseline lists. `renames` are (old, new)
/// paths git reports since the baseline's commit: a finding in a renamed
/// file also matches the entry it had under the old name. An entry no
/// finding matched is stale when its file no longer exists, or, when
/// `whole_repository` (every file was linted), always.
pub fn apply(
    file: &BaselineFile,
    diagnostics: &mut Vec<Diagnostic>,
    renames: &[(String, String)],
    whole_repository: bool,
    root: &Path,
) -> Applied {
    let index: HashMap<&str, usize> =
        file.entries.iter().enumerate().map(|(i, e)| (e.fingerprint.as_ref(), i)).collect();
    let mut matched = vec![false; file.entries.len()];
    let old_fingerprints = renamed_fingerprints(diagnostics, renames);
    let mut hidden = 0;
    let mut i = 0;
    diagnostics.retain(|d| {
        let at_old = old_fingerprints.get(&i).map(String::as_str);
        i += 1;
        let hit =
            [Some(d.fingerprint.as_str()), at_old].into_iter().flatten().find_map(|f| index.get(f));
        match hit {
            Some(&entry) => {
                matched[entry] = true;
                hidden += 1;
                false
            }
            None => true,
        }
    });
    let mut applied = Applied { hidden, ..Applied::default() };
    let mut exists: HashMap<&str, bool> = HashMap::new();
    let mut missing = BTreeSet::new();
    for (i, (entry, matched)) in file.entries.iter().zip(matched).enumerate() {
        if matched {
            continue;
        }
        let gone =
            !*exists.entry(&entry.path).or_insert_with(|| root.join(entry.path.as_ref()).exists());
        if gone {
            missing.insert(entry.path.to_string());
        }
        if gone || whole_repository {
            applied.stale.push(i);
        }
    }
    applied.missing_files = missing.into_iter().collect();
    applied
}

/// For diagnostics in a renamed file (by position in `diagnostics`): the
/// fingerprint each would have had under the file's old name.
fn renamed_fingerprints(
    diagnostics: &[Diagnostic],
    renames: &[(String, String)],
) -> HashMap<usize, String> {
    let old_name: HashMap<&str, &str> =
        renames.iter().map(|(o, n)| (n.as_str(), o.as_str())).collect();
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if old_name.contains_key(d.path.as_str()) {
            by_file.entry(d.path.as_str()).or_default().push(i);
        }
    }
    let mut out = HashMap::new();
    for (path, positions) in by_file {
        let of_file: Vec<&Diagnostic> = positions.iter().map(|&i| &diagnostics[i]).collect();
        let fingerprints = fingerprint::fingerprints_as(&of_file, old_name[path]);
        out.extend(positions.into_iter().zip(fingerprints));
    }
    out
}

/// The baseline entries of `diagnostics`, with `commit`.
pub fn record(diagnostics: &[Diagnostic], commit: Option<String>) -> BaselineFile<'_> {
    let entries = diagnostics
        .iter()
        .map(|d| Entry {
            path: d.path.as_str().into(),
            code: d.code.as_str().into(),
            fingerprint: d.fingerprint.as_str().into(),
            message: d.message.as_str().into(),
        })
        .collect();
    BaselineFile { commit, entries }
}
