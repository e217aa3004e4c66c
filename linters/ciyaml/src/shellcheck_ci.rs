//! `[checkers.shellcheck-ci]`: the real ShellCheck on the scripts inside CI
//! files. The CI checker's extraction gives each job's or step's script with
//! a source map; each script goes to a temporary file (with the shebang of
//! its shell), one batched run of the external `shellcheck` checker reads
//! them all, and every finding is mapped back through the source map to the
//! exact YAML line and column. It lives here, not in the external crate, so
//! that crate runs tools without knowing CI YAML.

use std::collections::HashSet;
use std::path::Path;

use lintgate_engine::checker::{
    BatchChecker, BatchFile, BatchOutput, CheckerError, LocatedFinding,
};
use lintgate_engine::diagnostic::Note;
use lintgate_engine::kind::FileKind;
use lintgate_engine::source::{LineIndex, Position};
use lintgate_external::ExternalChecker;
use lintgate_shell::Dialect;

use crate::gitlab::Unit;

pub const NAME: &str = "shellcheck-ci";

/// The built-in ShellCheck declaration with the user's overrides (`timeout`,
/// `command`, ...) from `[checkers.shellcheck-ci]`; `None` unless
/// `enabled = true`.
pub fn checker(value: &toml::Value) -> Result<Option<CiScriptsChecker>, String> {
    let table =
        value.as_table().ok_or_else(|| format!("[checkers] {NAME} = ...: expected a table"))?;
    if table.get("enabled").and_then(toml::Value::as_bool) != Some(true) {
        return Ok(None);
    }
    let declaration = lintgate_external::resolve("shellcheck", Some(table))
        .map_err(|e| e.replace("[checkers.shellcheck]", &format!("[checkers.{NAME}]")))?;
    Ok(declaration.map(|declaration| CiScriptsChecker {
        shellcheck: ExternalChecker::new(NAME, declaration),
    }))
}

pub struct CiScriptsChecker {
    /// ShellCheck as an external checker, run on the temporary files.
    shellcheck: ExternalChecker,
}

/// One script written for ShellCheck, and where it came from.
struct Written {
    /// Index into the YAML files read.
    yaml: usize,
    unit: Unit,
    /// The temporary file's text (prelude + script), and its lines.
    text: String,
    lines: LineIndex,
    shebang_len: usize,
}

/// A CI file whose scripts were written, with its lines (indexed once).
struct Yaml {
    path: String,
    text: String,
    lines: LineIndex,
}

impl BatchChecker for CiScriptsChecker {
    fn name(&self) -> &'static str {
        NAME
    }

    fn handles(&self, file: &BatchFile) -> bool {
        file.kind == FileKind::CiYaml
    }

    fn check_batch(&self, root: &Path, files: &[BatchFile]) -> Result<BatchOutput, CheckerError> {
        let failed = |message: String| CheckerError { message };
        let dir = tempfile::tempdir()
            .map_err(|e| failed(format!("cannot make a temporary directory: {e}")))?;
        let mut output = BatchOutput::default();
        let mut written: Vec<Written> = Vec::new();
        let mut yamls: Vec<Yaml> = Vec::new();
        let mut batch = Vec::new();
        for file in files {
            let Ok(text) = std::fs::read_to_string(&file.disk_path) else {
                output.notes.push(Note::new(
                    &file.path,
                    "cannot be read; its scripts are not given to ShellCheck",
                ));
                continue;
            };
            let mut seen = HashSet::new();
            for unit in crate::scripts(&file.path, &text) {
                // A template used by several jobs is one script to check.
                if unit.script.text.trim().is_empty()
                    || !seen.insert((unit.script.map.file_offset(0), unit.script.text.clone()))
                {
                    continue;
                }
                // Runners start job scripts with errexit on, as the shebang's shell.
                let shebang = format!("#!/bin/{}\nset -e\n", shell_of(unit.dialect));
                let script_text = format!("{shebang}{}\n", unit.script.text);
                let key = format!("{}#{}", file.path, written.len());
                let disk_path = dir.path().join(format!("script{}.sh", written.len()));
                std::fs::write(&disk_path, &script_text)
                    .map_err(|e| failed(format!("cannot write {}: {e}", disk_path.display())))?;
                batch.push(BatchFile { path: key, disk_path, kind: FileKind::Shell });
                let lines = LineIndex::new(&script_text);
                written.push(Written {
                    yaml: yamls.len(),
                    unit,
                    text: script_text,
                    lines,
                    shebang_len: shebang.len(),
                });
            }
            let lines = LineIndex::new(&text);
            yamls.push(Yaml { path: file.path.clone(), text, lines });
        }
        if batch.is_empty() {
            return Ok(output);
        }
        let ran = self.shellcheck.check_batch(root, &batch)?;
        output.notes.extend(ran.notes);
        let mut reported = HashSet::new();
        for finding in ran.findings {
            let index = finding.path.rsplit_once('#').and_then(|(_, i)| i.parse::<usize>().ok());
            let Some(script) = index.and_then(|i| written.get(i)) else { continue };
            if let Some(located) = map_back(script, &yamls[script.yaml], finding)
                && reported.insert((located.code.clone(), located.start))
            {
                output.findings.push(located);
            }
        }
        Ok(output)
    }
}

fn shell_of(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Bash => "bash",
        Dialect::Dash => "dash",
        Dialect::Ksh => "ksh",
        Dialect::Sh | Dialect::Busybox => "sh",
    }
}

/// A finding in the temporary file, placed in the YAML file it came from;
/// `None` for the shebang line and for text from other (included) files.
fn map_back(script: &Written, yaml: &Yaml, finding: LocatedFinding) -> Option<LocatedFinding> {
    let lines = &script.lines;
    let offset = |p: Position| -> Option<usize> {
        let line = (p.line as usize).checked_sub(1)?;
        if line >= lines.line_count() {
            return None;
        }
        let range = lines.line_range(&script.text, line);
        let text = &script.text[range.clone()];
        let column = (p.column as usize).saturating_sub(1);
        let within = text.char_indices().nth(column).map_or(text.len(), |(i, _)| i);
        (range.start + within).checked_sub(script.shebang_len)
    };
    let start = offset(finding.start)?;
    let end = offset(finding.end).unwrap_or(start).max(start);
    let map = &script.unit.script.map;
    if map.source_of(start) != 0 {
        return None;
    }
    let range = map.file_range(start..end);

    Some(LocatedFinding {
        path: yaml.path.clone(),
        start: yaml.lines.position(&yaml.text, range.start),
        end: yaml.lines.position(&yaml.text, range.end),
        message: format!("{} (job `{}`)", finding.message, script.unit.job),
        ..finding
    })
}
