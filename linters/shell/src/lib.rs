//! lintgate's native shell checker: ShellCheck's codes and directives on a
//! tree-sitter-bash parse.
//!
//! Whole files go through [`ShellChecker`]; the CI YAML checker calls
//! [`check_script`] on scripts it extracts, with the variables the CI
//! environment defines, and maps the findings' script offsets back to the
//! YAML file.

mod context;
mod dialect;
mod directives;
mod parse;
mod preprocess;
mod rcfile;
mod rules;
mod usage;
mod vars;
mod walk;

use std::collections::HashSet;

use lintgate_engine::checker::{FileChecker, FileContext, FileOutput};
use lintgate_engine::config::{OptionKind, OptionSpec, SectionSpec};
use lintgate_engine::diagnostic::Finding;
use lintgate_engine::kind::FileKind;
use lintgate_engine::selector::RuleSelection;
use lintgate_engine::source::SourceFile;
use lintgate_engine::suppression::{Scope, Suppression};
use tree_sitter::Tree;

pub use dialect::Dialect;
pub use directives::{
    Directive, parse_comment as parse_directive, suppression as directive_suppression,
};
pub use parse::first_error as first_syntax_error;

use crate::context::Ctx;
use crate::dialect::{Shebang, read_shebang};
use crate::rcfile::RcCache;

/// The code of a script that does not parse.
pub const PARSE_ERROR: &str = "LG201";

/// `[shell]` in configuration.
pub const SETTINGS: SectionSpec = SectionSpec {
    name: "shell",
    options: &[OptionSpec {
        name: "default-dialect",
        kind: OptionKind::String,
        doc: "The shell of scripts that do not say (no shebang, directive or telling extension): sh, dash, bash, ksh or busybox. Default: bash.",
    }],
};

/// A script to check: a whole file or a snippet (CI YAML).
pub struct ScriptInput<'a> {
    pub text: &'a str,
    /// The shell, when the caller knows it; else detected, falling back to `default_dialect`.
    pub dialect: Option<Dialect>,
    pub default_dialect: Dialect,
    /// `set -e` is on from the start (CI runners start scripts with it).
    pub errexit: bool,
    /// Variables the environment defines (for SC2154).
    pub defined: &'a HashSet<String>,
    /// A whole file: file-level rules such as SC2148 apply.
    pub whole_file: bool,
}

#[derive(Debug, Default)]
pub struct ScriptOutput {
    /// Byte ranges are offsets in the script text.
    pub findings: Vec<Finding>,
    pub suppressions: Vec<Suppression>,
    /// The shell the script was checked as.
    pub dialect: Option<Dialect>,
    pub notes: Vec<String>,
}

/// The variables a script assigns, and each reference to a variable
/// (name and byte range), for callers that reason across scripts (a CI
/// job's `after_script` does not see what its `script` set).
pub fn variable_usage(text: &str) -> (HashSet<String>, Vec<(String, std::ops::Range<usize>)>) {
    let rewritten = preprocess::for_parsing(text);
    let tree = parse::parse(rewritten.as_deref().unwrap_or(text));
    let usage = usage::Usage::collect(&tree, text);
    let mut references: Vec<(String, std::ops::Range<usize>)> = usage
        .first_reference
        .iter()
        .map(|(name, (range, _))| (name.clone(), range.clone()))
        .collect();
    references.sort_by_key(|(_, range)| range.start);
    (usage.declared, references)
}

/// Checks one script with the enabled rules.
pub fn check_script(input: &ScriptInput, rules: &RuleSelection) -> ScriptOutput {
    let mut output = ScriptOutput::default();
    let shebang = if input.whole_file { read_shebang(input.text) } else { Shebang::None };
    if let Shebang::Other(shell) = &shebang {
        output.notes.push(format!(
            "skipped: a {shell} script (lintgate checks sh, dash, bash, ksh and busybox scripts)"
        ));
        return output;
    }
    // Carriage returns are SC1017's business: parse without them so a CRLF
    // file does not become a cascade of parse errors.
    let rewritten = preprocess::for_parsing(input.text);
    let parse_text = rewritten.as_deref().unwrap_or(input.text);
    let tree = parse::parse(parse_text);
    let (directive_shell, suppressions, source_directives) = collect_directives(&tree, input.text);
    output.suppressions = suppressions;
    let shebang_dialect = match shebang {
        Shebang::Shell { dialect, .. } => Some(dialect),
        _ => None,
    };
    let named =
        directive_shell.and_then(|s| Dialect::from_name(&s)).or(input.dialect).or(shebang_dialect);
    let dialect = named.unwrap_or(input.default_dialect);
    output.dialect = Some(dialect);
    let errexit = input.errexit || matches!(shebang, Shebang::Shell { errexit: true, .. });
    let vars = vars::Variables::collect(&tree, input.text);
    let mut ctx = Ctx {
        text: input.text,
        dialect,
        errexit: errexit || vars.errexit,
        whole_file: input.whole_file,
        shell_unknown: named.is_none(),
        vars,
        usage: (rules.is_enabled("SC2034") || rules.is_enabled("SC2154"))
            .then(|| usage::Usage::collect(&tree, input.text)),
        defined: input.defined,
        source_directives,
        ancestors: Vec::new(),
        findings: Vec::new(),
    };
    if rules.is_enabled(PARSE_ERROR) {
        report_parse_error(&tree, &mut ctx);
    }
    for rule in rules::TEXT_RULES {
        if rules.is_enabled(rule.code) {
            (rule.check)(&mut ctx);
        }
    }
    let enabled: Vec<bool> = rules::RULES.iter().map(|r| rules.is_enabled(r.code)).collect();
    if enabled.iter().any(|on| *on) {
        walk::walk(&tree, &mut ctx, &enabled);
    }
    output.findings = ctx.findings;
    output
}

/// The shell a directive names, the suppressions, and the `source=` paths.
type Directives = (Option<String>, Vec<Suppression>, Vec<(Scope, String)>);

fn collect_directives(tree: &Tree, text: &str) -> Directives {
    let mut shell = None;
    let mut suppressions = Vec::new();
    let mut sources = Vec::new();
    parse::preorder(tree, |node| {
        if node.kind() == "comment"
            && let Some(directive) =
                directives::parse_comment(&text[node.byte_range()], node.start_byte())
        {
            if shell.is_none() {
                shell.clone_from(&directive.shell);
            }
            if let Some(scope) = directives::scope(node) {
                if let Some(path) = &directive.source {
                    sources.push((scope.clone(), path.clone()));
                }
                if let Some(s) = directives::suppression(&directive, scope) {
                    suppressions.push(s);
                }
            }
        }
        true
    });
    (shell, suppressions, sources)
}

fn report_parse_error(tree: &Tree, ctx: &mut Ctx) {
    let Some(node) = parse::first_error(tree) else { return };
    let message = if node.is_missing() {
        let what = match node.kind() {
            "heredoc_end" => "the here-document's end marker".to_string(),
            kind if kind.chars().all(|c| c.is_ascii_alphabetic()) && kind.len() < 6 => {
                format!("`{kind}`")
            }
            kind => format!("`{kind}`"),
        };
        format!("the script does not parse: {what} is missing here")
    } else {
        let snippet: String = ctx.text[node.byte_range()].chars().take(20).collect();
        let snippet = snippet.lines().next().unwrap_or_default().trim();
        format!(
            "the script does not parse here (at `{snippet}`); the rest of this construct is not checked"
        )
    };
    let start = node.start_byte();
    let end = if node.is_missing() {
        start
    } else {
        node.end_byte().min(ctx.text[start..].find('\n').map_or(ctx.text.len(), |i| start + i))
    };
    ctx.findings.push(Finding::new(PARSE_ERROR, message, start..end.max(start)));
}

/// The checker for shell script files.
pub struct ShellChecker {
    rc_files: RcCache,
    rc_digest: lintgate_engine::dependencies::ConfigDigest,
}

impl Default for ShellChecker {
    fn default() -> Self {
        ShellChecker {
            rc_files: RcCache::default(),
            // The result cache keys on every `.shellcheckrc` above a script.
            rc_digest: lintgate_engine::dependencies::ConfigDigest::new(&[".shellcheckrc"]),
        }
    }
}

impl FileChecker for ShellChecker {
    fn name(&self) -> &'static str {
        "shell"
    }

    fn handles(&self, kind: FileKind) -> bool {
        kind == FileKind::Shell
    }

    fn cache_key(&self, file: &SourceFile, _context: &FileContext) -> Option<u64> {
        Some(self.rc_digest.for_dir(file.disk_path.parent()?))
    }

    fn check(&self, file: &SourceFile, context: &FileContext) -> FileOutput {
        let rc = file.disk_path.parent().and_then(|dir| self.rc_files.for_dir(dir));
        let mut notes = Vec::new();
        let configured =
            context.settings.and_then(|s| s.get("default-dialect")).and_then(|v| v.as_str());
        let default_dialect = match configured.map(|name| (name, Dialect::from_name(name))) {
            Some((_, Some(dialect))) => dialect,
            Some((name, None)) => {
                notes.push(format!("`[shell] default-dialect = \"{name}\"` is not a shell lintgate knows; using bash"));
                Dialect::Bash
            }
            None => Dialect::Bash,
        };
        let rc_shell = rc.as_ref().and_then(|rc| rc.shell.as_deref()).and_then(Dialect::from_name);
        let defined = HashSet::new();
        let named = rc_shell.or_else(|| dialect::from_extension(&file.disk_path));
        let input = ScriptInput {
            text: &file.text,
            // `.shellcheckrc` or an extension names the shell (no SC2148),
            // unless the shebang does.
            dialect: named.filter(|_| !has_shebang(&file.text)),
            default_dialect: named.unwrap_or(default_dialect),
            errexit: false,
            defined: &defined,
            whole_file: true,
        };
        let mut output = check_script(&input, context.rules);
        if let Some(rc) = rc {
            output.findings.retain(|f| !rc.disables(&f.code));
        }
        notes.extend(output.notes);
        FileOutput {
            findings: output.findings,
            suppressions: output.suppressions,
            notes,
            ..FileOutput::default()
        }
    }
}

fn has_shebang(text: &str) -> bool {
    text.starts_with("#!")
}

/// Every code the shell checker can report.
pub fn codes() -> impl Iterator<Item = &'static str> {
    rules::codes().chain([PARSE_ERROR])
}
