//! check-jsonschema errors about what GitLab accepts, each with the reason
//! (listed in `docs/ci-compatibility.md`); they are reported apart and not
//! counted against lintgate. The YAML is read with lintgate's parser only
//! to find the tag of the value an error is about.

use lintgate_ciyaml::yaml::{self, Document, Node, Value};

/// Why GitLab accepts what check-jsonschema rejects at `segments` (with
/// `deeper`, the paths of the sub-errors of an `anyOf`), or `None`.
pub fn reason(
    text: &str,
    segments: &[String],
    message: &str,
    deeper: &[Vec<String>],
) -> Option<&'static str> {
    if message.ends_with("is not a 'regex'") {
        return Some("`regex` format, checked as an ECMAScript regex, not as GitLab's RE2");
    }
    let keyword_value = segments.last().is_some_and(|s| s.parse::<usize>().is_err())
        && !segments.iter().any(|s| s == "variables" || s == "inputs");
    if message.starts_with("None ") && keyword_value {
        return Some("a keyword set to null, which GitLab reads as not set");
    }
    if segments.first().is_some_and(|s| s == "include") && has_variable(message) {
        return Some("a CI/CD variable in `include`, which GitLab expands first");
    }
    let doc = yaml::parse(text);
    let deepest = deeper.iter().map(Vec::len).max().unwrap_or(0);
    let deepest_in_reference = deepest > segments.len()
        && deeper.iter().filter(|d| d.len() == deepest).all(|d| in_reference(&doc, d));
    if in_reference(&doc, segments) || deepest_in_reference {
        return Some("a `!reference`, which GitLab replaces first");
    }
    None
}

/// Whether the value at `segments`, or one it is inside, is a `!reference`.
fn in_reference(doc: &Document, segments: &[String]) -> bool {
    let mut node: Node = doc.root.clone();
    for segment in segments {
        let Some(resolved) = doc.resolve(&node) else { return false };
        if is_reference(&resolved) {
            return true;
        }
        let next = match &resolved.value {
            Value::Mapping(_) => doc.get(&resolved, segment),
            Value::Sequence(items) => {
                segment.parse::<usize>().ok().and_then(|i| items.get(i).cloned())
            }
            _ => None,
        };
        let Some(next) = next else { return false };
        node = next;
    }
    doc.resolve(&node).is_some_and(|n| is_reference(&n))
}

fn is_reference(node: &Node) -> bool {
    node.tag.as_deref() == Some("!reference")
}

/// `$NAME` or `${NAME}` in the message's copy of the value.
fn has_variable(message: &str) -> bool {
    message.match_indices('$').any(|(at, _)| {
        message[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c == '{' || c == '_' || c.is_ascii_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::reason;

    fn path(p: &str) -> Vec<String> {
        super::super::paths::segments(p)
    }

    #[test]
    fn each_documented_case_is_recognised() {
        let text = "workflow: !reference [.wf]\nbuild:\n  script: [a]\n";
        let at = |p: &str, m: &str| reason(text, &path(p), m, &[]);
        assert!(at("$.build.coverage", "'/x(/' is not a 'regex'").is_some());
        assert!(
            at("$.before_script", "None is not valid under any of the given schemas").is_some()
        );
        assert!(
            at("$.include", "{'remote': '$URL'} is not valid under any of the given schemas")
                .is_some()
        );
        assert!(
            at("$.workflow", "['.wf'] is not of type 'object'").unwrap().contains("!reference")
        );
    }

    #[test]
    fn other_errors_are_compared() {
        let text = "build:\n  script: [a]\n  when: sometimes\n  cache:\n    paths: [a, ~]\n";
        let at = |p: &str, m: &str| reason(text, &path(p), m, &[]);
        assert_eq!(at("$.build.when", "'sometimes' is not one of ['always']"), None);
        assert_eq!(at("$.build.cache.paths[1]", "None is not of type 'string'"), None);
        assert_eq!(at("$.variables.A", "None is not valid under any of the given schemas"), None);
        assert_eq!(
            at("$.include", "{'remote': 'ftp://x'} is not valid under any of the given schemas"),
            None
        );
    }
}
