use lintgate_engine::selector::{RuleSelection, SelectionLayer, Selector};
use lintgate_engine::source::LineIndex;

use super::super::Context;
use crate::codes::Report;
use crate::logical::LogicalLines;

/// `(line, column, code)` of every E1/W191 finding on `source`.
fn findings_with(source: &str, hang_closing: bool) -> Vec<(u32, u32, String)> {
    let layer = SelectionLayer { select: Some(vec![Selector::All]), ..SelectionLayer::default() };
    let mut report = Report::new(&RuleSelection::new([&layer]));
    let parsed = crate::syntax::parse(source);
    assert!(parsed.first_error().is_none(), "{source:?} does not parse");
    let rows = LineIndex::new(source);
    let context = Context { rows: &rows, indent_size: 4, hang_closing };
    let lines = LogicalLines::new(source, parsed.token_kinds());
    super::check(&lines, &context, &mut report);
    let mut found: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            let at = rows.position(source, f.range.start);
            (at.line, at.column, f.code.to_string())
        })
        .collect();
    found.sort();
    found
}

fn findings(source: &str) -> Vec<(u32, u32, String)> {
    findings_with(source, false)
}

fn codes(source: &str) -> Vec<String> {
    findings(source).into_iter().map(|(_, _, code)| code).collect()
}

#[test]
fn scratch() {
    let Ok(source) = std::fs::read_to_string("/tmp/e1/probe.py") else { return };
    for f in findings(&source) {
        println!("{}:{}: {}", f.0, f.1, f.2);
    }
}
