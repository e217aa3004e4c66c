//! E1: indentation and continuation lines (E101, E111–E117, E12x, E131, E133) and W191.

use super::Context;
use crate::codes::{Code, Report};
use crate::logical::LogicalLines;

pub const CODES: &[Code] = &[];

pub fn check(_lines: &LogicalLines, _context: &Context, _report: &mut Report) {}
