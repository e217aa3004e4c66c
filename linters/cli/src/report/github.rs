//! `--format github`: GitHub Actions workflow commands, one annotation each.

use std::fmt::Write;

use lintgate_engine::diagnostic::Severity;

use crate::runner::RunOutput;

pub fn render(run: &RunOutput) -> String {
    let mut out = String::new();
    for d in &run.diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} title={},file={},line={},col={},endLine={},endColumn={}::{}",
            property(&format!("lintgate ({})", d.code)),
            property(&d.path),
            d.start.line,
            d.start.column,
            d.end.line,
            d.end.column,
            data(&format!("{} {}", d.code, d.message)),
        );
    }
    out
}

/// Escaping for the message part of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping for a `key=value` property, where `:` and `,` are separators.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_separators() {
        assert_eq!(property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(data("50% a:b"), "50%25 a:b");
    }
}
