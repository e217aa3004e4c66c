use lintgate_engine::selector::{RuleSelection, SelectionLayer, Selector};

use crate::codes::Report;
use crate::logical::LogicalLines;
use crate::rules::pycodestyle::Context;

/// `(code, byte offset)` of every E2 finding on `source`, in order.
fn findings(source: &str) -> Vec<(String, usize)> {
    let layer = SelectionLayer {
        select: Some(vec![Selector::parse("E2").unwrap()]),
        ..SelectionLayer::default()
    };
    let mut report = Report::new(&RuleSelection::new([&layer]));
    let parsed = crate::syntax::parse(source);
    let lines = LogicalLines::new(source, parsed.token_kinds());
    let context = Context { indent_size: 4, hang_closing: false, max_doc_length: None };
    super::check(&lines, &context, &mut report);
    let mut found: Vec<(String, usize)> =
        report.findings.into_iter().map(|f| (f.code, f.range.start)).collect();
    found.sort_by_key(|(code, offset)| (*offset, code.clone()));
    found
}

fn codes(source: &str) -> Vec<String> {
    findings(source).into_iter().map(|(code, _)| code).collect()
}

#[test]
fn one_line_cases_find_what_pycodestyle_finds() {
    let cases: &[(&str, &[&str])] = &[
        ("f( a)\n", &["E201"]),
        ("f( )\n", &["E201"]),
        ("t = (1, )\n", &[]),
        ("t = (a ,b)\n", &["E203", "E231"]),
        ("y = (x := 1)\n", &[]),
        ("@ dec\ndef f(): pass\n", &["E204"]),
        ("f (1)\nreturn (1)\nclass A (B): pass\nmatch (x)\n", &["E211"]),
        ("x = a  - b\n", &["E221"]),
        ("x =- 1\n", &["E225"]),
        ("x = -  1\n", &[]),
        ("x = a -  1\n", &["E222"]),
        ("x = a\t+ b\n", &["E223"]),
        ("i=i+1\n", &["E225", "E226"]),
        ("x = a **b\n", &["E225"]),
        ("x = a**b\n", &[]),
        ("x = f(*a, **k)[-1]\n", &[]),
        ("def f(a, /): pass\n", &[]),
        ("x = a|b % c<<d\n", &["E227", "E227"]),
        ("x = a%b\n", &["E228"]),
        ("x = [a,b][1:2]\ny = {a:b}\nz = [lambda x:x]\n", &["E231", "E231"]),
        ("x = (1,\t2, 3,  4)\n", &["E242", "E241"]),
        ("f(a = 1)\ndef g(a: int=1): pass\n", &["E251", "E251", "E252", "E252"]),
        (
            "x = 1 # c\nx = 1  #c\n#c\n#!c\n## c\n##\n#:\n",
            &["E261", "E262", "E265", "E265", "E266"],
        ),
        ("x = a  if b else\tc\n", &["E272", "E273"]),
        ("if(x): pass\nfrom . import(a)\nx = not(a)\n", &["E275", "E275", "E275"]),
        ("try: pass\nexcept* A: pass\n", &[]),
    ];
    for (source, expected) in cases {
        assert_eq!(codes(source), *expected, "{source:?}");
    }
}

#[test]
fn positions_are_where_flake8_puts_them() {
    // E225 is at the end of the operand before `=`, E226 at the end of `i`.
    assert_eq!(findings("i=i+1\n"), [("E225".into(), 1), ("E226".into(), 3)]);
    // The space before `)` that a continuation row's join does not add.
    assert_eq!(findings("f(a,\n  b )\n"), [("E202".into(), 8)]);
    // E261 at the end of the code, E262 at the `#`.
    assert_eq!(findings("x = 1 #c\n"), [("E261".into(), 5), ("E262".into(), 6)]);
}

#[test]
fn line_endings_bom_and_form_feeds_change_nothing_but_offsets() {
    let lf = "x = f(a,b)  #c\nif(x):\n    y = a  + b\n";
    let expected = codes(lf);
    assert_eq!(expected, ["E231", "E262", "E275", "E221"]);
    assert_eq!(codes(&lf.replace('\n', "\r\n")), expected);
    assert_eq!(codes(&lf.replace('\n', "\r")), expected);
    assert_eq!(codes(&format!("\u{feff}{lf}")), expected);
    // A byte order mark does not make a first-line comment inline.
    assert_eq!(codes("\u{feff}#!shebang\n# c\n"), Vec::<String>::new());
    // A form feed is whitespace, and not the kind E231 accepts.
    assert_eq!(codes("\x0cx = [1,\x0c2]\n"), ["E231"]);
}

#[test]
fn broken_and_odd_input_does_not_panic() {
    for source in [
        "",
        "(",
        "x = (1,\n",
        "f'{",
        "\\",
        "if True:\n\tx = 1\n        y = 2\n",
        "x = a if b else c",
        "#",
        "x = 'é' [0]\né = 1\nx = é  + é,é\n",
        "def f(\n",
        "@\n",
        "lambda:(",
        "x = [1,\n#c",
    ] {
        findings(source);
    }
}

#[test]
fn a_huge_file_gets_every_finding() {
    let source = "x = f(a,b)\n".repeat(200_000);
    assert_eq!(findings(&source).len(), 200_000);
}
