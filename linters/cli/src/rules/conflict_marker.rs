//! LG005: merge-conflict markers left in a file.

use lintgate_engine::checker::{FileChecker, FileContext, FileOutput};
use lintgate_engine::diagnostic::Finding;
use lintgate_engine::kind::FileKind;
use lintgate_engine::source::SourceFile;

pub const CODE: &str = "LG005";

/// The runner's text-level checks, run on every file whatever its kind.
pub struct RunnerChecker;

impl FileChecker for RunnerChecker {
    fn name(&self) -> &'static str {
        "runner"
    }

    fn handles(&self, _kind: FileKind) -> bool {
        true
    }

    /// Reads nothing but the file.
    fn cache_key(&self, _file: &SourceFile, _context: &FileContext) -> Option<u64> {
        Some(0)
    }

    fn check(&self, file: &SourceFile, context: &FileContext) -> FileOutput {
        let mut output = FileOutput::default();
        if context.is_enabled(CODE) {
            output.findings = conflict_markers(&file.text);
        }
        output
    }
}

fn conflict_markers(text: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(marker) = marker(content) {
            let message = format!("merge-conflict marker `{marker}` left in the file");
            findings.push(Finding::new(CODE, message, offset..offset + marker.len()));
        }
        offset += line.len();
    }
    findings
}

/// git writes `<<<<<<< ours`, `||||||| base`, `=======`, `>>>>>>> theirs`:
/// seven characters, then a space and a label or the end of the line.
fn marker(line: &str) -> Option<&'static str> {
    for marker in ["<<<<<<<", "|||||||", ">>>>>>>"] {
        if let Some(rest) = line.strip_prefix(marker)
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return Some(marker);
        }
    }
    (line == "=======").then_some("=======")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_git_markers_only() {
        let text = "a\n<<<<<<< HEAD\nb\n||||||| base\n=======\nc\n>>>>>>> topic\r\n";
        let found: Vec<_> = conflict_markers(text)
            .into_iter()
            .map(|f| &text[f.range])
            .collect::<Vec<_>>()
            .into_iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(found, ["<<<<<<<", "|||||||", "=======", ">>>>>>>"]);
        let not_markers = "========\n======= x\n <<<<<<< HEAD\n<<<<<<<<\n>>>>>>>>> x\n";
        assert!(conflict_markers(not_markers).is_empty());
    }
}
