//! For commands whose exit code is the whole answer: a failing exit code is
//! one finding about the repository, and what the command printed is its
//! message (shortened: a test suite can print megabytes).

use super::ToolFinding;

const MAX_LINES: usize = 40;
const MAX_CHARS: usize = 4000;

pub fn parse(output: &str) -> Result<Vec<ToolFinding>, String> {
    Ok(vec![ToolFinding { message: message(output), ..ToolFinding::default() }])
}

fn message(output: &str) -> String {
    let output = output.trim();
    if output.is_empty() {
        return "the command failed and printed nothing".into();
    }
    let mut kept = String::new();
    let mut lines = output.lines();
    for line in lines.by_ref().take(MAX_LINES) {
        if kept.chars().count() + line.chars().count() > MAX_CHARS {
            kept.push_str("\n…");
            break;
        }
        if !kept.is_empty() {
            kept.push('\n');
        }
        kept.push_str(line.trim_end());
    }
    let left = lines.count();
    if left > 0 {
        kept.push_str(&format!("\n… ({left} more lines)"));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsers::testdata::captured;

    #[test]
    fn the_output_is_the_message() {
        let findings = parse(captured!("check-jsonschema-0.39.0.txt")).unwrap();
        assert_eq!(
            findings,
            [ToolFinding {
                message: "Schema validation errors were encountered.\n  ci/.gitlab-ci.yml::$.build.when: \
                          'sometimes' is not one of ['on_success', 'on_failure', 'always', 'never', \
                          'manual', 'delayed']"
                    .into(),
                ..ToolFinding::default()
            }]
        );
    }

    #[test]
    fn long_and_empty_outputs() {
        let long: String = (1..=100).map(|i| format!("line {i}\n")).collect();
        let message = &parse(&long).unwrap()[0].message;
        assert!(message.starts_with("line 1\nline 2\n"));
        assert!(message.ends_with("line 40\n… (60 more lines)"), "{message}");
        let wide = "x".repeat(5000);
        assert_eq!(parse(&format!("short\n{wide}")).unwrap()[0].message, "short\n…");
        assert_eq!(parse(" \n").unwrap()[0].message, "the command failed and printed nothing");
    }
}
