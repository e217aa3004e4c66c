//! The CI YAML file checker: YAML problems (LG3xx) plus the shell rules on
//! every script a job or step runs, mapped back to the YAML.

use std::collections::HashSet;

use lintgate_engine::checker::{FileChecker, FileContext, FileOutput, LocatedFinding};
use lintgate_engine::diagnostic::Finding;
use lintgate_engine::diagnostic::Severity;
use lintgate_engine::kind::{FileKind, PathClass, classify_path};
use lintgate_engine::registry;
use lintgate_engine::source::LineIndex;
use lintgate_engine::source::SourceFile;
use lintgate_engine::suppression::{Scope, Suppression};
use lintgate_shell::{Dialect, ScriptInput, check_script};

use crate::gitlab::{self, ShellChoice, Unit};
use crate::{github, yaml};

/// Shell rules about whole files, which do not apply to CI scripts.
const WHOLE_FILE_ONLY: &[&str] = &["SC2148"];

#[derive(Default)]
pub struct CiYamlChecker {
    pipelines: crate::includes::PipelineIncludes,
}

impl FileChecker for CiYamlChecker {
    fn name(&self) -> &'static str {
        "ci"
    }

    /// Scripts inside CI files get the shell rules.
    fn reports_rules_of(&self, checker: &str) -> bool {
        checker == "ci" || checker == "shell"
    }

    fn handles(&self, kind: FileKind) -> bool {
        kind == FileKind::CiYaml
    }

    fn check(&self, file: &SourceFile, context: &FileContext) -> FileOutput {
        let mut output = FileOutput::default();
        let doc = yaml::parse(&file.text);
        let shell =
            match context.settings.and_then(|s| s.get("gitlab-shell")).and_then(|v| v.as_str()) {
                Some("bash") => ShellChoice::Bash,
                Some("sh") => ShellChoice::Sh,
                Some("auto") | None => ShellChoice::Auto,
                Some(other) => {
                    output.notes.push(format!(
                        "`[ci] gitlab-shell = \"{other}\"` is not bash, sh or auto; using auto"
                    ));
                    ShellChoice::Auto
                }
            };
        let (yaml_suppressions, overrides) = yaml_comment_directives(&file.text);
        let github = is_github(&file.path);
        let mut includes = crate::includes::Loaded::default();
        let (units, problems) = if github {
            (github::extract(&doc), Vec::new())
        } else if self.pipelines.contains(&file.disk_path) {
            // Checked as part of the pipeline that includes it, where its
            // templates meet the jobs that use them.
            (Vec::new(), Vec::new())
        } else {
            includes = crate::includes::load(&file.disk_path, &doc);
            let complete = includes.complete();
            let entry = file.disk_path.file_name().is_some_and(|n| n == ".gitlab-ci.yml");
            let scope = gitlab::Scope { complete, entry };
            let mut extraction =
                gitlab::extract_with(&doc, &includes.included, scope, shell, &overrides);
            if !complete {
                output.notes.push(unread_includes_note(includes.unread, extraction.withheld));
            }
            extraction.problems.append(&mut includes.problems);
            // Templates and jobs of included files that nothing here uses
            // are checked on their own (their findings belong to those files).
            for included in &includes.included {
                let own = gitlab::extract(&included.doc, shell);
                let unused =
                    own.units.into_iter().filter(|u| !extraction.used_included.contains(&u.job));
                extraction.units.extend(unused);
            }
            (extraction.units, extraction.problems)
        };
        let mut problems = problems;
        if !github {
            problems.extend(crate::schema::check(&doc));
        }
        let elsewhere = Elsewhere::new(&includes);
        for located in included_schema_findings(&includes, &elsewhere) {
            output.located.push(located);
        }
        let mut reported = HashSet::new();
        for problem in doc.problems.iter().chain(&problems) {
            // A template used by several jobs would repeat its problem.
            if reported.insert((problem.code, problem.span.start)) {
                output.findings.push(Finding::new(
                    problem.code,
                    problem.message.clone(),
                    problem.span.clone(),
                ));
            }
        }
        if doc.budget_spent() {
            let message = "anchors expand to too many nodes (an alias bomb?); the rest of this file is not checked";
            output.findings.push(Finding::new(yaml::ALIAS_LIMIT, message, 0..0));
        }
        let mut seen = HashSet::new();
        for unit in &units {
            check_unit(file, unit, context, &elsewhere, &mut seen, &mut output);
        }
        output.suppressions.extend(yaml_suppressions);
        output
    }
}

/// The included files, for findings in text that comes from them: their
/// positions, repository-relative paths and own suppression comments.
struct Elsewhere<'i> {
    files: Vec<(&'i gitlab::Included, LineIndex, String, Vec<Suppression>)>,
}

impl<'i> Elsewhere<'i> {
    fn new(includes: &'i crate::includes::Loaded) -> Elsewhere<'i> {
        let files = includes
            .included
            .iter()
            .map(|inc| {
                let rel = inc.path.strip_prefix(&includes.root).unwrap_or(&inc.path);
                let path = rel.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>().join("/");
                (inc, LineIndex::new(&inc.text), path, yaml_comment_directives(&inc.text).0)
            })
            .collect();
        Elsewhere { files }
    }

    fn locate(
        &self,
        source: u32,
        range: std::ops::Range<usize>,
        code: String,
        message: String,
    ) -> Option<LocatedFinding> {
        let (inc, lines, path, suppressions) =
            self.files.iter().find(|(inc, ..)| inc.source == source)?;
        let start = lines.position(&inc.text, range.start);
        if suppressions.iter().any(|s| s.suppresses(start.line, &code)) {
            return None;
        }
        let severity = registry::find(&code)
            .filter(|r| r.code == code)
            .map_or(Severity::Warning, |r| r.severity);
        Some(LocatedFinding {
            path: path.clone(),
            start,
            end: lines.position(&inc.text, range.end),
            code,
            severity,
            message,
        })
    }
}

/// The schema findings of included files that are not CI files by name
/// (`include: local: ci/jobs.yml`): nothing else checks them, so the
/// pipeline that reads them does. Included CI files by name are checked on
/// their own.
fn included_schema_findings(
    includes: &crate::includes::Loaded,
    elsewhere: &Elsewhere,
) -> Vec<LocatedFinding> {
    let mut found = Vec::new();
    for included in &includes.included {
        let rel = included.path.strip_prefix(&includes.root).unwrap_or(&included.path);
        if classify_path(rel) == PathClass::Kind(FileKind::CiYaml) {
            continue;
        }
        for problem in crate::schema::check(&included.doc) {
            let (code, message) = (problem.code.to_string(), problem.message);
            found.extend(elsewhere.locate(included.source, problem.span, code, message));
        }
    }
    found
}

pub(crate) fn is_github(path: &str) -> bool {
    path.contains(".github/workflows/")
        || matches!(path.rsplit('/').next(), Some("action.yml" | "action.yaml"))
}

/// Runs the shell rules on one script and maps what they find to the file,
/// reporting each (code, position) once however many jobs run that text.
fn check_unit(
    file: &SourceFile,
    unit: &Unit,
    context: &FileContext,
    elsewhere: &Elsewhere,
    seen: &mut HashSet<(u32, String, usize)>,
    output: &mut FileOutput,
) {
    let input = ScriptInput {
        text: &unit.script.text,
        dialect: Some(unit.dialect),
        default_dialect: Dialect::Bash,
        // Runners start job scripts with errexit on.
        errexit: true,
        defined: &unit.defined,
        whole_file: false,
    };
    let result = check_script(&input, context.rules);
    for finding in result.findings {
        if WHOLE_FILE_ONLY.contains(&finding.code.as_str()) {
            continue;
        }
        let range = unit.script.map.file_range(finding.range.clone());
        let source = unit.script.map.source_of(finding.range.start);
        if !seen.insert((source, finding.code.clone(), range.start)) {
            continue;
        }
        let message = format!("{} (job `{}`)", finding.message, unit.job);
        if source == 0 {
            output.findings.push(Finding { code: finding.code, message, range, fix: None });
        } else if let Some(located) = elsewhere.locate(source, range, finding.code, message) {
            output.located.push(located);
        }
    }
    for suppression in result.suppressions {
        output.suppressions.push(map_suppression(file, unit, suppression));
    }
}

/// A directive inside a script covers script lines; the same suppression
/// in the YAML covers the file lines those map to.
fn map_suppression(file: &SourceFile, unit: &Unit, suppression: Suppression) -> Suppression {
    let text = &unit.script.text;
    let line_start = |line: u32| -> usize {
        text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(str::len).sum()
    };
    let (start, end) = match suppression.scope {
        Scope::File => (0, text.len()),
        Scope::Lines { first, last } => {
            let end = line_start(last + 1).saturating_sub(1).max(line_start(last));
            (line_start(first), end)
        }
    };
    let map = &unit.script.map;
    let first = file.position(map.file_offset(start)).line;
    let last = file.position(map.file_offset(end.min(text.len().saturating_sub(1)))).line;
    Suppression { scope: Scope::Lines { first, last: last.max(first) }, codes: suppression.codes }
}

/// `# shellcheck disable=...` (or `# lintgate: disable=...`) on its own line
/// above a job key, a script key or a script item: it covers that node,
/// which runs until the next line indented as much or less. With `shell=`,
/// it sets the shell of the job below (returned as the offset of that line's
/// first character, where the job key starts).
fn yaml_comment_directives(text: &str) -> (Vec<Suppression>, Vec<(usize, Dialect)>) {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line.trim_end_matches(['\n', '\r'])))
        })
        .collect();
    let indent = |line: &str| line.len() - line.trim_start().len();
    let mut suppressions = Vec::new();
    let mut shells = Vec::new();
    for (index, (offset, line)) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if !trimmed.starts_with('#') {
            continue;
        }
        let comment_offset = offset + indent(line);
        let Some(directive) = lintgate_shell::parse_directive(trimmed, comment_offset) else {
            continue;
        };
        let Some(target) = (index + 1..lines.len()).find(|&i| {
            let t = lines[i].1.trim_start();
            !t.is_empty() && !t.starts_with('#')
        }) else {
            continue;
        };
        let target_indent = indent(lines[target].1);
        if let Some(dialect) = directive.shell.as_deref().and_then(Dialect::from_name) {
            shells.push((lines[target].0 + target_indent, dialect));
        }
        let last = (target + 1..lines.len())
            .take_while(|&i| lines[i].1.trim().is_empty() || indent(lines[i].1) > target_indent)
            .last()
            .unwrap_or(target);
        let scope = Scope::Lines { first: target as u32 + 1, last: last as u32 + 1 };
        if let Some(suppression) = lintgate_shell::directive_suppression(&directive, scope) {
            suppressions.push(suppression);
        }
    }
    (suppressions, shells)
}

/// Says which includes were not read and what that held back.
fn unread_includes_note(unread: usize, withheld: usize) -> String {
    let entries = if unread == 1 { "entry was" } else { "entries were" };
    let mut note = format!(
        "{unread} `include:` {entries} not read (remote, project, template and component includes are not fetched offline; unreadable local files are reported where they are named)"
    );
    if withheld > 0 {
        let findings = if withheld == 1 { "finding" } else { "findings" };
        note.push_str(&format!(
            "; {withheld} {findings} about jobs, `extends` or `!reference` targets not found (LG302, LG306) withheld: those includes may define them"
        ));
    }
    note
}
