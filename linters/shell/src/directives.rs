//! `# shellcheck key=value ...` comments (and the `# lintgate: disable=...`
//! alias) and their scope: before the first command, the whole file;
//! elsewhere, the command or compound command that follows.

use std::ops::Range;

use lintgate_engine::suppression::{CodeSpec, Codes, Scope, Suppression};
use tree_sitter::Node;

/// One directive comment, parsed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Directive {
    /// `disable=` codes with their byte ranges in the file.
    pub disable: Vec<(CodeSpec, Range<usize>)>,
    pub disable_all: bool,
    pub shell: Option<String>,
    /// `source=path`: the file the next `.`/`source` reads.
    pub source: Option<String>,
}

/// Parses the text of a comment (with its `#`), if it is a directive.
/// `offset` is where the comment starts in the file.
pub fn parse_comment(comment: &str, offset: usize) -> Option<Directive> {
    let body = comment.strip_prefix('#')?;
    let trimmed = body.trim_start();
    let rest = trimmed.strip_prefix("shellcheck").or_else(|| trimmed.strip_prefix("lintgate:"))?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let mut directive = Directive::default();
    let mut position = offset + 1 + (body.len() - trimmed.len()) + (trimmed.len() - rest.len());
    for word in rest.split_inclusive(char::is_whitespace) {
        let start = position;
        position += word.len();
        let word = word.trim_end();
        let Some((key, value)) = word.split_once('=') else {
            if word.starts_with('#') {
                break; // a comment after the directive
            }
            continue;
        };
        match key {
            "disable" => {
                let mut at = start + key.len() + 1;
                for item in value.split(',') {
                    let range = at..at + item.len();
                    at += item.len() + 1;
                    if item == "all" {
                        directive.disable_all = true;
                    } else if let Some(spec) = code_spec(item) {
                        directive.disable.push((spec, range));
                    }
                }
            }
            "shell" => directive.shell = Some(value.to_string()),
            "source" => directive.source = Some(value.to_string()),
            // `enable` names optional checks, none of which are implemented;
            // `source-path` and `external-sources` only matter to checks
            // that follow sourced files.
            _ => {}
        }
    }
    Some(directive)
}

/// `SC2086`, `2086` or a range `SC2000-SC2999`.
pub fn code_spec(item: &str) -> Option<CodeSpec> {
    let normal = |code: &str| -> Option<String> {
        let digits = code.strip_prefix("SC").unwrap_or(code);
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("SC{digits}"))
    };
    match item.split_once('-') {
        Some((low, high)) => Some(CodeSpec::Range(normal(low)?, normal(high)?)),
        None => Some(CodeSpec::Exact(normal(item)?)),
    }
}

/// The scope of a directive comment: the whole file before the first
/// command, else the next statement's lines (none if nothing follows).
pub fn scope(comment: Node) -> Option<Scope> {
    let parent = comment.parent()?;
    let mut previous = comment.prev_named_sibling();
    while let Some(p) = previous {
        if p.kind() != "comment" {
            break;
        }
        previous = p.prev_named_sibling();
    }
    if parent.kind() == "program" && previous.is_none() {
        return Some(Scope::File);
    }
    let mut next = comment.next_named_sibling();
    while let Some(n) = next {
        if n.kind() != "comment" {
            break;
        }
        next = n.next_named_sibling();
    }
    let target = next?;
    let first = target.start_position().row as u32 + 1;
    let last = target.end_position().row as u32 + 1;
    Some(Scope::Lines { first, last })
}

/// The suppression a directive makes, if it disables anything.
pub fn suppression(directive: &Directive, scope: Scope) -> Option<Suppression> {
    if directive.disable_all {
        return Some(Suppression { scope, codes: Codes::All });
    }
    if directive.disable.is_empty() {
        return None;
    }
    Some(Suppression { scope, codes: Codes::Listed(directive.disable.clone()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives() {
        let d = parse_comment("# shellcheck disable=SC2086,2034 shell=sh", 10).unwrap();
        assert_eq!(d.shell.as_deref(), Some("sh"));
        let codes: Vec<_> = d.disable.iter().map(|(c, r)| (c.clone(), r.clone())).collect();
        assert_eq!(
            codes,
            [
                (CodeSpec::Exact("SC2086".into()), 31..37),
                (CodeSpec::Exact("SC2034".into()), 38..42)
            ]
        );
        let sourced = parse_comment("# shellcheck source=/dev/null disable=SC1091", 0).unwrap();
        assert_eq!(sourced.source.as_deref(), Some("/dev/null"));
        let d = parse_comment("#shellcheck disable=SC2000-SC2999", 0).unwrap();
        assert_eq!(d.disable[0].0, CodeSpec::Range("SC2000".into(), "SC2999".into()));
        assert!(parse_comment("# shellcheck disable=all", 0).unwrap().disable_all);
        assert!(parse_comment("# lintgate: disable=SC2086", 0).unwrap().disable.len() == 1);
        assert_eq!(parse_comment("# shellcheckrc is a file", 0), None);
        assert_eq!(parse_comment("# plain comment", 0), None);
    }
}
