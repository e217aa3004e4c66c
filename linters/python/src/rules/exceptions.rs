//! E722 bare `except:`, F707 a bare `except:` before other handlers, F901
//! `raise NotImplemented`.

use crate::codes::{Code, Report};
use crate::syntax::ast::Expr;
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

/// F901: `raise NotImplemented` (or a call of it) raises a `TypeError`;
/// `NotImplementedError` was meant.
pub fn raise_not_implemented(report: &mut Report, raise: &ast::StmtRaise) {
    let exc = match raise.exc.as_deref() {
        Some(Expr::Call(call)) => &*call.func,
        Some(exc) => exc,
        None => return,
    };
    if matches!(exc, Expr::Name(name) if name.id.as_str() == "NotImplemented") {
        report.push(
            Code::F901,
            "`raise NotImplemented` should be `raise NotImplementedError`",
            raise.range,
        );
    }
}
