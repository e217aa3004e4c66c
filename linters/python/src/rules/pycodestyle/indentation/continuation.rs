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
    let mut cursor = rows.cursor();
    let (_, first_column) = cursor.at(first.start);
    let mut state = State::new(line, context, tabs, rows, last_row - first_row + 1, first_column);
    for token in tokens {
        let (row, column) = cursor.at(token.start);
        state.token(token, row, row - first_row, column);
    }
    state.same_indent_as_body(last_row);
    for Finding { code, message, range } in state.findings {
        report.push_bytes(code, message, range);
    }
}

/// pycodestyle's variables of one `continued_indentation` run; rows are
/// counted from the logical line's first.
struct State<'s> {
    source: &'s str,
    rows: &'s Rows<'s>,
    size: isize,
    hang_closing: bool,
    /// The hangs that verify a hanging indent.
    valid_hangs: [isize; 2],
    /// The line ends in `:`: a block follows, indented one level.
    indent_next: bool,
    indent_level: isize,
    /// The current row and bracket depth.
    row: usize,
    depth: usize,
    /// Brackets opened on each row and not closed yet, and the rows that
    /// have some, in order (pycodestyle scans back for the latest).
    parens: Vec<u32>,
    open_parens: Vec<usize>,
    /// Each row's indentation relative to the line's.
    rel_indent: Vec<isize>,
    open_rows: Vec<OpenRows>,
    /// Each depth's verified hanging indent.
    hangs: Vec<Option<isize>>,
    chances: BTreeMap<usize, Chance<'s>>,
    /// Each depth's visual indent column, 0 for none.
    indent: Vec<usize>,
    /// The column of the last continuation line's first token.
    last_indent: usize,
    visual: Visual<'s>,
    last_token_multiline: bool,
    findings: Vec<Finding>,
}

impl<'s> State<'s> {
    fn new(
        line: &LogicalLine<'s>,
        context: &Context,
        tabs: bool,
        rows: &'s Rows<'s>,
        nrows: usize,
        first_column: usize,
    ) -> Self {
        let size = isize::try_from(context.indent_size).unwrap_or(4);
        State {
            source: line.source(),
            rows,
            size,
            hang_closing: context.hang_closing,
            // One level, or one or two in a file indented with tabs.
            valid_hangs: [size, if tabs { 2 * size } else { size }],
            indent_next: line.text().ends_with(':'),
            indent_level: isize::try_from(line.indent_level()).unwrap_or(0),
            row: 0,
            depth: 0,
            parens: vec![0; nrows],
            open_parens: Vec::new(),
            rel_indent: vec![0; nrows],
            open_rows: vec![OpenRows::starting_at(0)],
            hangs: vec![None],
            chances: BTreeMap::new(),
            indent: vec![first_column],
            last_indent: first_column,
            visual: Visual::Nothing,
            last_token_multiline: false,
            findings: Vec::new(),
        }
    }

    /// One token at `(row, column)`, `row` in the file and `line_row` in
    /// the logical line.
    fn token(&mut self, token: &Token, row: usize, line_row: usize, column: usize) {
        let source = self.source;
        let text = &source[token.range()];
        let end_row = if !is_newline(token.kind) && text.contains(['\n', '\r']) {
            let first_row = row - line_row;
            (self.rows.row_of(token.end) - first_row).min(self.rel_indent.len() - 1)
        } else {
            line_row
        };
        if self.row < line_row {
            self.row = line_row;
            if !self.last_token_multiline && !is_newline(token.kind) {
                self.continuation_line(token, text, row, column);
            }
        }
        self.note_alignment(token, text, row, column);
        if is_op(token.kind) {
            self.bracket(token.kind, text, column);
        }
        self.last_token_multiline = end_row != line_row;
        if self.last_token_multiline {
            self.rel_indent[end_row] = self.rel_indent[self.row];
        }
    }

    /// The first token of a continuation line: is the line indented right?
    fn continuation_line(&mut self, token: &Token, text: &'s str, row: usize, column: usize) {
        let (depth, line_row) = (self.depth, self.row);
        self.last_indent = column;
        let own = isize::try_from(expand_indent(self.rows.text(row))).unwrap_or(0);
        self.rel_indent[line_row] = own - self.indent_level;
        let close_bracket = is_close(token.kind);
        let (hang, mut hanging_indent) =
            self.open_rows[depth].hang(self.rel_indent[line_row], &self.valid_hangs);
        if let Some(known) = self.hangs[depth].filter(|h| *h != 0) {
            hanging_indent = hang == known;
        }
        self.visual = if close_bracket || hang <= 0 {
            Visual::Excluded
        } else {
            self.chances.get(&column).map_or(Visual::Nothing, |c| Visual::Offered(*c))
        };
        let visual = self.visual;
        let visual_column = self.indent[depth];
        let found = if close_bracket && visual_column != 0 {
            (column != visual_column)
                .then_some((Code::E124, "closing bracket does not match the visual indentation"))
        } else if close_bracket && hang == 0 {
            self.hang_closing.then_some((Code::E133, "closing bracket is missing indentation"))
        } else if visual_column != 0 && column < visual_column {
            (visual != Visual::Offered(Chance::Visual))
                .then_some((Code::E128, "continuation line is under-indented for a visual indent"))
        } else if hanging_indent || (self.indent_next && self.rel_indent[line_row] == 2 * self.size)
        {
            self.hangs[depth] = Some(hang);
            (close_bracket && !self.hang_closing).then_some((
                Code::E123,
                "closing bracket does not match the indentation of its opening line",
            ))
        } else if visual == Visual::Offered(Chance::Visual) {
            self.indent[depth] = column;
            None
        } else if matches!(visual, Visual::Offered(Chance::Text))
            || visual == Visual::Offered(Chance::Token(text))
        {
            // Lined up with a string, a comment or the same token above.
            None
        } else if hang <= 0 {
            Some((Code::E122, "continuation line is missing indentation or outdented"))
        } else if visual_column != 0 {
            Some((Code::E127, "continuation line is over-indented for a visual indent"))
        } else if !close_bracket && self.hangs[depth].is_some_and(|h| h != 0) {
            Some((Code::E131, "continuation line is unaligned for a hanging indent"))
        } else {
            self.hangs[depth] = Some(hang);
            Some(if hang > self.size {
                (Code::E126, "continuation line is over-indented for a hanging indent")
            } else {
                (Code::E121, "continuation line is under-indented for a hanging indent")
            })
        };
        if let Some((code, message)) = found {
            self.findings.push(Finding { code, message, range: token.range() });
        }
    }

    /// Records where later continuation lines may line up.
    fn note_alignment(&mut self, token: &Token, text: &'s str, row: usize, column: usize) {
        let (kind, depth, line_row) = (token.kind, self.depth, self.row);
        let on_first_row = line_row == 0 && depth == 0;
        if self.parens[line_row] != 0
            && !matches!(kind, TokenKind::NonLogicalNewline | TokenKind::Comment)
            && self.indent[depth] == 0
        {
            self.indent[depth] = column;
            self.chances.insert(column, Chance::Visual);
        } else if matches!(kind, TokenKind::String | TokenKind::Comment) {
            self.chances.insert(column, Chance::Text);
        } else if on_first_row && matches!(text, "assert" | "raise" | "with") {
            self.chances.insert(column + text.len() + 1, Chance::Visual);
        } else if on_first_row && self.chances.is_empty() && text == "if" {
            // `if (` is four columns wide, as a hanging indent is.
            self.chances.insert(column + text.len() + 1, Chance::Visual);
        } else if text == ":" && rest_is_space(self.rows, row, token.end) {
            self.open_rows[depth].push(self.rel_indent[line_row]);
        }
    }

    /// An operator: brackets change the depth.
    fn bracket(&mut self, kind: TokenKind, text: &'s str, column: usize) {
        let line_row = self.row;
        if is_open(kind) {
            self.depth += 1;
            self.indent.push(0);
            self.hangs.push(None);
            if self.open_rows.len() == self.depth {
                self.open_rows.push(OpenRows::empty());
            }
            self.open_rows[self.depth].push(self.rel_indent[line_row]);
            if self.parens[line_row] == 0 {
                self.open_parens.push(line_row);
            }
            self.parens[line_row] += 1;
        } else if is_close(kind) && self.depth > 0 {
            // Outer visual indents may not be deeper than this one.
            let closed = self.indent.pop().filter(|c| *c != 0).unwrap_or(self.last_indent);
            self.hangs.pop();
            for outer in &mut self.indent {
                if *outer > closed {
                    *outer = 0;
                }
            }
            drop(self.chances.split_off(&closed));
            self.open_rows.truncate(self.depth + 1);
            self.depth -= 1;
            if self.depth != 0 {
                self.chances.insert(self.indent[self.depth], Chance::Visual);
            }
            if let Some(&open) = self.open_parens.last() {
                self.parens[open] -= 1;
                if self.parens[open] == 0 {
                    self.open_parens.pop();
                }
            }
        }
        // Lining up with this operator is allowed.
        self.chances.entry(column).or_insert(Chance::Token(text));
    }

    /// E125/E129: a block opener whose last row is indented like its body.
    fn same_indent_as_body(&mut self, last_row: usize) {
        let last = isize::try_from(expand_indent(self.rows.text(last_row))).unwrap_or(0);
        if !self.indent_next || last != self.indent_level + self.size {
            return;
        }
        let column = self.indent[0] + usize::try_from(self.size).unwrap_or(0);
        let at = self.rows.offset(last_row, column);
        let (code, message) = if self.visual.is_truthy() {
            (Code::E129, "visually indented line with the same indent as the next logical line")
        } else {
            (Code::E125, "continuation line with the same indent as the next logical line")
        };
        self.findings.push(Finding { code, message, range: at..at });
    }
}
