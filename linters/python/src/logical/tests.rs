use super::{LogicalLines, expand_indent};

fn lines(source: &str) -> Vec<(String, usize, usize, usize)> {
    let parsed = crate::syntax::parse(source);
    let lines = LogicalLines::new(source, parsed.token_kinds());
    lines
        .iter()
        .map(|l| (l.text().to_string(), l.indent_level(), l.blank_lines(), l.blank_before()))
        .collect()
}

#[test]
fn statements_comments_and_blank_lines_make_the_lines() {
    let source = "import os\n\n\n# one\n\n# two\ndef f(a,\n      b):  # c\n    return {'k': a}\n";
    let expected = [
        ("import os", 0, 0, 0),
        ("", 0, 2, 2),
        ("", 0, 1, 2),
        ("def f(a, b):", 0, 0, 2),
        ("return {'x': a}", 4, 0, 0),
    ];
    let expected: Vec<_> =
        expected.iter().map(|(t, i, b, bb)| (t.to_string(), *i, *b, *bb)).collect();
    assert_eq!(lines(source), expected);
}

#[test]
fn strings_are_muted_and_fstrings_are_one_string() {
    let source = "x = f'{a!r:>{w}}' + rb\"\"\"q\n\"\"\" + 'é'\n";
    assert_eq!(lines(source)[0].0, "x = f'xxxxxxxxxx' + rb\"\"\"xx\"\"\" + 'xx'");
}

#[test]
fn brackets_join_rows_with_a_space_only_where_flake8_puts_one() {
    let source = "y = foo(\n    1,\n    2\n) + [\n3]\nz = 1 + \\\n    2\n";
    let texts: Vec<String> = lines(source).into_iter().map(|l| l.0).collect();
    assert_eq!(texts[..2], ["y = foo(1, 2) + [3]".to_string(), "z = 1 + 2".to_string()]);
}

#[test]
fn offsets_map_back_counting_from_the_token_end() {
    let source = "if True:\n    x  =  [1,\n2]\n";
    let parsed = crate::syntax::parse(source);
    let lines = LogicalLines::new(source, parsed.token_kinds());
    let line = lines.iter().nth(1).unwrap();
    assert_eq!(line.text(), "x  =  [1, 2]");
    assert_eq!(line.start(), 13);
    // The space before `=` and the `2` on the next row.
    assert_eq!(&source[line.file_offset(2)..line.file_offset(3)], " ");
    assert_eq!(&source[line.file_offset(10)..line.file_offset(11)], "2");
    assert_eq!(line.previous_text(), "if True:");
}

#[test]
fn indentation_expands_tabs_to_eight() {
    assert_eq!(expand_indent("    x"), 4);
    assert_eq!(expand_indent("\tx"), 8);
    assert_eq!(expand_indent("   \tx"), 8);
    assert_eq!(expand_indent("        \t x"), 17);
}

#[test]
fn indent_char_is_the_first_indented_physical_line() {
    let source = "s = '''\n\tx'''\nif a:\n    b\n";
    let parsed = crate::syntax::parse(source);
    assert_eq!(LogicalLines::new(source, parsed.token_kinds()).indent_char, Some('\t'));
}

#[test]
fn a_byte_order_mark_is_not_indentation() {
    let source = "\u{feff}\t# c\nif a:\n    b = 1\n";
    let parsed = crate::syntax::parse(source);
    let lines = LogicalLines::new(source, parsed.token_kinds());
    assert_eq!(lines.indent_char, Some('\t'));
    assert_eq!(lines.iter().next().unwrap().indent_level(), 8);
}

#[test]
fn broken_input_still_gives_lines() {
    for source in ["(", "\\", "x = (\n", "f'{", "\u{feff}x = 1\r\ry = 2\r", "\x0cdef f(): pass\n"] {
        let parsed = crate::syntax::parse(source);
        let lines = LogicalLines::new(source, parsed.token_kinds());
        for line in lines.iter() {
            for offset in 0..=line.text().len() {
                assert!(line.file_offset(offset) <= source.len());
            }
        }
    }
}
