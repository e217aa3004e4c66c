//! E4/E5/E7 and W5 on logical lines: E401, E502, E701–E704, W503, W504.

use super::Context;
use crate::codes::{Code, Report};
use crate::logical::LogicalLines;

pub const CODES: &[Code] = &[];

pub fn check(_lines: &LogicalLines, _context: &Context, _report: &mut Report) {}
