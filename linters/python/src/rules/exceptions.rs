//! E722 bare `except:`, F707 a bare `except:` before other handlers.

use crate::codes::{Code, Report};
use crate::syntax::ast::{self, ExceptHandler, Stmt};
use crate::syntax::{TextRange, TextSize};

pub fn check_handlers(report: &mut Report, handlers: &[ExceptHandler]) {
    for (i, handler) in handlers.iter().enumerate() {
        let ExceptHandler::ExceptHandler(handler) = handler;
        if handler.type_.is_some() {
            continue;
        }
        let keyword = TextRange::at(handler.range.start(), TextSize::new(6));
        if i + 1 < handlers.len() {
            report.push(Code::F707, "an `except` block as not the last exception handler", keyword);
        }
        // A handler that re-raises only observes the exception.
        let reraises = handler
            .body
            .iter()
            .any(|stmt| matches!(stmt, Stmt::Raise(ast::StmtRaise { exc: None, .. })));
        if !reraises {
            report.push(Code::E722, "do not use bare `except`", keyword);
        }
    }
}
