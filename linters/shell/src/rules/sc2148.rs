//! SC2148: a script that names no shell (no shebang, no `shell=` directive).

use lintgate_engine::diagnostic::Finding;

use super::TextRule;
use crate::context::Ctx;

pub const RULE: TextRule = TextRule { code: "SC2148", check };

fn check(ctx: &mut Ctx) {
    // Set by the checker: only whole files whose shell is unknown.
    if ctx.whole_file && ctx.shell_unknown {
        let end = ctx.text.find('\n').unwrap_or(ctx.text.len());
        let message =
            "no shebang or `# shellcheck shell=` directive says which shell runs this script";
        ctx.findings.push(Finding::new("SC2148", message, 0..end.min(1)));
    }
}
