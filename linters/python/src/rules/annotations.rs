//! F722: a string annotation that is not one expression.

use crate::codes::{Code, Report};
use crate::syntax::{StringAnnotation, TextRange};

/// Parses `value`, the text of a string annotation found at `at`; reports
/// it when it is not one expression.
pub fn forward_annotation(
    report: &mut Report,
    value: &str,
    at: TextRange,
) -> Option<StringAnnotation> {
    let parsed = StringAnnotation::parse(value);
    if parsed.is_none() {
        let shown = value.escape_debug();
        report.push(Code::F722, format!("syntax error in the string annotation `{shown}`"), at);
    }
    parsed
}

#[cfg(test)]
mod tests {
    fn ok(text: &str) -> bool {
        crate::syntax::StringAnnotation::parse(text).is_some()
    }

    /// What CPython 3.11's `ast.parse` makes of these (one `Expr` or not).
    #[test]
    fn strings_read_as_python_reads_them() {
        for good in [
            "List[int]",
            "*Ts",
            "match",
            "type",
            "await x",
            "yield",
            "(x := 1)",
            "lambda: 1",
            "...",
            "int,",
            "a[*b]",
            "\\\nint",
            "f\"{x}\"",
            "int\r\n",
            "int\x0c",
            "\x0cint",
            "\nint\n",
            "int  # note",
        ] {
            assert!(ok(good), "{good:?} is an expression");
        }
        for bad in [
            "List[int",
            " int",
            "\tint",
            "",
            "# note",
            "x = 1",
            "x := 1",
            "a; b",
            "async",
            "not a type",
            "/T",
            "a\\",
            "List[int]  \\\n",
            "\n\n  int",
            "def f(): pass",
            "\u{feff}int",
        ] {
            assert!(!ok(bad), "{bad:?} is not one expression");
        }
    }
}
