//! markdownlint's inline comments, so existing files keep working:
//! `<!-- markdownlint-disable [RULES] -->` and `-enable` (from that line on),
//! `-disable-line`, `-disable-next-line`, `-disable-file`, `-enable-file`,
//! `-capture` / `-restore` (save and restore the current state), each with
//! optional rule codes or aliases (none = every rule), and
//! `-configure-file { JSON }` (rule parameters for the whole file).
//! The result is a mask of enabled rules per line. As in markdownlint,
//! the comments count wherever they are, code blocks included.

use crate::document::Document;
use crate::rules::RULES;

/// Bit `i` stands for `RULES[i]`.
pub type Mask = u64;

pub const ALL: Mask = u64::MAX;

pub struct Directives {
    per_line: Vec<Mask>,
    /// The JSON objects of `markdownlint-configure-file` comments, in order.
    pub configure: Vec<serde_json::Value>,
    /// Comments that could not be read, with their line (0-based).
    pub problems: Vec<(usize, String)>,
}

impl Directives {
    pub fn is_enabled(&self, line: usize, rule: usize) -> bool {
        self.per_line.get(line).is_none_or(|mask| mask & (1 << rule) != 0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    DisableLine,
    DisableNextLine,
    DisableFile,
    EnableFile,
    Capture,
    Restore,
    ConfigureFile,
}

struct Directive {
    kind: Kind,
    line: usize,
    /// The rules named, as a mask (ALL when none are named).
    rules: Mask,
    argument: String,
}

const KINDS: &[(&str, Kind)] = &[
    ("disable-next-line", Kind::DisableNextLine),
    ("disable-line", Kind::DisableLine),
    ("disable-file", Kind::DisableFile),
    ("enable-file", Kind::EnableFile),
    ("configure-file", Kind::ConfigureFile),
    ("disable", Kind::Disable),
    ("enable", Kind::Enable),
    ("capture", Kind::Capture),
    ("restore", Kind::Restore),
];

pub fn read(doc: &Document) -> Directives {
    let mut problems = Vec::new();
    let directives = find(doc, &mut problems);
    let mut file = ALL;
    let mut configure = Vec::new();
    for d in &directives {
        match d.kind {
            Kind::DisableFile => file &= !d.rules,
            Kind::EnableFile => file |= d.rules,
            Kind::ConfigureFile => {
                match serde_json::from_str::<serde_json::Value>(d.argument.trim()) {
                    Ok(value) if value.is_object() => configure.push(value),
                    _ => problems.push((
                        d.line,
                        "markdownlint-configure-file needs a JSON object".to_string(),
                    )),
                }
            }
            _ => {}
        }
    }
    let lines = doc.line_count();
    let mut per_line = vec![ALL; lines];
    let mut state = file;
    let mut captured = file;
    let mut next_line_off: Mask = 0;
    let mut at = 0;
    for (line, mask) in per_line.iter_mut().enumerate() {
        let mut line_off = std::mem::take(&mut next_line_off);
        while let Some(d) = directives.get(at).filter(|d| d.line == line) {
            at += 1;
            match d.kind {
                Kind::Disable => state &= !d.rules,
                Kind::Enable => state |= d.rules,
                Kind::Capture => captured = state,
                Kind::Restore => state = captured,
                Kind::DisableLine => line_off |= d.rules,
                Kind::DisableNextLine => next_line_off |= d.rules,
                Kind::DisableFile | Kind::EnableFile | Kind::ConfigureFile => {}
            }
        }
        *mask = state & !line_off;
    }
    Directives { per_line, configure, problems }
}

/// Every `<!-- markdownlint-... -->` comment outside code blocks, in order.
fn find(doc: &Document, problems: &mut Vec<(usize, String)>) -> Vec<Directive> {
    let text = doc.text;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&text.as_bytes()[from..], b"<!--") {
        let start = from + found;
        let body_start = start + 4;
        let Some(len) = memchr::memmem::find(&text.as_bytes()[body_start..], b"-->") else { break };
        let body = &text[body_start..body_start + len];
        from = body_start + len + 3;
        // markdownlint reads these comments on every line, in code blocks too.
        let line = doc.index.line_of(start);
        let Some(rest) = body.trim_start().strip_prefix("markdownlint-") else { continue };
        let Some((name, kind)) = KINDS.iter().find(|(name, _)| {
            rest.starts_with(name)
                && rest[name.len()..].chars().next().is_none_or(|c| c.is_whitespace())
        }) else {
            continue;
        };
        let argument = rest[name.len()..].to_string();
        let rules =
            if *kind == Kind::ConfigureFile { ALL } else { mask_of(&argument, line, problems) };
        out.push(Directive { kind: *kind, line, rules, argument });
    }
    out
}

/// The rules a directive names (codes or aliases, any case); all when none.
fn mask_of(argument: &str, line: usize, problems: &mut Vec<(usize, String)>) -> Mask {
    let names: Vec<&str> = argument.split_whitespace().collect();
    if names.is_empty() {
        return ALL;
    }
    let mut mask = 0;
    for name in names {
        match RULES
            .iter()
            .position(|r| r.code.eq_ignore_ascii_case(name) || r.alias.eq_ignore_ascii_case(name))
        {
            Some(i) => mask |= 1 << i,
            None => {
                problems.push((line, format!("markdownlint comment names unknown rule `{name}`")))
            }
        }
    }
    mask
}
