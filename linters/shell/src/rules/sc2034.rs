//! SC2034: a variable is assigned but never used.

use lintgate_engine::diagnostic::Finding;

use super::TextRule;
use crate::context::Ctx;

pub const RULE: TextRule = TextRule { code: "SC2034", check };

/// Variables the shell or common tools read: assigning them is a use.
const SPECIAL: &[&str] = &[
    "IFS",
    "PATH",
    "HOME",
    "PS1",
    "PS2",
    "PS3",
    "PS4",
    "PROMPT_COMMAND",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "LC_COLLATE",
    "LC_MESSAGES",
    "LC_NUMERIC",
    "LC_TIME",
    "OPTIND",
    "OPTARG",
    "OPTERR",
    "TMPDIR",
    "TZ",
    "TERM",
    "SHELL",
    "USER",
    "LOGNAME",
    "EDITOR",
    "VISUAL",
    "PAGER",
    "CDPATH",
    "HISTFILE",
    "HISTSIZE",
    "HISTFILESIZE",
    "HISTCONTROL",
    "HISTIGNORE",
    "MAIL",
    "MAILPATH",
    "POSIXLY_CORRECT",
    "TIMEFORMAT",
    "BASH_ENV",
    "ENV",
    "FUNCNEST",
    "GLOBIGNORE",
    "BASH_XTRACEFD",
    "PWD",
    "OLDPWD",
    "COLUMNS",
    "LINES",
    "SECONDS",
    "RANDOM",
    "REPLY",
    "COMPREPLY",
    "MAPFILE",
    "READLINE_LINE",
    "READLINE_POINT",
    "TMOUT",
    "LD_LIBRARY_PATH",
    "LD_PRELOAD",
];

fn check(ctx: &mut Ctx) {
    let Some(usage) = ctx.usage.as_ref() else { return };
    let mut findings = Vec::new();
    for (name, ranges) in &usage.assigned {
        let exempt = name.starts_with('_')
            || usage.exported.contains(name)
            || SPECIAL.contains(&name.as_str())
            || usage.is_used(name);
        if exempt {
            continue;
        }
        let Some(last) = ranges.last() else { continue };
        let message =
            format!("`{name}` is assigned but never used (export it if another program reads it)");
        findings.push(Finding::new("SC2034", message, last.clone()));
    }
    findings.sort_by_key(|f| f.range.start);
    ctx.findings.extend(findings);
}
