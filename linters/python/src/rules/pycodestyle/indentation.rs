//! E1: indentation (E111–E117), continuation lines (E121–E129, E131,
//! E133) and tabs in indentation (W191, E101).

mod blocks;
mod continuation;
mod rows;
mod tabs;

use super::Context;
use crate::codes::{Code, Report};
use crate::logical::LogicalLines;

pub const CODES: &[Code] = &[
    Code::E101,
    Code::E111,
    Code::E112,
    Code::E113,
    Code::E114,
    Code::E115,
    Code::E116,
    Code::E117,
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
    Code::W191,
];

pub fn check(lines: &LogicalLines, context: &Context, report: &mut Report) {
    if report.any_enabled(blocks::CODES) {
        blocks::check(lines, context, report);
    }
    let tabs = report.any_enabled(tabs::CODES);
    let continuation = report.any_enabled(continuation::CODES);
    if tabs || continuation {
        let rows = rows::Rows::new(lines.source);
        if tabs {
            tabs::check(lines, &rows, report);
        }
        if continuation {
            continuation::check(lines, context, &rows, report);
        }
    }
}

#[cfg(test)]
mod tests;
