//! lintgate's native Python checker: pyflakes' and pycodestyle's checks,
//! with their codes, on ruff's parser and a scope model of our own.
//!
//! A file is parsed once; `visit` walks the tree once, building the scope
//! model (`semantic`) and running node rules (`rules`); the rules that need
//! complete scopes run afterwards; line rules read the text and tokens.

mod codes;
mod inherited;
mod lines;
mod logical;
mod noqa;
mod packages;
mod rules;
mod semantic;
mod syntax;
mod visit;

use lintgate_engine::checker::{FileChecker, FileContext, FileOutput};
use lintgate_engine::config::{OptionKind, OptionSpec, SectionSpec};
use lintgate_engine::kind::FileKind;
use lintgate_engine::repository;
use lintgate_engine::source::SourceFile;

pub use crate::inherited::{
    Caches as InheritedCaches, FLAKE8_LINE_LENGTH, Flake8Cache, Flake8Config, Found, Inherited,
    InheritedVersion, Setting, VersionSource, find as inherited,
};

use crate::codes::{Code, Report};
use crate::syntax::TokenClass;
use crate::visit::{Checker, FileInfo};

/// `[python]` in configuration.
pub const SETTINGS: SectionSpec = SectionSpec {
    name: "python",
    options: &[
        OptionSpec {
            name: "line-length",
            kind: OptionKind::Integer,
            doc: "The longest line E501 allows, in characters (wide characters count two). Default: 88.",
        },
        OptionSpec {
            name: "max-doc-length",
            kind: OptionKind::Integer,
            doc: "The longest comment or docstring line W505 allows, in characters. Default: flake8's max-doc-length, else none (W505 reports nothing).",
        },
        OptionSpec {
            name: "docstring-convention",
            kind: OptionKind::String,
            doc: "Turns on the pydocstyle (D) codes of a convention: \"pep257\", \"google\" or \"numpy\". Default: none; then pydocstyle's own configuration applies where a file of it is found (`[pydocstyle]` in setup.cfg, tox.ini, .pydocstyle*, `[tool.pydocstyle]` in pyproject.toml: its codes, `match`, `match-dir`, `ignore-decorators`, `property-decorators`), else the D codes are off unless selected.",
        },
        OptionSpec {
            name: "known-first-party",
            kind: OptionKind::StringList,
            doc: "Top-level modules I001 places in the first-party section, besides those found at the repository root and in src/.",
        },
        OptionSpec {
            name: "known-third-party",
            kind: OptionKind::StringList,
            doc: "Top-level modules I001 places in the third-party section even when a directory of that name exists.",
        },
        OptionSpec {
            name: "target-version",
            kind: OptionKind::String,
            doc: "The oldest Python the code runs on, as \"3.9\" or \"py39\"; decides which builtins exist. Default: the lower bound of `requires-python` in the nearest pyproject.toml, else ruff's `target-version`, else the newest Python's builtins (and 3.9's standard library for I001).",
        },
        OptionSpec {
            name: "max-complexity",
            kind: OptionKind::Integer,
            doc: "The highest McCabe complexity C901 allows a function (flake8's `--max-complexity`). Default: none (C901 reports nothing).",
        },
        OptionSpec {
            name: "indent-size",
            kind: OptionKind::Integer,
            doc: "The width of one indentation level for E111, E114 and the continuation lines E121–E131 (pycodestyle's `indent-size`). Default: 4.",
        },
        OptionSpec {
            name: "hang-closing",
            kind: OptionKind::Boolean,
            doc: "pycodestyle's `hang-closing` style: a closing bracket is indented like the lines it closes (E133 reports one that is not, E123 is not reported). Default: false.",
        },
    ],
};

const DEFAULT_LINE_LENGTH: usize = 88;
/// I001's standard library when no version is set.
const DEFAULT_MINOR: u32 = 9;
/// The newest Python whose builtins lintgate knows: with no version set
/// anywhere, no builtin of any version is reported as undefined.
const NEWEST_MINOR: u32 = 14;

/// The D codes a `[python] docstring-convention` turns on and keeps off.
pub struct Convention {
    pub enabled: &'static [&'static str],
    pub excluded: &'static [&'static str],
}

/// The convention `[python]` names, if any and known (an unknown one is a
/// note when files are checked).
pub fn docstring_convention(python: Option<&toml::Table>) -> Option<Convention> {
    let name = python?.get("docstring-convention")?.as_str()?;
    let excluded = rules::docstrings::convention_excludes(name)?;
    Some(Convention { enabled: &["D"], excluded })
}

/// Every code the Python checker can report.
pub fn codes() -> impl Iterator<Item = &'static str> {
    Code::ALL.iter().map(|code| code.as_str())
}

/// The selection layer a `[flake8]` section makes: flake8's decision for
/// each of this checker's E, W, F and C90 codes, the others untouched.
pub fn flake8_selection(config: &Flake8Config) -> lintgate_engine::selector::SelectionLayer {
    inherited::selection::layer(config, codes())
}

pub use crate::inherited::selection::DEFAULT_IGNORE as FLAKE8_DEFAULT_IGNORE;

pub use crate::inherited::pydocstyle::{PydocstyleCache, PydocstyleConfig};

/// The pydocstyle codes this checker has.
pub fn docstring_codes() -> Vec<&'static str> {
    codes().filter(|c| c.starts_with('D')).collect()
}

/// Whether `[python]` has docstring settings of lintgate's own (then no
/// pydocstyle file is read).
pub fn has_docstring_settings(python: Option<&toml::Table>) -> bool {
    python.is_some_and(|p| p.contains_key("docstring-convention"))
}

/// The selection layer pydocstyle's configuration makes: its codes on,
/// the other D codes off.
pub fn pydocstyle_selection(
    config: &PydocstyleConfig,
) -> lintgate_engine::selector::SelectionLayer {
    use lintgate_engine::selector::{SelectionLayer, Selector};
    let (on, off): (Vec<&str>, Vec<&str>) =
        docstring_codes().into_iter().partition(|c| config.codes.contains(c));
    let selectors =
        |codes: Vec<&str>| codes.into_iter().map(|c| Selector::Prefix(c.into())).collect();
    SelectionLayer {
        extend_select: selectors(on),
        ignore: selectors(off),
        ..SelectionLayer::default()
    }
}

pub struct PythonChecker {
    inherited: InheritedCaches,
    pydocstyle: PydocstyleCache,
    packages: packages::LocalPackages,
    config_files: lintgate_engine::dependencies::ConfigDigest,
}

/// Every other tool's configuration file this checker may read (inherited
/// line length, flake8, pydocstyle and isort settings): the result cache
/// keys on them, so a file read from here on must be listed.
const TOOL_CONFIG_FILES: &[&str] = &[
    "ruff.toml",
    ".ruff.toml",
    "pyproject.toml",
    ".flake8",
    "setup.cfg",
    "tox.ini",
    ".pydocstyle",
    ".pydocstyle.ini",
    ".pydocstylerc",
    ".pydocstylerc.ini",
    ".pep257",
    ".isort.cfg",
    ".editorconfig",
];

impl Default for PythonChecker {
    fn default() -> Self {
        PythonChecker {
            inherited: InheritedCaches::default(),
            pydocstyle: PydocstyleCache::default(),
            packages: packages::LocalPackages::default(),
            config_files: lintgate_engine::dependencies::ConfigDigest::new(TOOL_CONFIG_FILES),
        }
    }
}

impl FileChecker for PythonChecker {
    fn name(&self) -> &'static str {
        "python"
    }

    fn handles(&self, kind: FileKind) -> bool {
        kind == FileKind::Python
    }

    fn cache_key(&self, file: &SourceFile, context: &FileContext) -> Option<u64> {
        let dir = file.disk_path.parent()?;
        let mut key = self.config_files.for_dir(dir);
        if context.rules.is_enabled("I001") {
            // I001's sections depend on the repository's first-party names.
            use std::hash::{Hash, Hasher};
            let local = self.packages.for_root(&project_root(&file.disk_path));
            let mut names: Vec<&String> = local.iter().collect();
            names.sort_unstable();
            // SipHash with fixed keys: the same in every run of this binary.
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            names.hash(&mut hasher);
            key ^= hasher.finish().rotate_left(1);
        }
        Some(key)
    }

    fn check(&self, file: &SourceFile, context: &FileContext) -> FileOutput {
        let dir = file.disk_path.parent().filter(|_| !context.isolated);
        let inherited = dir.map(|dir| self.inherited.for_dir(dir)).unwrap_or_default();
        let mut notes = inherited.notes.clone();
        let mut settings = Settings::read(context.settings, &inherited, &mut notes);
        if let Some(dir) = dir
            && !has_docstring_settings(context.settings)
            && rules::docstrings::CODES.iter().any(|c| context.rules.is_enabled(c.as_str()))
            && let Some(pydocstyle) = self.pydocstyle.for_dir(dir, &docstring_codes())
        {
            notes.extend(pydocstyle.problems.iter().cloned());
            settings.docstrings.property_decorators = pydocstyle.property_decorators.clone();
            settings.docstrings.ignore_decorators = pydocstyle.ignore_decorators.clone();
        }
        if context.rules.is_enabled("I001") {
            settings.local_packages = self.packages.for_root(&project_root(&file.disk_path));
        }
        let file_name = file.disk_path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let info = FileInfo {
            is_init: file_name == "__init__.py" || file_name == "__init__.pyi",
            is_stub: file_name.ends_with(".pyi"),
            minor: settings.minor.unwrap_or(NEWEST_MINOR),
        };
        let (report, suppressions) = check_source(
            &file.text,
            &file.lines,
            info,
            &file.path,
            &settings,
            Report::new(context.rules),
        );
        FileOutput { findings: report.findings, suppressions, notes, ..FileOutput::default() }
    }
}

struct Settings {
    line_length: usize,
    /// W505's limit: `[python] max-doc-length`, else flake8's; `None` turns it off.
    max_doc_length: Option<usize>,
    /// C901's limit: `[python] max-complexity`, else flake8's; `None` turns it off.
    max_complexity: Option<usize>,
    /// 3.`minor`, from lintgate, `requires-python` or ruff; `None`: not set anywhere.
    minor: Option<u32>,
    /// `[python] target-version` alone (isort reads no other tool's).
    import_minor: u32,
    known_first_party: Vec<String>,
    known_third_party: Vec<String>,
    /// The repository's own top-level modules (I001's first party).
    local_packages: std::sync::Arc<rustc_hash::FxHashSet<String>>,
    docstrings: rules::docstrings::Options,
    /// pycodestyle's `indent-size` and `hang-closing`.
    indent_size: usize,
    hang_closing: bool,
}

impl Settings {
    /// `inherited`: what flake8's, ruff's and the project's files set,
    /// used where lintgate's own settings are silent.
    fn read(
        table: Option<&toml::Table>,
        inherited: &Inherited,
        notes: &mut Vec<String>,
    ) -> Settings {
        let integer = |key: &str| {
            table
                .and_then(|t| t.get(key))
                .and_then(toml::Value::as_integer)
                .and_then(|n| usize::try_from(n).ok())
        };
        let line_length = integer("line-length")
            .or(inherited.line_length.as_ref().map(|f| f.value))
            .unwrap_or(DEFAULT_LINE_LENGTH);
        let version = table.and_then(|t| t.get("target-version")).and_then(toml::Value::as_str);
        let own = match version.map(|v| (v, parse_version(v))) {
            None => None,
            Some((_, Some(minor))) => Some(minor),
            Some((text, None)) => {
                notes.push(format!(
                    "`[python] target-version = \"{text}\"` is not a Python 3 version such as \"3.9\" or \"py39\"; using 3.{DEFAULT_MINOR}"
                ));
                Some(DEFAULT_MINOR)
            }
        };
        let minor = own.or(inherited.version.as_ref().map(|f| f.value.minor));
        let convention =
            table.and_then(|t| t.get("docstring-convention")).and_then(toml::Value::as_str);
        if let Some(name) =
            convention.filter(|n| rules::docstrings::convention_excludes(n).is_none())
        {
            notes.push(format!(
                "`[python] docstring-convention = \"{name}\"` is not one of \"pep257\", \"google\", \"numpy\"; no convention applies"
            ));
        }
        let strings = |key: &str| -> Vec<String> {
            let list = table.and_then(|t| t.get(key)).and_then(toml::Value::as_array);
            list.into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect()
        };
        let max_complexity = match table.and_then(|t| t.get("max-complexity")) {
            Some(toml::Value::Integer(n)) if *n < 0 => {
                notes.push(format!(
                    "`[python] max-complexity = {n}` is negative; C901 reports nothing"
                ));
                None
            }
            Some(value) => value.as_integer().and_then(|n| usize::try_from(n).ok()),
            None => inherited.max_complexity,
        };
        Settings {
            line_length,
            max_doc_length: integer("max-doc-length").or(inherited.max_doc_length),
            max_complexity,
            minor,
            import_minor: own.unwrap_or(DEFAULT_MINOR),
            known_first_party: strings("known-first-party"),
            known_third_party: strings("known-third-party"),
            local_packages: std::sync::Arc::default(),
            docstrings: rules::docstrings::Options::default(),
            indent_size: table
                .and_then(|t| t.get("indent-size"))
                .and_then(toml::Value::as_integer)
                .and_then(|n| usize::try_from(n).ok())
                .filter(|n| *n > 0)
                .unwrap_or(4),
            hang_closing: table
                .and_then(|t| t.get("hang-closing"))
                .and_then(toml::Value::as_bool)
                .unwrap_or(false),
        }
    }
}

/// Where a file's first-party modules live: its repository's root or,
/// outside a repository, the directory lintgate runs in (as isort does).
fn project_root(path: &std::path::Path) -> std::path::PathBuf {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let root = repository::root_of(dir);
    if root.join(".git").exists() {
        return root.to_path_buf();
    }
    std::env::current_dir()
        .ok()
        .filter(|cwd| dir.starts_with(cwd))
        .unwrap_or_else(|| dir.to_path_buf())
}

/// "3.9", "py39", "py310" → the minor version.
fn parse_version(text: &str) -> Option<u32> {
    if let Some(minor) = text.strip_prefix("3.") {
        return minor.parse().ok();
    }
    text.strip_prefix("py3")?.parse().ok()
}

/// The parser's sentence in lintgate's message style: lower case first,
/// unless a capitalised name such as `IPython` starts it.
fn lower_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_ascii_uppercase() && second.is_lowercase() => {
            format!("{}{}", first.to_ascii_lowercase(), &sentence[1..])
        }
        _ => sentence.to_string(),
    }
}

fn check_source(
    text: &str,
    lines: &lintgate_engine::source::LineIndex,
    info: FileInfo,
    path: &str,
    settings: &Settings,
    mut report: Report,
) -> (Report, Vec<lintgate_engine::suppression::Suppression>) {
    if info.is_stub {
        // Stubs repeat the parameter names of the code they describe.
        report.disable(Code::E741);
    }
    let parsed = syntax::parse(text);
    let tokens: Vec<(TokenClass, std::ops::Range<usize>)> = parsed.tokens().collect();
    let comments = lines::Comments(
        tokens
            .iter()
            .filter(|(class, _)| *class == TokenClass::Comment)
            .map(|(_, r)| r.clone())
            .collect(),
    );
    let multiline_strings: Vec<std::ops::Range<usize>> = tokens
        .iter()
        .filter(|(class, range)| {
            matches!(class, TokenClass::StringPart { triple_quoted: true, .. })
                && text[range.clone()].contains(['\n', '\r'])
        })
        .map(|(_, range)| range.clone())
        .collect();
    let line_settings = lines::LineSettings { line_length: settings.line_length, tab_size: 4 };
    lines::check(text, &comments, &line_settings, &mut report);
    if report.enabled(Code::W605) {
        lines::invalid_escapes(text, &tokens, &mut report);
    }
    let mut statements = Vec::new();
    if parsed.first_error().is_none() {
        // flake8 reports only E999 on a file that does not parse.
        let context = rules::pycodestyle::Context {
            indent_size: settings.indent_size,
            hang_closing: settings.hang_closing,
            max_doc_length: settings.max_doc_length,
        };
        rules::pycodestyle::check(text, parsed.token_kinds(), &context, &mut report);
    }
    if let Some(error) = parsed.first_error() {
        // Rules on the syntax tree would report the parser's guesses.
        let message = format!("syntax error: {}", lower_first(&error.message));
        report.push_bytes(Code::E999, message, error.range);
    } else {
        let mut checker = Checker::new(text, info, report);
        checker.check_module(parsed.module());
        report = checker.report;
        rules::unused::check(&checker.model, text, lines, &mut report);
        if let Some(max) = settings.max_complexity {
            rules::complexity::check(parsed.module(), text, max, &mut report);
        }
        if report.any_enabled(rules::docstrings::CODES) {
            let public = rules::docstrings::is_public_module(path);
            rules::docstrings::check(
                parsed.module(),
                public,
                info,
                text,
                &comments.0,
                &settings.docstrings,
                &mut report,
            );
        }
        let local = |name: &str| settings.local_packages.contains(name);
        let placement = rules::import_order::Placement {
            minor: settings.import_minor,
            known_first_party: &settings.known_first_party,
            known_third_party: &settings.known_third_party,
            local_packages: &local,
        };
        rules::import_order::check(parsed.module(), text, &comments.0, &placement, &mut report);
        statements = checker.noqa_statements.iter().map(|r| syntax::to_range(*r)).collect();
        // Deferred function bodies are visited after the module.
        statements.sort_by_key(|r: &std::ops::Range<usize>| r.start);
    }
    let spans = noqa::Spans { strings: &multiline_strings, statements: &statements };
    let suppressions = noqa::suppressions(text, &comments.0, &spans, lines);
    report.findings.sort_by_key(|f| (f.range.start, f.range.end));
    (report, suppressions)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_negative_max_complexity_is_a_note_and_turns_c901_off() {
        let table: toml::Table = "max-complexity = -1".parse().unwrap();
        let mut notes = Vec::new();
        let settings = super::Settings::read(Some(&table), &Default::default(), &mut notes);
        assert_eq!(settings.max_complexity, None);
        assert_eq!(notes.len(), 1, "{notes:?}");
        let table: toml::Table = "max-complexity = 0".parse().unwrap();
        let settings = super::Settings::read(Some(&table), &Default::default(), &mut notes);
        assert_eq!(settings.max_complexity, Some(0));
    }

    #[test]
    fn parser_messages_start_in_lower_case_but_names_keep_theirs() {
        assert_eq!(super::lower_first("Expected a statement"), "expected a statement");
        assert_eq!(super::lower_first("IPython escape commands"), "IPython escape commands");
        assert_eq!(super::lower_first("`yield` outside"), "`yield` outside");
    }
}
