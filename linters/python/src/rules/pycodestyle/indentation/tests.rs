use lintgate_engine::selector::{RuleSelection, SelectionLayer, Selector};
use lintgate_engine::source::LineIndex;

use super::super::Context;
use crate::codes::Report;
use crate::logical::LogicalLines;

/// `(line, column, code)` of every E1/W191 finding on `source`, which may
/// not parse (the family never runs on such a file, but must not panic).
fn findings_with(source: &str, indent_size: usize, hang_closing: bool) -> Vec<(u32, u32, String)> {
    let layer = SelectionLayer { select: Some(vec![Selector::All]), ..SelectionLayer::default() };
    let mut report = Report::new(&RuleSelection::new([&layer]));
    let parsed = crate::syntax::parse(source);
    let rows = LineIndex::new(source);
    let context = Context { indent_size, hang_closing, max_doc_length: None };
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
    assert!(crate::syntax::parse(source).first_error().is_none(), "{source:?} does not parse");
    findings_with(source, 4, false)
}

fn at(line: u32, column: u32, code: &str) -> (u32, u32, String) {
    (line, column, code.to_string())
}

#[test]
fn block_indentation_is_measured_against_the_previous_logical_line() {
    assert_eq!(findings("if a:\n   b = 1\n"), [at(2, 4, "E111")]);
    assert_eq!(findings("if a:\n    b = 1\n   # c\n"), [at(3, 4, "E114")]);
    assert_eq!(findings("if a:\n# c\n    b = 1\n"), [at(2, 1, "E115")]);
    assert_eq!(findings("a = 1\n    # c\n"), [at(2, 5, "E116")]);
    assert_eq!(findings("if a:\n        b = 1\n"), [at(2, 9, "E117")]);
    // A form feed is a column of indentation to pycodestyle, not to Python.
    assert_eq!(findings("a = 1\n\x0cb = 2\n"), [at(2, 2, "E111"), at(2, 2, "E113")]);
    assert!(findings("if a:\n    b = 1\n    # c\nd = 2\n").is_empty());
}

#[test]
fn the_indent_size_sets_the_multiple() {
    assert!(findings_with("if a:\n  b = 1\n", 2, false).is_empty());
    assert_eq!(findings_with("if a:\n    b = 1\n", 3, false), [at(2, 5, "E111")]);
}

#[test]
fn hanging_and_visual_indents() {
    assert!(findings("a = (\n    42)\nb = f(1,\n      2)\n").is_empty());
    assert_eq!(findings("a = (\n   42)\n"), [at(2, 4, "E121")]);
    assert_eq!(findings("a = (\n42)\n"), [at(2, 1, "E122")]);
    assert_eq!(findings("a = (\n    42\n    )\n"), [at(3, 5, "E123")]);
    assert_eq!(findings("a = (24,\n     42\n)\n"), [at(3, 1, "E124")]);
    assert_eq!(findings("if (\n    b):\n    pass\n"), [at(2, 5, "E125")]);
    assert_eq!(findings("a = (\n        42)\n"), [at(2, 9, "E126")]);
    assert_eq!(findings("a = (24,\n      42)\n"), [at(2, 7, "E127")]);
    assert_eq!(findings("a = (24,\n    42)\n"), [at(2, 5, "E128")]);
    assert_eq!(findings("if (a or\n    b):\n    pass\n"), [at(2, 5, "E129")]);
    assert_eq!(findings("a = (\n    42,\n 24)\n"), [at(3, 2, "E131")]);
}

#[test]
fn lining_up_with_strings_operators_and_keywords_is_allowed() {
    assert!(findings("a = ('x'\n     'y')\n").is_empty());
    assert!(findings("a = (1 +\n     2 +\n     3)\n").is_empty());
    assert!(findings("assert a, \\\n       b\n").is_empty());
    assert!(findings("with a as b, \\\n     c as d:\n    pass\n").is_empty());
    // A hanging indent of eight is fine on a line that opens a block.
    assert!(findings("def f(\n        a):\n    pass\n").is_empty());
}

#[test]
fn hang_closing_wants_the_closing_bracket_indented() {
    let source = "a = [\n    1,\n]\nb = [\n    1,\n    ]\n";
    assert_eq!(findings_with(source, 4, true), [at(3, 1, "E133")]);
    assert_eq!(findings_with(source, 4, false), [at(6, 5, "E123")]);
}

#[test]
fn a_file_indented_with_tabs_allows_hangs_of_one_or_two_levels() {
    assert!(findings("if a:\n\tb = (\n\t\t1)\n").iter().all(|f| f.2 == "W191"));
    let spaces = findings("if a:\n    b = (\n            1)\n");
    assert_eq!(spaces, [at(3, 13, "E126")]);
}

#[test]
fn tabs_are_found_on_each_physical_line_flake8_looks_at() {
    let source = "if a:\n    b = 1\nif b:\n\tc = '''\n\t'''\n\td = 1 + \\\n\t    2\n";
    let found = findings(source);
    let tabs: Vec<u32> = found.iter().filter(|f| f.2 == "W191").map(|f| f.0).collect();
    assert_eq!(tabs, [4, 5, 6, 7]);
    let mixed: Vec<u32> = found.iter().filter(|f| f.2 == "E101").map(|f| f.0).collect();
    assert_eq!(mixed, [4, 5, 6, 7]);
}

#[test]
fn odd_inputs_do_not_panic() {
    let sources = [
        "x = (1,\n \t \t 2)\n",
        "x = (1,\r\n\t    2)\r\n",
        "x = (1,\r\t2)\r",
        "\u{feff}x = (1,\n     2)\n",
        "\x0cx = (1,\n\x0c     2)\n",
        "x = (\n",
        "x = [\n    1,\n",
        "if (a and\n",
        "x = f'''\n{a}\n'''(1,\n 2)\n",
        "\t\t\tx = (\n",
        "x = (1 +\\\n",
        "é = ('ü',\n  'ß')\n",
        "",
    ];
    for source in sources {
        findings_with(source, 4, false);
        findings_with(source, 0, true);
    }
}

#[test]
fn a_very_long_expression_is_checked_row_by_row() {
    // Twenty thousand rows in one logical line, each pair a dict at the
    // same depth (the case a scan over the opening rows would make
    // quadratic); the second row of each breaks the visual indent.
    let mut source = String::from("values = [\n");
    for _ in 0..10_000 {
        source.push_str("    {'a': 1,\n   'b': 2},\n");
    }
    source.push_str("]\n");
    let found = findings(&source);
    assert_eq!(found.len(), 10_000, "{:?}", &found[..found.len().min(4)]);
    assert!(found.iter().all(|f| f.2 == "E128" && f.1 == 4), "{:?}", &found[..4]);
}
