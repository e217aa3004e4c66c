//! I001: each block of consecutive imports in isort's default order:
//! sections future / standard library / third party / first party / local,
//! in each `import x` statements before `from x import y`, modules and names
//! in isort's order (`key`). Only order and sectioning are checked, not
//! line wrapping, blank lines or parentheses. `# isort: skip_file`,
//! `# isort: off` / `# isort: on`, `# isort: skip` and `# isort: split`
//! are honoured.

mod key;
mod stdlib;

use std::ops::Range;

use crate::codes::{Code, Report};
use crate::syntax::ast::{self, Stmt};
use crate::syntax::{Ranged, TextRange, block_bodies, to_range};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Future,
    StandardLibrary,
    ThirdParty,
    FirstParty,
    Local,
}

/// How modules are placed in sections.
pub struct Placement<'a> {
    pub minor: u32,
    pub known_first_party: &'a [String],
    pub known_third_party: &'a [String],
    /// Top-level names found next to the configuration (or under `src/`).
    pub local_packages: &'a dyn Fn(&str) -> bool,
}

impl Placement<'_> {
    fn section(&self, module: &str, level: u32) -> Section {
        if level > 0 {
            return Section::Local;
        }
        let top = module.split('.').next().unwrap_or(module);
        if top == "__future__" {
            Section::Future
        } else if stdlib::contains(top, self.minor) {
            Section::StandardLibrary
        } else if self.known_third_party.iter().any(|k| k == top) {
            Section::ThirdParty
        } else if self.known_first_party.iter().any(|k| k == top) || (self.local_packages)(top) {
            Section::FirstParty
        } else {
            Section::ThirdParty
        }
    }
}

/// One imported name as isort orders it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    section: Section,
    from: bool,
    module: String,
    /// isort writes a name with a comment after it on its own line, ahead
    /// of the module's other names.
    commented: bool,
    name: Option<String>,
    alias: Option<String>,
}

impl Item {
    fn key(&self) -> impl Ord {
        (
            self.section,
            self.from,
            key::module(&self.module),
            !self.commented,
            self.name.as_deref().map(key::member),
            self.alias.as_deref().map(key::member),
        )
    }

    fn describe(&self) -> String {
        let alias = self.alias.as_ref().map(|a| format!(" as {a}")).unwrap_or_default();
        match &self.name {
            Some(name) => format!("from {} import {name}{alias}", self.module),
            None => format!("import {}{alias}", self.module),
        }
    }
}

pub fn check(
    body: &[Stmt],
    text: &str,
    comments: &[Range<usize>],
    placement: &Placement,
    report: &mut Report,
) {
    if !report.enabled(Code::I001) {
        return;
    }
    let directives = Directives::read(text, comments);
    if directives.skip_file {
        return;
    }
    // A comment in `range` (byte offsets).
    let commented = |range: Range<usize>| comments.iter().any(|c| range.contains(&c.start));
    visit_bodies(body, &mut |statements| {
        for block in blocks(statements, &directives, text) {
            check_block(&block, placement, text, &commented, report);
        }
    });
}

fn check_block(
    block: &[&Stmt],
    placement: &Placement,
    text: &str,
    commented: &dyn Fn(Range<usize>) -> bool,
    report: &mut Report,
) {
    let items: Vec<Item> =
        block.iter().flat_map(|stmt| items(stmt, placement, text, commented)).collect();
    let mut expected = items.clone();
    expected.sort_by(|a, b| a.key().cmp(&b.key()));
    expected.dedup();
    if items == expected {
        return;
    }
    // Show the expected order from the first import out of place.
    const SHOWN: usize = 6;
    let first = items.iter().zip(&expected).position(|(a, b)| a != b).unwrap_or(expected.len());
    if first == expected.len() {
        // In order, but for a repeated import at the end.
        let repeated = items.get(first).map_or(String::new(), Item::describe);
        let range = TextRange::new(block[0].start(), block[block.len() - 1].end());
        report.push(Code::I001, format!("import block repeats `{repeated}`"), range);
        return;
    }
    let rest = &expected[first..];
    let mut order: Vec<String> =
        rest.iter().take(SHOWN).map(|i| format!("`{}`", i.describe())).collect();
    if rest.len() > SHOWN {
        order.push(format!("{} more", rest.len() - SHOWN));
    }
    let placed =
        items.get(first).map_or(String::new(), |i| format!(" `{}` is out of place;", i.describe()));
    let range = TextRange::new(block[0].start(), block[block.len() - 1].end());
    report.push(
        Code::I001,
        format!("import block is unsorted:{placed} expected {}", order.join(", ")),
        range,
    );
}

/// `commented(range)`: whether a comment starts in the byte range.
fn items(
    stmt: &Stmt,
    placement: &Placement,
    text: &str,
    commented: &dyn Fn(Range<usize>) -> bool,
) -> Vec<Item> {
    match stmt {
        Stmt::Import(import) => import
            .names
            .iter()
            .map(|alias| Item {
                section: placement.section(alias.name.as_str(), 0),
                from: false,
                module: alias.name.to_string(),
                commented: false,
                name: None,
                alias: alias.asname.as_ref().map(ToString::to_string),
            })
            .collect(),
        Stmt::ImportFrom(import) => {
            let module = import.module.as_ref().map_or("", |m| m.as_str());
            let full = format!("{}{module}", ".".repeat(import.level as usize));
            import
                .names
                .iter()
                .enumerate()
                .map(|(i, alias)| Item {
                    section: placement.section(module, import.level),
                    from: true,
                    module: full.clone(),
                    commented: commented(comment_room(import, i, text)),
                    name: Some(alias.name.to_string()),
                    alias: alias.asname.as_ref().map(ToString::to_string),
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Where a comment belongs to name `i` of a `from` import: after a lone
/// name on its line, or after a name of a parenthesized import before the
/// next name (isort writes such names first, on lines of their own).
fn comment_room(import: &ast::StmtImportFrom, i: usize, text: &str) -> Range<usize> {
    let end = import.names[i].end().to_usize();
    match import.names.get(i + 1) {
        Some(next) => end..next.start().to_usize(),
        None if import.names.len() == 1 || text[import.start().to_usize()..end].contains('\n') => {
            end..line_end(text, import.end().to_usize())
        }
        None => end..end,
    }
}

/// The isort directives of a file.
struct Directives {
    skip_file: bool,
    /// Byte ranges between `# isort: off` and `# isort: on`.
    off: Vec<Range<usize>>,
    /// Offsets of `# isort: split` comments.
    splits: Vec<usize>,
    /// Comments `# isort: skip` (their start offsets).
    skips: Vec<usize>,
}

impl Directives {
    fn read(text: &str, comments: &[Range<usize>]) -> Directives {
        let mut directives =
            Directives { skip_file: false, off: Vec::new(), splits: Vec::new(), skips: Vec::new() };
        let mut off_since = None;
        for comment in comments {
            let Some(rest) = text[comment.clone()].strip_prefix('#') else { continue };
            let Some(directive) = rest.trim_start().strip_prefix("isort:") else { continue };
            match directive.trim() {
                "skip_file" => directives.skip_file = true,
                "off" => off_since = off_since.or(Some(comment.start)),
                "on" => {
                    if let Some(start) = off_since.take() {
                        directives.off.push(start..comment.start);
                    }
                }
                "split" => directives.splits.push(comment.start),
                "skip" => directives.skips.push(comment.start),
                _ => {}
            }
        }
        if let Some(start) = off_since {
            directives.off.push(start..text.len());
        }
        directives
    }

    fn excluded(&self, stmt: &Stmt, text: &str) -> bool {
        let range = to_range(stmt.range());
        let end = line_end(text, range.end);
        self.off.iter().any(|off| off.contains(&range.start))
            || self.skips.iter().any(|&skip| (range.start..end).contains(&skip))
    }
}

/// The end of the line `offset` is on.
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find(['\n', '\r']).map_or(text.len(), |i| offset + i)
}

/// The runs of consecutive import statements in one body.
fn blocks<'a>(statements: &'a [Stmt], directives: &Directives, text: &str) -> Vec<Vec<&'a Stmt>> {
    let mut blocks = Vec::new();
    let mut current: Vec<&Stmt> = Vec::new();
    for stmt in statements {
        let import = matches!(stmt, Stmt::Import(_) | Stmt::ImportFrom(_));
        // A split comment between two imports, or at the end of the second
        // one's line (as isort reads it), starts a new block.
        let stmt_line_end = line_end(text, stmt.end().to_usize());
        let split = current.last().is_some_and(|previous| {
            directives
                .splits
                .iter()
                .any(|&at| previous.end().to_usize() <= at && at < stmt_line_end)
        });
        if !import || directives.excluded(stmt, text) || split {
            if current.len() > 1 || current.iter().any(|s| multi_name(s)) {
                blocks.push(std::mem::take(&mut current));
            }
            current.clear();
            if !import || directives.excluded(stmt, text) {
                continue;
            }
        }
        current.push(stmt);
    }
    if current.len() > 1 || current.iter().any(|s| multi_name(s)) {
        blocks.push(current);
    }
    blocks
}

/// An import of several names, which has an order of its own.
fn multi_name(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Import(import) => import.names.len() > 1,
        Stmt::ImportFrom(import) => import.names.len() > 1,
        _ => false,
    }
}

/// Calls `visit` with every statement list in the module, nested ones too.
fn visit_bodies<'a>(body: &'a [Stmt], visit: &mut impl FnMut(&'a [Stmt])) {
    visit(body);
    for stmt in body {
        match stmt {
            Stmt::FunctionDef(function) => visit_bodies(&function.body, visit),
            Stmt::ClassDef(class) => visit_bodies(&class.body, visit),
            _ => {
                for nested in block_bodies(stmt) {
                    visit_bodies(nested, visit);
                }
            }
        }
    }
}
