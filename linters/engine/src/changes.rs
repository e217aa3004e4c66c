//! What a change touched, from git: the files changed since the merge base
//! with a revision or staged in the index, and the lines added or modified
//! (`git diff -U0` from the merge base to the working tree, so local,
//! uncommitted edits count too; in CI the working tree is HEAD), plus every
//! line of untracked files that are not ignored. Used by `--since`,
//! `--staged`, `--new-only` and the coverage gate's diff gate.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Changed lines per repository-relative path, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedLines {
    pub merge_base: String,
    pub files: BTreeMap<String, Vec<u32>>,
}

/// The merge base of `base` and HEAD, with errors that say what to do
/// (a shallow clone is the usual reason it is missing).
pub fn merge_base(root: &Path, base: &str) -> Result<String, String> {
    let shallow =
        || git(root, &["rev-parse", "--is-shallow-repository"]).is_ok_and(|o| o.trim() == "true");
    let deepen = "this is a shallow clone: fetch more history (`git fetch --unshallow`, or `git fetch --deepen=N origin BRANCH`), or raise GIT_DEPTH in the CI job (GitLab's default of 20 commits is often too few)";
    if git(root, &["rev-parse", "--verify", "--quiet", &format!("{base}^{{commit}}")]).is_err() {
        let hint = if shallow() { deepen } else { "fetch it, or name another revision" };
        return Err(format!("the base revision `{base}` is not in this repository: {hint}"));
    }
    let merge_base = git(root, &["merge-base", base, "HEAD"]).map_err(|e| {
        if shallow() {
            format!("no merge base of `{base}` and HEAD: {deepen}")
        } else {
            format!("no merge base of `{base}` and HEAD (unrelated histories?): {e}")
        }
    })?;
    Ok(merge_base.trim().to_string())
}

pub fn changed_since(root: &Path, base: &str) -> Result<ChangedLines, String> {
    let merge_base = merge_base(root, base)?;
    let diff = git(
        root,
        &[
            "-c",
            "core.quotepath=off",
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--no-prefix",
            "-M",
            &merge_base,
            "--",
        ],
    )?;
    let mut changed = ChangedLines { merge_base, files: parse_diff(&diff) };
    for path in untracked(root)? {
        if let Ok(text) = std::fs::read(root.join(&path)) {
            let lines = memchr::memchr_iter(b'\n', &text).count()
                + usize::from(!text.ends_with(b"\n") && !text.is_empty());
            changed.files.insert(path, (1..=lines as u32).collect());
        }
    }
    Ok(changed)
}

/// The lines staged in the index (index against HEAD; everything for a
/// repository without commits).
pub fn staged_lines(root: &Path) -> Result<ChangedLines, String> {
    let head = git(root, &["rev-parse", "--verify", "--quiet", "HEAD"]).ok();
    let mut args = vec!["-c", "core.quotepath=off", "diff", "--cached", "-U0", "--no-color"];
    args.extend(["--no-ext-diff", "--no-prefix", "-M"]);
    let base = head.as_deref().map(str::trim).unwrap_or(EMPTY_TREE);
    args.extend([base, "--"]);
    Ok(ChangedLines { merge_base: base.to_string(), files: parse_diff(&git(root, &args)?) })
}

/// Git's empty tree: what a repository without commits is compared with.
const EMPTY_TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/// Files that exist after the change (added, copied, modified, renamed,
/// type-changed), without submodules, from a `git diff --raw -z` listing.
fn changed_paths(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fields = raw.split('\0');
    while let Some(meta) = fields.next() {
        let Some(meta) = meta.strip_prefix(':') else { continue };
        let parts: Vec<&str> = meta.split(' ').collect();
        let (new_mode, status) =
            (parts.get(1).copied().unwrap_or(""), parts.get(4).copied().unwrap_or(""));
        let renamed = status.starts_with('R') || status.starts_with('C');
        let first = fields.next();
        let path = if renamed { fields.next() } else { first };
        let Some(path) = path else { break };
        // 160000 is a submodule; D a deletion.
        if new_mode != "160000" && !status.starts_with('D') && !status.starts_with('U') {
            out.push(path.to_string());
        }
    }
    out
}

/// Files changed since the merge base with `base` (committed or not) plus
/// untracked files that are not ignored, sorted.
pub fn files_since(root: &Path, base: &str) -> Result<(String, Vec<String>), String> {
    let merge_base = merge_base(root, base)?;
    let raw = git(root, &["diff", "--raw", "-z", "--no-ext-diff", "-M", &merge_base, "--"])?;
    let mut files = changed_paths(&raw);
    files.extend(untracked(root)?);
    files.sort();
    files.dedup();
    Ok((merge_base, files))
}

/// Files staged in the index (what the next commit changes), sorted.
pub fn staged_files(root: &Path) -> Result<Vec<String>, String> {
    let head = git(root, &["rev-parse", "--verify", "--quiet", "HEAD"]).ok();
    let base = head.as_deref().map(str::trim).unwrap_or(EMPTY_TREE);
    let raw = git(root, &["diff", "--cached", "--raw", "-z", "--no-ext-diff", "-M", base, "--"])?;
    let mut files = changed_paths(&raw);
    files.sort();
    Ok(files)
}

/// The staged content of `path` (the index blob), as the commit will have it.
pub fn index_content(root: &Path, path: &str) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "blob", &format!(":{path}")])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(format!(
            "cannot read the staged {path}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

fn untracked(root: &Path) -> Result<Vec<String>, String> {
    let listing = git(
        root,
        &["-c", "core.quotepath=off", "ls-files", "-z", "--others", "--exclude-standard"],
    )?;
    Ok(listing.split('\0').filter(|p| !p.is_empty()).map(str::to_string).collect())
}

/// The added lines of each file in a `--no-prefix -U0` diff.
pub fn parse_diff(diff: &str) -> BTreeMap<String, Vec<u32>> {
    let mut files: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if line.starts_with("diff --git ") {
            current = None;
        } else if let Some(path) = line.strip_prefix("+++ ") {
            current = (path != "/dev/null").then(|| unquote(path));
        } else if let (Some(hunk), Some(path)) = (line.strip_prefix("@@ "), current.as_ref())
            && let Some((start, count)) = added_range(hunk)
        {
            files.entry(path.clone()).or_default().extend(start..start + count);
        }
    }
    files
}

/// `-a,b +c,d @@ ...` -> (c, d); `d` defaults to 1.
fn added_range(hunk: &str) -> Option<(u32, u32)> {
    let plus = hunk.split_whitespace().find(|f| f.starts_with('+'))?;
    let plus = &plus[1..];
    let (start, count) = match plus.split_once(',') {
        Some((start, count)) => (start.parse().ok()?, count.parse().ok()?),
        None => (plus.parse().ok()?, 1),
    };
    Some((start, count))
}

/// Git quotes paths with special characters C-style: `"a\tb.py"`.
fn unquote(path: &str) -> String {
    let Some(inner) = path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
        return path.to_string();
    };
    let mut bytes = Vec::new();
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b't') => bytes.push(b'\t'),
            Some(b'n') => bytes.push(b'\n'),
            Some(b'"') => bytes.push(b'"'),
            Some(b'\\') => bytes.push(b'\\'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&n @ b'0'..=b'7') = chars.peek() {
                        value = value * 8 + u32::from(n - b'0');
                        chars.next();
                    }
                }
                bytes.push(value as u8);
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Files git reports as renamed between `commit` and the working tree
/// (committed or staged renames), as (old, new) repository-relative paths.
pub fn renames_since(root: &Path, commit: &str) -> Result<Vec<(String, String)>, String> {
    let raw = git(root, &["diff", "-M", "--name-status", "-z", commit, "--"])?;
    let mut fields = raw.split('\0');
    let mut renames = Vec::new();
    while let Some(status) = fields.next() {
        if status.is_empty() {
            continue;
        }
        let old = fields.next().unwrap_or_default();
        if status.starts_with('R') {
            let new = fields.next().unwrap_or_default();
            renames.push((old.to_string(), new.to_string()));
        } else if status.starts_with('C') {
            fields.next();
        }
    }
    Ok(renames)
}

/// The commit `HEAD` names, if `root` is in a git repository with one.
pub fn head_commit(root: &Path) -> Option<String> {
    git(root, &["rev-parse", "--verify", "-q", "HEAD"]).ok().map(|s| s.trim().to_string())
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_listings_keep_files_that_exist_after_the_change() {
        let raw = ":100644 100644 aaa bbb M\0a.py\0:000000 100644 000 ccc A\0new file.sh\0:100644 000000 ddd 000 D\0gone.py\0:100644 100644 eee fff R087\0old.md\0new.md\0:000000 160000 000 111 A\0vendor/sub\0";
        assert_eq!(changed_paths(raw), ["a.py", "new file.sh", "new.md"]);
    }

    #[test]
    fn reads_added_lines_renames_and_quoted_paths() {
        let diff = "diff --git a.py a.py\nindex 1..2 100644\n--- a.py\n+++ a.py\n@@ -3,0 +4,2 @@ def f():\n+x\n+y\n@@ -10 +12 @@\n-a\n+b\n@@ -20,3 +22,0 @@\n-gone\ndiff --git old.py new.py\nsimilarity index 90%\nrename from old.py\nrename to new.py\n--- old.py\n+++ new.py\n@@ -1 +1 @@\n-p\n+q\ndiff --git gone.py gone.py\n--- gone.py\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-x\n-y\ndiff --git \"t\\tab.py\" \"t\\tab.py\"\n--- \"t\\tab.py\"\n+++ \"t\\tab.py\"\n@@ -0,0 +1 @@\n+z\n";
        let files = parse_diff(diff);
        assert_eq!(files["a.py"], vec![4, 5, 12]);
        assert_eq!(files["new.py"], vec![1]);
        assert_eq!(files["t\tab.py"], vec![1]);
        assert!(!files.contains_key("gone.py"));
        assert_eq!(unquote("\"caf\\303\\251.py\""), "café.py");
    }
}
