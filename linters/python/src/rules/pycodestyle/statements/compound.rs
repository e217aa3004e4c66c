//! E701–E704: more than one statement on a line, found as pycodestyle
//! finds them: a `:` outside brackets with more text after it (E701 after a
//! block keyword, E704 after `def`), and every `;` (E703 when it ends the
//! line, E702 otherwise). A `lambda` before the colon ends the search.

use super::super::blank_lines::starts_def;
use super::super::physical::{first_word, is_space, is_word};
use crate::codes::{Code, Report};
use crate::logical::LogicalLine;

pub fn check(line: &LogicalLine, report: &mut Report) {
    let text = line.text();
    let bytes = text.as_bytes();
    let last = bytes.len().saturating_sub(1);
    // Brackets opened minus closed before the colon; pycodestyle compares
    // the counts of each kind separately.
    let mut open = [0usize; 3];
    let mut close = [0usize; 3];
    let mut counted = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find(':').map(|i| search + i) {
        if found >= last {
            break;
        }
        for byte in &bytes[counted..found] {
            match byte {
                b'{' => open[0] += 1,
                b'[' => open[1] += 1,
                b'(' => open[2] += 1,
                b'}' => close[0] += 1,
                b']' => close[1] += 1,
                b')' => close[2] += 1,
                _ => {}
            }
        }
        counted = found;
        let outside = open.iter().zip(&close).all(|(o, c)| o <= c);
        if outside && bytes[found + 1] != b'=' {
            if has_lambda(&text[..found]) {
                break;
            }
            if starts_def(text) {
                let start = line.file_offset(0);
                report.push_bytes(Code::E704, "statement on the same line as `def`", start..start);
            } else if starts_block(text) {
                let at = line.file_offset(found);
                report.push_bytes(
                    Code::E701,
                    "multiple statements on one line (colon)",
                    at..at + 1,
                );
            }
        }
        search = found + 1;
    }
    for (found, _) in text.match_indices(';') {
        let at = line.file_offset(found);
        if found < last {
            report.push_bytes(
                Code::E702,
                "multiple statements on one line (semicolon)",
                at..at + 1,
            );
        } else {
            report.push_bytes(Code::E703, "statement ends with a semicolon", at..at + 1);
        }
    }
}

/// `\blambda\b` in `text` (its end counts as a boundary).
fn has_lambda(text: &str) -> bool {
    text.match_indices("lambda").any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + "lambda".len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// pycodestyle's `STARTSWITH_INDENT_STATEMENT_REGEX`: a keyword that opens
/// a block, after any indentation.
fn starts_block(text: &str) -> bool {
    let text = text.trim_start_matches(is_space);
    match first_word(text) {
        "def" | "for" | "if" | "elif" | "else" | "try" | "except" | "finally" | "with"
        | "class" | "while" => true,
        "async" => {
            let rest = &text["async".len()..];
            let after = rest.trim_start_matches(is_space);
            after.len() < rest.len() && matches!(first_word(after), "def" | "for" | "with")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_and_block_keywords_as_pycodestyle_reads_them() {
        assert!(has_lambda("f = lambda"));
        assert!(has_lambda("(lambda x"));
        assert!(!has_lambda("lambdas = x"));
        assert!(!has_lambda("my_lambda = x"));
        assert!(starts_block("  elif x"));
        assert!(starts_block("async  with a"));
        assert!(starts_block("if(x)"));
        assert!(!starts_block("format = 1"));
        assert!(!starts_block("match x"));
    }
}
