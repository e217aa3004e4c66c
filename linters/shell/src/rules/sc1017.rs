//! SC1017: carriage returns (CRLF line ends) in a script.

use lintgate_engine::diagnostic::Finding;

use super::TextRule;
use crate::context::Ctx;

pub const RULE: TextRule = TextRule { code: "SC1017", check };

fn check(ctx: &mut Ctx) {
    for offset in memchr::memchr_iter(b'\r', ctx.text.as_bytes()) {
        let message = "carriage return in the script (Windows line ends); convert it with `tr -d '\\r'` or `dos2unix`";
        ctx.findings.push(Finding::new("SC1017", message, offset..offset + 1));
    }
}
