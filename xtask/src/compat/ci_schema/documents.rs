//! The configuration document of a GitLab CI file. A file that starts with
//! a `spec:` header (`spec: inputs: ...`, then `---`) holds its
//! configuration in the second YAML document; check-jsonschema reads one
//! document per file and fails to parse such files, so the configuration
//! is written to a copy of its own for it.

/// The text after the `---` that ends a `spec:` header, or `None` when the
/// file has no such header.
pub fn configuration(text: &str) -> Option<&str> {
    let mut offset = 0;
    let mut seen_spec = false;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end();
        if seen_spec && is_document_start(content) {
            return Some(&text[offset + line.len()..]);
        }
        if content.starts_with("spec:") {
            seen_spec = true;
        } else if !seen_spec && !is_blank_or_comment(content) && !is_document_start(content) {
            // Configuration before any header: a one-document file.
            return None;
        }
        offset += line.len();
    }
    None
}

fn is_document_start(line: &str) -> bool {
    line == "---" || line.starts_with("--- ") || line.starts_with("---\t")
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.is_empty() || line.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::configuration;

    #[test]
    fn the_document_after_a_spec_header() {
        let text = "# header\nspec:\n  inputs:\n    stage:\n      default: test\n---\n\njob:\n  script: a\n";
        assert_eq!(configuration(text), Some("\njob:\n  script: a\n"));
        let marked = "---\nspec:\n  inputs: {}\n--- # config\njob: {}\n";
        assert_eq!(configuration(marked), Some("job: {}\n"));
    }

    #[test]
    fn files_without_a_header_are_read_whole() {
        assert_eq!(configuration("---\njob:\n  script: a\n"), None);
        assert_eq!(configuration("job:\n  script: a\n---\nspec: {}\n"), None);
        assert_eq!(configuration("a: 1\n"), None);
    }
}
