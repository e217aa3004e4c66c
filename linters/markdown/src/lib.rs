//! lintgate's Markdown checker: markdownlint's rules (same codes, aliases,
//! parameters and inline comments) on one pulldown-cmark parse per file.

mod anchors;
mod comments;
mod config;
mod directives;
mod document;
mod links;
mod online;
mod rules;
mod settings;

use lintgate_engine::checker::{FileChecker, FileContext, FileOutput};
use lintgate_engine::diagnostic::Finding;
use lintgate_engine::kind::FileKind;
use lintgate_engine::source::SourceFile;

use config::{ConfigFiles, RuleConfig};
pub use config::{FILE_NAMES as MARKDOWNLINT_FILES, file_for as markdownlint_file_for};
use document::Document;
pub use online::{UrlChecker, UrlSettings};
use rules::RULES;
pub use settings::SETTINGS;

#[derive(Default)]
pub struct MarkdownChecker {
    config_files: ConfigFiles,
    anchors: links::AnchorCache,
}

impl FileChecker for MarkdownChecker {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn handles(&self, kind: FileKind) -> bool {
        kind == FileKind::Markdown
    }

    fn check(&self, file: &SourceFile, context: &FileContext) -> FileOutput {
        let mut output = FileOutput::default();
        let doc = Document::parse(&file.text, &file.lines);
        let directives = directives::read(&doc);
        let mut config = RuleConfig::default();
        if let Some(rules) = settings::rules_object(context.settings) {
            config.apply(&rules);
        } else if !context.isolated
            && let Some(dir) = file.disk_path.parent()
            && let Some(found) = self.config_files.for_dir(dir)
        {
            match &found.object {
                Ok(object) => config.apply(object),
                Err(e) => output.notes.push(format!("{e}; using markdownlint's defaults")),
            }
        }
        for object in &directives.configure {
            if let Some(object) = object.as_object() {
                config.apply(object);
            }
        }
        for (line, problem) in &directives.problems {
            output.notes.push(format!("line {}: {problem}", line + 1));
        }
        for (i, rule) in RULES.iter().enumerate() {
            if !context.is_enabled(rule.code) || !config.is_enabled(i) {
                continue;
            }
            for hit in (rule.check)(&doc, &config.params(i)) {
                if directives.is_enabled(hit.line, i) {
                    output.findings.push(Finding::new(rule.code, hit.message, hit.range));
                }
            }
        }
        // The repository the file is in; outside git, no boundary.
        let root = file
            .disk_path
            .ancestors()
            .skip(1)
            .find(|d| d.join(".git").exists())
            .unwrap_or(std::path::Path::new("/"));
        let context_links =
            links::LinkContext { file: &file.disk_path, root, cache: &self.anchors };
        output
            .findings
            .extend(links::check(&doc, &context_links, &|code| context.is_enabled(code)));
        output
    }
}
