//! C901: mccabe's cyclomatic complexity of functions (and of branching
//! statements at module or class level, which mccabe measures on their own).
//!
//! mccabe builds a path graph and reports edges - nodes + 2. That number
//! follows from the statements alone, so it is summed here directly:
//! `if`/`elif`, `for`, `while` and each nested `def` add one, a `try` adds
//! one plus one per handler; `with` bodies count, `finally` bodies, `match`
//! and `try`/`except*` statements (whose insides mccabe never visits) do not.

use rustc_hash::FxHashMap;

use crate::codes::{Code, Report};
use crate::syntax::ast::{self, Stmt};
use crate::syntax::{Ranged, TextRange, TextSize};

struct Graph {
    what: String,
    range: TextRange,
    complexity: usize,
}

/// Reports every graph more complex than `max`.
pub fn check(module: &[Stmt], text: &str, max: usize, report: &mut Report) {
    if !report.enabled(Code::C901) {
        return;
    }
    // mccabe keys graphs by qualified name: a later `def` of the same name
    // (a property's setter) replaces the earlier one's result.
    let mut graphs: FxHashMap<String, Graph> = FxHashMap::default();
    let mut order = Vec::new();
    top_level(module, text, "", &mut graphs, &mut order);
    for key in order {
        let Some(graph) = graphs.remove(&key) else { continue };
        if graph.complexity > max {
            report.push(
                Code::C901,
                format!("{} is too complex ({} > {max})", graph.what, graph.complexity),
                graph.range,
            );
        }
    }
}

/// Statements outside any graph: definitions and branching statements
/// start graphs; class and `with` bodies are walked for more.
fn top_level(
    body: &[Stmt],
    text: &str,
    class: &str,
    graphs: &mut FxHashMap<String, Graph>,
    order: &mut Vec<String>,
) {
    for stmt in body {
        let (key, what, range, complexity) = match stmt {
            Stmt::FunctionDef(function) => {
                let name = format!("{class}{}", function.name.as_str());
                let what = format!("`{name}`");
                (name, what, function.name.range, 1 + branches(&function.body))
            }
            Stmt::ClassDef(def) => {
                let inner = format!("{class}{}.", def.name.as_str());
                top_level(&def.body, text, &inner, graphs, order);
                continue;
            }
            Stmt::With(with) => {
                top_level(&with.body, text, class, graphs, order);
                continue;
            }
            Stmt::If(_) | Stmt::For(_) | Stmt::While(_) | Stmt::Try(_) => {
                let Some(own) = decisions(stmt) else { continue };
                let line = 1 + text[..stmt.start().to_usize()].matches('\n').count();
                let (label, keyword) = match stmt {
                    Stmt::If(_) => ("If", "`if`"),
                    Stmt::Try(_) => ("TryExcept", "`try`"),
                    Stmt::While(_) => ("Loop", "`while`"),
                    _ => ("Loop", "`for`"),
                };
                let key = format!("{class}{label} {line}");
                let what = format!("{keyword} statement outside a function");
                let start = stmt.start().to_usize();
                let word = text[start..].find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(0);
                let range =
                    TextRange::at(stmt.start(), TextSize::try_from(word).unwrap_or_default());
                (key, what, range, 1 + own + inner_branches(stmt))
            }
            _ => continue,
        };
        if graphs.insert(key.clone(), Graph { what, range, complexity }).is_none() {
            order.push(key);
        }
    }
}

/// What the statements inside a graph add to its complexity.
fn branches(body: &[Stmt]) -> usize {
    body.iter()
        .map(|stmt| match stmt {
            Stmt::FunctionDef(function) => 1 + branches(&function.body),
            Stmt::ClassDef(class) => branches(&class.body),
            Stmt::With(with) => branches(&with.body),
            _ => decisions(stmt).map_or(0, |own| own + inner_branches(stmt)),
        })
        .sum()
}

/// The paths a branching statement adds by itself; `None` for the others.
fn decisions(stmt: &Stmt) -> Option<usize> {
    match stmt {
        // Each `elif` is an `if` nested in the `else` of the one before.
        Stmt::If(stmt) => {
            Some(1 + stmt.elif_else_clauses.iter().filter(|c| c.test.is_some()).count())
        }
        Stmt::For(_) | Stmt::While(_) => Some(1),
        Stmt::Try(stmt) if !stmt.is_star => Some(1 + stmt.handlers.len()),
        _ => None,
    }
}

/// The complexity the bodies of a branching statement add.
fn inner_branches(stmt: &Stmt) -> usize {
    match stmt {
        Stmt::If(stmt) => {
            branches(&stmt.body)
                + stmt.elif_else_clauses.iter().map(|c| branches(&c.body)).sum::<usize>()
        }
        Stmt::For(ast::StmtFor { body, orelse, .. })
        | Stmt::While(ast::StmtWhile { body, orelse, .. }) => branches(body) + branches(orelse),
        Stmt::Try(stmt) => {
            let handlers = stmt.handlers.iter().map(|h| {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                branches(&h.body)
            });
            // mccabe never looks into `finally`.
            branches(&stmt.body) + handlers.sum::<usize>() + branches(&stmt.orelse)
        }
        _ => 0,
    }
}
