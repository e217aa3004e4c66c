//! Same-length rewrites of the text before parsing, for constructs
//! tree-sitter-bash does not accept but shells do. Byte offsets are kept, so
//! findings still point at the original text.

/// Carriage returns become spaces (SC1017 reports them), and `for name do`
/// (POSIX's form without `in`) becomes `for name;do`.
pub fn for_parsing(text: &str) -> Option<String> {
    let needs_cr = text.contains('\r');
    let for_without_in = find_for_without_in(text);
    if !needs_cr && for_without_in.is_empty() {
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
    for at in for_without_in {
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
    }
}
