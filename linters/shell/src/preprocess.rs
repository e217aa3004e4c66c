//! Same-length rewrites of the text before parsing, for constructs
//! tree-sitter-bash does not accept but shells do. Byte offsets are kept, so
//! findings still point at the original text.

/// Carriage returns become spaces (SC1017 reports them), `for name do`
/// (POSIX's form without `in`) becomes `for name;do`, and a line of empty
/// assignments `a= b=` (which the grammar runs into the next line) becomes
/// `a=;b=`.
pub fn for_parsing(text: &str) -> Option<String> {
    let needs_cr = text.contains('\r');
    let mut semicolons = find_for_without_in(text);
    semicolons.extend(find_empty_assignment_runs(text));
    if !needs_cr && semicolons.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    if needs_cr {
        for b in &mut bytes {
            if *b == b'\r' {
                *b = b' ';
            }
        }
    }
    for at in semicolons {
        bytes[at] = b';';
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    Some(String::from_utf8(bytes).expect("still UTF-8"))
}

/// Offsets of the blank before `do` in each `for NAME do`.
fn find_for_without_in(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for start in memchr::memmem::find_iter(bytes, b"for") {
        let boundary_before = start == 0
            || matches!(bytes[start - 1], b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(' | b'{');
        if !boundary_before {
            continue;
        }
        let mut i = start + 3;
        let blanks = |i: &mut usize| {
            let from = *i;
            while *i < bytes.len() && matches!(bytes[*i], b' ' | b'\t') {
                *i += 1;
            }
            *i > from
        };
        if !blanks(&mut i) {
            continue;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        if i == name_start || !blanks(&mut i) {
            continue;
        }
        let before_do = i - 1;
        let is_do = bytes[i..].starts_with(b"do")
            && bytes.get(i + 2).is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b';'));
        if is_do {
            found.push(before_do);
        }
    }
    found
}

/// Offsets of the blanks between the assignments of lines like `a= b= c=`.
fn find_empty_assignment_runs(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start().len();
        let words: Vec<&str> = content.trim_start().split([' ', '\t']).collect();
        let all_empty_assignments = words.len() >= 2
            && words.iter().all(|w| w.strip_suffix('=').is_some_and(crate::vars::is_name));
        if all_empty_assignments {
            let mut at = line_start + indent;
            for word in &words[..words.len() - 1] {
                at += word.len();
                found.push(at);
                at += 1;
            }
        }
        line_start += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_keep_offsets() {
        let text = "for i do echo \"$i\"; done\nfor x in a; do :; done\r\n";
        let rewritten = for_parsing(text).unwrap();
        assert_eq!(rewritten, "for i;do echo \"$i\"; done\nfor x in a; do :; done \n");
        assert_eq!(rewritten.len(), text.len());
        assert_eq!(for_parsing("for f in *; do :; done\n"), None);
        assert_eq!(for_parsing("before do\n"), None);
        assert_eq!(for_parsing("\ta= b= c=\nx=1 y=\n").as_deref(), Some("\ta=;b=;c=\nx=1 y=\n"));
    }
}
