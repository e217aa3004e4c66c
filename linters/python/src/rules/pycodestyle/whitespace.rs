//! E2: whitespace (E201–E275).

use super::Context;
use crate::codes::{Code, Report};
use crate::logical::LogicalLines;

pub const CODES: &[Code] = &[];

pub fn check(_lines: &LogicalLines, _context: &Context, _report: &mut Report) {}
