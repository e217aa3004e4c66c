//! E121–E129, E131, E133: continuation lines (pycodestyle's
//! `continued_indentation`), one pass over each logical line's tokens.
//!
//! A continuation line is either hanging (indented by `indent-size` from
//! the row that opened its bracket, or from a row ending in `:` inside it)
//! or visual (aligned with the first token after the bracket, or with an
//! earlier token pycodestyle accepts as a place to line up with). The state
//! follows pycodestyle's so that its quirks carry over; the look-ups it does
//! by scanning (the rows that opened a depth, the columns to line up with,
//! the rows holding open brackets) are maps and stacks here, so a logical
//! line of tens of thousands of rows stays linear.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::super::Context;
use super::rows::Rows;
use crate::codes::{Code, Report};
use crate::logical::{LogicalLine, LogicalLines, Token, TokenKind, expand_indent};

pub const CODES: &[Code] = &[
    Code::E121,
    Code::E122,
    Code::E123,
    Code::E124,
    Code::E125,
    Code::E126,
    Code::E127,
    Code::E128,
    Code::E129,
    Code::E131,
    Code::E133,
];

pub fn check(lines: &LogicalLines, context: &Context, rows: &Rows, report: &mut Report) {
    let tabs = lines.indent_char == Some('\t');
    for line in lines.iter() {
        check_line(&line, context, tabs, rows, report);
    }
}

/// What a column offers a continuation line starting there
/// (pycodestyle's `indent_chances`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chance<'s> {
    /// A verified visual indent.
    Visual,
    /// A string or comment started there: another may line up with it.
    Text,
    /// This operator or bracket: the same one may line up with it.
    Token(&'s str),
}

/// pycodestyle's `visual_indent` for the current continuation line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visual<'s> {
    /// A closing bracket or no positive hang: no visual indent possible.
    Excluded,
    /// The column offers nothing.
    Nothing,
    Offered(Chance<'s>),
}

impl Visual<'_> {
    fn is_truthy(self) -> bool {
        matches!(self, Visual::Offered(_))
    }
}

/// The rows that opened one bracket depth (the bracket's rows and rows
/// ending in `:` inside it), kept as pycodestyle scans them: the latest
/// one whose indent gives a valid hang wins, else the first one counts.
struct OpenRows {
    first_indent: isize,
    count: usize,
    /// Relative indent → the position of its latest row in the list.
    latest: FxHashMap<isize, usize>,
}

impl OpenRows {
    fn empty() -> Self {
        OpenRows { first_indent: 0, count: 0, latest: FxHashMap::default() }
    }

    fn starting_at(indent: isize) -> Self {
        let mut rows = OpenRows::empty();
        rows.push(indent);
        rows
    }

    fn push(&mut self, indent: isize) {
        if self.count == 0 {
            self.first_indent = indent;
        }
        self.latest.insert(indent, self.count);
        self.count += 1;
    }

    /// `(hang, whether it is valid)` for a row of relative indent `indent`.
    fn hang(&self, indent: isize, valid: &[isize]) -> (isize, bool) {
        let best = valid
            .iter()
            .filter_map(|hang| self.latest.get(&(indent - hang)).map(|at| (*at, *hang)))
            .max();
        match best {
            Some((_, hang)) => (hang, true),
            None => (indent - self.first_indent, false),
        }
    }
}

fn is_open(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace)
}

fn is_close(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace)
}

/// Python's `OP` tokens: ruff's operators less the keyword ones.
fn is_op(kind: TokenKind) -> bool {
    kind.is_operator()
        && !matches!(
            kind,
            TokenKind::And | TokenKind::Or | TokenKind::Not | TokenKind::In | TokenKind::Is
        )
}

fn is_newline(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Newline | TokenKind::NonLogicalNewline)
}

/// Python's `str.isspace()` on the rest of the row after `end`.
fn rest_is_space(rows: &Rows, row: usize, end: usize) -> bool {
    let text = rows.text(row);
    let from = end.saturating_sub(rows.start(row)).min(text.len());
    let rest = text.get(from..).unwrap_or_default();
    !rest.is_empty() && rest.chars().all(|c| c.is_whitespace() || matches!(c, '\x1c'..='\x1f'))
}

struct Finding {
    code: Code,
    message: &'static str,
    range: std::ops::Range<usize>,
}

fn check_line(line: &LogicalLine, context: &Context, tabs: bool, rows: &Rows, report: &mut Report) {
    let tokens = line.tokens();
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else { return };
    let first_row = rows.row_of(first.start);
    let last_row = rows.row_of(last.start);
    if last_row <= first_row {
        return;
    }
    let mut findings = Vec::new();
    continued_indentation(line, tokens, first_row, last_row, context, tabs, rows, &mut findings);
    for Finding { code, message, range } in findings {
        report.push_bytes(code, message, range);
    }
}

#[allow(clippy::too_many_arguments, clippy::too_many_lines)]
fn continued_indentation(
    line: &LogicalLine,
    tokens: &[Token],
    first_row: usize,
    last_row: usize,
    context: &Context,
    tabs: bool,
    rows: &Rows,
    findings: &mut Vec<Finding>,
) {
    let source = line.source();
    let size = isize::try_from(context.indent_size).unwrap_or(4);
    let hang_closing = context.hang_closing;
    let valid_hangs: &[isize] = if tabs { &[size, 2 * size] } else { &[size] };
    let indent_next = line.text().ends_with(':');
    let indent_level = isize::try_from(line.indent_level()).unwrap_or(0);
    let nrows = last_row - first_row + 1;
    let mut cursor = rows.cursor();

    let mut row = 0;
    let mut depth = 0;
    // Brackets opened on each row and not closed yet, and the rows that
    // have some, in order (pycodestyle scans back for the latest).
    let mut parens = vec![0u32; nrows];
    let mut open_parens: Vec<usize> = Vec::new();
    let mut rel_indent = vec![0isize; nrows];
    let mut open_rows = vec![OpenRows::starting_at(0)];
    let mut hangs: Vec<Option<isize>> = vec![None];
    let mut chances: BTreeMap<usize, Chance> = BTreeMap::new();
    let (_, first_column) = cursor.at(tokens[0].start);
    let mut last_indent = first_column;
    let mut visual = Visual::Nothing;
    let mut last_token_multiline = false;
    let mut indent = vec![first_column];

    for token in tokens {
        let text = &source[token.range()];
        let (start_row, column) = cursor.at(token.start);
        let token_row = start_row - first_row;
        let end_row = if !is_newline(token.kind) && text.contains(['\n', '\r']) {
            rows.row_of(token.end).saturating_sub(first_row).min(nrows - 1)
        } else {
            token_row
        };
        let mut newline = row < token_row;
        if newline {
            row = token_row;
            newline = !last_token_multiline && !is_newline(token.kind);
        }

        if newline {
            // The first token of a continuation line.
            last_indent = column;
            let own = isize::try_from(expand_indent(rows.text(start_row))).unwrap_or(0);
            rel_indent[row] = own - indent_level;
            let close_bracket = is_close(token.kind);
            let (hang, mut hanging_indent) = open_rows[depth].hang(rel_indent[row], valid_hangs);
            if let Some(known) = hangs[depth].filter(|h| *h != 0) {
                hanging_indent = hang == known;
            }
            visual = if close_bracket || hang <= 0 {
                Visual::Excluded
            } else {
                chances.get(&column).map_or(Visual::Nothing, |c| Visual::Offered(*c))
            };
            let mut push = |code, message| {
                findings.push(Finding { code, message, range: token.range() });
            };
            let visual_column = indent[depth];
            if close_bracket && visual_column != 0 {
                if column != visual_column {
                    push(Code::E124, "closing bracket does not match the visual indentation");
                }
            } else if close_bracket && hang == 0 {
                if hang_closing {
                    push(Code::E133, "closing bracket is missing indentation");
                }
            } else if visual_column != 0 && column < visual_column {
                if visual != Visual::Offered(Chance::Visual) {
                    push(Code::E128, "continuation line is under-indented for a visual indent");
                }
            } else if hanging_indent || (indent_next && rel_indent[row] == 2 * size) {
                if close_bracket && !hang_closing {
                    push(
                        Code::E123,
                        "closing bracket does not match the indentation of its opening line",
                    );
                }
                hangs[depth] = Some(hang);
            } else if visual == Visual::Offered(Chance::Visual) {
                indent[depth] = column;
            } else if matches!(visual, Visual::Offered(Chance::Text))
                || visual == Visual::Offered(Chance::Token(text))
            {
                // Lined up with a string, comment or the same token above.
            } else if hang <= 0 {
                push(Code::E122, "continuation line is missing indentation or outdented");
            } else if visual_column != 0 {
                push(Code::E127, "continuation line is over-indented for a visual indent");
            } else if !close_bracket && hangs[depth].is_some_and(|h| h != 0) {
                push(Code::E131, "continuation line is unaligned for a hanging indent");
            } else {
                hangs[depth] = Some(hang);
                if hang > size {
                    push(Code::E126, "continuation line is over-indented for a hanging indent");
                } else {
                    push(Code::E121, "continuation line is under-indented for a hanging indent");
                }
            }
        }

        // Where later lines may line up.
        let kind = token.kind;
        if parens[row] != 0
            && !matches!(kind, TokenKind::NonLogicalNewline | TokenKind::Comment)
            && indent[depth] == 0
        {
            indent[depth] = column;
            chances.insert(column, Chance::Visual);
        } else if matches!(kind, TokenKind::String | TokenKind::Comment) {
            chances.insert(column, Chance::Text);
        } else if row == 0 && depth == 0 && matches!(text, "assert" | "raise" | "with") {
            chances.insert(column + text.len() + 1, Chance::Visual);
        } else if chances.is_empty() && row == 0 && depth == 0 && text == "if" {
            // `if (` is four columns wide, as a hanging indent is.
            chances.insert(column + text.len() + 1, Chance::Visual);
        } else if text == ":" && rest_is_space(rows, start_row, token.end) {
            open_rows[depth].push(rel_indent[row]);
        }

        if is_op(kind) {
            if is_open(kind) {
                depth += 1;
                indent.push(0);
                hangs.push(None);
                if open_rows.len() == depth {
                    open_rows.push(OpenRows::empty());
                }
                open_rows[depth].push(rel_indent[row]);
                if parens[row] == 0 {
                    open_parens.push(row);
                }
                parens[row] += 1;
            } else if is_close(kind) && depth > 0 {
                // Outer visual indents may not be deeper than this one.
                let closed = indent.pop().filter(|c| *c != 0).unwrap_or(last_indent);
                hangs.pop();
                for outer in &mut indent[..depth] {
                    if *outer > closed {
                        *outer = 0;
                    }
                }
                drop(chances.split_off(&closed));
                open_rows.truncate(depth + 1);
                depth -= 1;
                if depth != 0 {
                    chances.insert(indent[depth], Chance::Visual);
                }
                if let Some(&open) = open_parens.last() {
                    parens[open] -= 1;
                    if parens[open] == 0 {
                        open_parens.pop();
                    }
                }
            }
            // Lining up with this operator is allowed.
            chances.entry(column).or_insert(Chance::Token(text));
        }

        last_token_multiline = end_row != token_row;
        if last_token_multiline {
            rel_indent[end_row] = rel_indent[row];
        }
    }

    let last_text = rows.text(last_row);
    if indent_next && isize::try_from(expand_indent(last_text)).unwrap_or(0) == indent_level + size
    {
        let column = indent[0] + context.indent_size;
        let at = rows.offset(last_row, column);
        let (code, message) = if visual.is_truthy() {
            (Code::E129, "visually indented line with the same indent as the next logical line")
        } else {
            (Code::E125, "continuation line with the same indent as the next logical line")
        };
        findings.push(Finding { code, message, range: at..at });
    }
}
