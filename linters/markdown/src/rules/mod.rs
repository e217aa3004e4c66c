//! The markdownlint rules lintgate implements: each a function of the
//! parsed [`Document`] and the rule's parameters (markdownlint's names and
//! defaults), returning hits with byte ranges. A new rule: a function in the
//! file of its family and a line in [`RULES`].

mod blank_lines;
mod blocks;
mod code;
mod commands;
mod emphasis;
mod fragments;
mod headings;
mod inline;
mod line_length;
mod lists;
mod references;
mod spans;
mod tables;
mod whitespace;

use std::ops::Range;

use crate::document::Document;

/// A rule's parameters: the object markdownlint's configuration gives it
/// (`{"line_length": 100}`), read with the rule's defaults.
pub struct Params<'a>(pub Option<&'a serde_json::Map<String, serde_json::Value>>);

impl Params<'_> {
    pub fn number(&self, key: &str, default: usize) -> usize {
        self.0
            .and_then(|m| m.get(key))
            .and_then(serde_json::Value::as_u64)
            .map_or(default, |n| n as usize)
    }

    pub fn boolean(&self, key: &str, default: bool) -> bool {
        self.0.and_then(|m| m.get(key)).and_then(serde_json::Value::as_bool).unwrap_or(default)
    }

    pub fn string<'s>(&'s self, key: &str, default: &'s str) -> &'s str {
        self.0.and_then(|m| m.get(key)).and_then(serde_json::Value::as_str).unwrap_or(default)
    }

    /// A list of strings (`["x"]`); `default` when the key is absent.
    pub fn strings(&self, key: &str, default: &[&str]) -> Vec<String> {
        match self.0.and_then(|m| m.get(key)).and_then(serde_json::Value::as_array) {
            Some(items) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
            None => default.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// A set of 0-based lines of one document (a flag per line).
pub struct LineSet(Vec<bool>);

impl LineSet {
    pub fn new(doc: &Document) -> LineSet {
        LineSet(vec![false; doc.line_count()])
    }

    /// Adds `first..=last` (clamped to the document).
    pub fn insert(&mut self, first: usize, last: usize) {
        let end = (last + 1).min(self.0.len());
        self.0[first.min(end)..end].fill(true);
    }

    pub fn contains(&self, line: usize) -> bool {
        self.0.get(line).copied().unwrap_or(false)
    }
}

/// What a rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// 0-based line the finding is reported on (directives apply to it).
    pub line: usize,
    pub range: Range<usize>,
    pub message: String,
}

impl Hit {
    pub fn new(line: usize, range: Range<usize>, message: impl Into<String>) -> Hit {
        Hit { line, range, message: message.into() }
    }

    /// A hit on a whole line's text.
    pub fn line(doc: &Document, line: usize, message: impl Into<String>) -> Hit {
        let start = doc.line_start(line);
        Hit::new(line, start..start + doc.line(line).len(), message)
    }
}

pub struct RuleSpec {
    pub code: &'static str,
    pub alias: &'static str,
    pub check: fn(&Document, &Params) -> Vec<Hit>,
}

/// Every rule, by code. At most 64 (directives keep a bit per rule).
pub static RULES: &[RuleSpec] = &[
    RuleSpec { code: "MD001", alias: "heading-increment", check: headings::increment },
    RuleSpec { code: "MD003", alias: "heading-style", check: headings::style },
    RuleSpec { code: "MD004", alias: "ul-style", check: lists::ul_style },
    RuleSpec { code: "MD005", alias: "list-indent", check: lists::list_indent },
    RuleSpec { code: "MD007", alias: "ul-indent", check: lists::ul_indent },
    RuleSpec { code: "MD009", alias: "no-trailing-spaces", check: whitespace::trailing_spaces },
    RuleSpec { code: "MD010", alias: "no-hard-tabs", check: whitespace::hard_tabs },
    RuleSpec { code: "MD011", alias: "no-reversed-links", check: spans::reversed_links },
    RuleSpec { code: "MD012", alias: "no-multiple-blanks", check: blank_lines::multiple_blanks },
    RuleSpec { code: "MD013", alias: "line-length", check: line_length::line_length },
    RuleSpec {
        code: "MD014",
        alias: "commands-show-output",
        check: commands::commands_show_output,
    },
    RuleSpec { code: "MD018", alias: "no-missing-space-atx", check: headings::missing_space_atx },
    RuleSpec { code: "MD019", alias: "no-multiple-space-atx", check: headings::multiple_space_atx },
    RuleSpec {
        code: "MD020",
        alias: "no-missing-space-closed-atx",
        check: headings::missing_space_closed_atx,
    },
    RuleSpec {
        code: "MD021",
        alias: "no-multiple-space-closed-atx",
        check: headings::multiple_space_closed_atx,
    },
    RuleSpec {
        code: "MD022",
        alias: "blanks-around-headings",
        check: blank_lines::around_headings,
    },
    RuleSpec { code: "MD023", alias: "heading-start-left", check: headings::start_left },
    RuleSpec { code: "MD024", alias: "no-duplicate-heading", check: headings::duplicate },
    RuleSpec { code: "MD025", alias: "single-title", check: headings::single_title },
    RuleSpec {
        code: "MD026",
        alias: "no-trailing-punctuation",
        check: headings::trailing_punctuation,
    },
    RuleSpec {
        code: "MD027",
        alias: "no-multiple-space-blockquote",
        check: blocks::multiple_space_blockquote,
    },
    RuleSpec { code: "MD028", alias: "no-blanks-blockquote", check: blocks::blanks_in_blockquote },
    RuleSpec { code: "MD029", alias: "ol-prefix", check: lists::ol_prefix },
    RuleSpec { code: "MD030", alias: "list-marker-space", check: lists::marker_space },
    RuleSpec { code: "MD031", alias: "blanks-around-fences", check: blank_lines::around_fences },
    RuleSpec { code: "MD032", alias: "blanks-around-lists", check: lists::blanks_around },
    RuleSpec { code: "MD033", alias: "no-inline-html", check: inline::inline_html },
    RuleSpec { code: "MD034", alias: "no-bare-urls", check: inline::bare_urls },
    RuleSpec { code: "MD035", alias: "hr-style", check: blocks::hr_style },
    RuleSpec {
        code: "MD036",
        alias: "no-emphasis-as-heading",
        check: emphasis::emphasis_as_heading,
    },
    RuleSpec { code: "MD037", alias: "no-space-in-emphasis", check: emphasis::space_in_emphasis },
    RuleSpec { code: "MD038", alias: "no-space-in-code", check: spans::space_in_code },
    RuleSpec { code: "MD039", alias: "no-space-in-links", check: inline::space_in_links },
    RuleSpec { code: "MD040", alias: "fenced-code-language", check: code::language },
    RuleSpec { code: "MD041", alias: "first-line-heading", check: headings::first_line },
    RuleSpec { code: "MD042", alias: "no-empty-links", check: inline::empty_links },
    RuleSpec { code: "MD045", alias: "no-alt-text", check: inline::no_alt_text },
    RuleSpec { code: "MD046", alias: "code-block-style", check: code::block_style },
    RuleSpec {
        code: "MD047",
        alias: "single-trailing-newline",
        check: whitespace::trailing_newline,
    },
    RuleSpec { code: "MD048", alias: "code-fence-style", check: code::fence_style },
    RuleSpec { code: "MD049", alias: "emphasis-style", check: emphasis::emphasis_style },
    RuleSpec { code: "MD050", alias: "strong-style", check: emphasis::strong_style },
    RuleSpec { code: "MD051", alias: "link-fragments", check: fragments::link_fragments },
    RuleSpec {
        code: "MD052",
        alias: "reference-links-images",
        check: references::undefined_references,
    },
    RuleSpec {
        code: "MD053",
        alias: "link-image-reference-definitions",
        check: references::unused_definitions,
    },
    RuleSpec { code: "MD055", alias: "table-pipe-style", check: tables::pipe_style },
    RuleSpec { code: "MD056", alias: "table-column-count", check: tables::column_count },
    RuleSpec { code: "MD058", alias: "blanks-around-tables", check: blocks::blanks_around_tables },
];

pub fn find(code_or_alias: &str) -> Option<usize> {
    RULES.iter().position(|r| {
        r.code.eq_ignore_ascii_case(code_or_alias) || r.alias.eq_ignore_ascii_case(code_or_alias)
    })
}
