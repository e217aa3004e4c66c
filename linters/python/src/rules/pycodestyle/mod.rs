//! pycodestyle's logical-line rules, on the logical lines built once per
//! file (`crate::logical`): each family is a module with its codes and one
//! `check` over the lines. The lines are built only when one of these codes
//! is on, so the default selection pays nothing for them.

mod blank_lines;
mod indentation;
pub(crate) mod physical;
mod statements;
mod whitespace;

use crate::codes::{Code, Report};
use crate::logical::LogicalLines;
use crate::syntax::TokenKind;

/// What the families need besides the lines.
pub struct Context {
    /// pycodestyle's `indent-size`.
    pub indent_size: usize,
    /// pycodestyle's `hang-closing`.
    pub hang_closing: bool,
    /// pycodestyle's `max-doc-length` (W505); `None`: W505 is off.
    pub max_doc_length: Option<usize>,
}

type Family = (&'static [Code], fn(&LogicalLines, &Context, &mut Report));

const FAMILIES: &[Family] = &[
    (indentation::CODES, indentation::check),
    (whitespace::CODES, whitespace::check),
    (blank_lines::CODES, blank_lines::check),
    (statements::CODES, statements::check),
];

/// Runs every family with a code on; `tokens`: the parser's tokens.
pub fn check(
    text: &str,
    tokens: impl IntoIterator<Item = (TokenKind, std::ops::Range<usize>)>,
    context: &Context,
    report: &mut Report,
) {
    let on: Vec<&Family> = FAMILIES.iter().filter(|(codes, _)| report.any_enabled(codes)).collect();
    if on.is_empty() {
        return;
    }
    let lines = LogicalLines::new(text, tokens);
    for (_, check) in on {
        check(&lines, context, report);
    }
}
