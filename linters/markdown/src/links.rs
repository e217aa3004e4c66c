//! Offline link checking: relative links and images whose target does not
//! exist (LG401), links to a heading anchor another Markdown file does not
//! have (LG402), and links that leave the repository (LG403). Targets are
//! URL-decoded, without query or fragment, relative to the file (`/x`:
//! relative to the repository root); file names are case-sensitive.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use lintgate_engine::diagnostic::Finding;
use pulldown_cmark::{Event, Tag};

use crate::anchors;
use crate::document::Document;

/// Anchors of the Markdown files links point into, read once per run.
#[derive(Default)]
pub struct AnchorCache {
    by_path: Mutex<HashMap<PathBuf, Option<Arc<HashSet<String>>>>>,
}

impl AnchorCache {
    fn anchors_of(&self, path: &Path) -> Option<Arc<HashSet<String>>> {
        if let Some(found) = self.by_path.lock().unwrap_or_else(|e| e.into_inner()).get(path) {
            return found.clone();
        }
        let found = std::fs::read_to_string(path).ok().map(|text| {
            let index = lintgate_engine::source::LineIndex::new(&text);
            Arc::new(anchors::of(&Document::parse(&text, &index)))
        });
        self.by_path
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf(), found.clone());
        found
    }
}

pub struct LinkContext<'a> {
    pub file: &'a Path,
    pub root: &'a Path,
    pub cache: &'a AnchorCache,
}

pub fn check(
    doc: &Document,
    context: &LinkContext,
    enabled: &dyn Fn(&str) -> bool,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let dir = context.file.parent().unwrap_or(Path::new("."));
    for (event, range) in &doc.events {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            event
        else {
            continue;
        };
        let url = dest_url.trim();
        if url.is_empty() || url.starts_with('#') || has_scheme(url) || url.starts_with("//") {
            continue;
        }
        let (path_part, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        if path_part.is_empty() {
            continue;
        }
        let decoded = percent_decode(path_part);
        let target = if let Some(rooted) = decoded.strip_prefix('/') {
            normalize(&context.root.join(rooted))
        } else {
            normalize(&dir.join(&decoded))
        };
        let Some(target) = target.filter(|t| t.starts_with(context.root)) else {
            if enabled("LG403") {
                findings.push(Finding::new(
                    "LG403",
                    format!("`{url}` points outside the repository"),
                    range.clone(),
                ));
            }
            continue;
        };
        if !target.exists() {
            if enabled("LG401") {
                let message = format!("`{url}`: {} does not exist", display(&target, context.root));
                findings.push(Finding::new("LG401", message, range.clone()));
            }
            continue;
        }
        let is_markdown = target
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if let Some(fragment) =
            fragment.filter(|f| !f.is_empty() && is_markdown && enabled("LG402"))
            && let Some(anchors) = context.cache.anchors_of(&target)
            && !anchors::matches(&anchors, &percent_decode(fragment))
        {
            let message = format!(
                "`{url}`: {} has no heading or anchor `#{fragment}`",
                display(&target, context.root)
            );
            findings.push(Finding::new("LG402", message, range.clone()));
        }
    }
    findings
}

fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%20` -> ` `; invalid escapes stay as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves `.` and `..` without touching the disk; `None` above `/`.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

fn display(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .map_or_else(|_| path.display().to_string(), |p| p.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_and_schemes() {
        assert_eq!(percent_decode("my%20file.md"), "my file.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert!(has_scheme("https://x") && has_scheme("mailto:a@b"));
        assert!(!has_scheme("docs/a:b.md") && !has_scheme("./a.md"));
    }

    fn check_in(files: &[(&str, &str)], file: &str) -> Vec<(String, String)> {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        let index = lintgate_engine::source::LineIndex::new(&text);
        let doc = Document::parse(&text, &index);
        let cache = AnchorCache::default();
        let context = LinkContext { file: &dir.path().join(file), root: dir.path(), cache: &cache };
        check(&doc, &context, &|_| true)
            .into_iter()
            .map(|f| (f.code, text[f.range].to_string()))
            .collect()
    }

    #[test]
    fn missing_files_anchors_and_escapes() {
        let files = [
            (
                "docs/guide.md",
                "# Guide\n\n[ok](../README.md) [dir](./) [space](my%20notes.md) [missing](setup.md)\n[anchor](../README.md#install) [bad anchor](../README.md#nowhere) ![img](img/logo.png)\n[root](/README.md) [out](../../etc/passwd) [web](https://example.com/x.md) [frag](#guide)\n[ref]\n\n[ref]: ./gone.md\n",
            ),
            ("docs/my notes.md", "# Notes\n"),
            ("README.md", "# Project\n\n## Install\n"),
        ];
        let found = check_in(&files, "docs/guide.md");
        let codes: Vec<(&str, &str)> =
            found.iter().map(|(c, t)| (c.as_str(), t.as_str())).collect();
        assert_eq!(
            codes,
            [
                ("LG401", "[missing](setup.md)"),
                ("LG402", "[bad anchor](../README.md#nowhere)"),
                ("LG401", "![img](img/logo.png)"),
                ("LG403", "[out](../../etc/passwd)"),
                ("LG401", "[ref]"),
            ]
        );
    }
}
