//! HTML comments as markdownlint's rules see them. markdownlint hides the
//! inside of comments from its line rules before they run, and a few rules
//! strip comments from a line in their own ways; each way lives here.

const OPEN: &str = "<!--";
const CLOSE: &str = "-->";

/// The text with the inside of HTML comments hidden (`None`: no comment):
/// a comment alone on its lines always, one after other text only when it
/// is well-formed (no `--` inside, no `>` or `->` at the start, no `-` at
/// the end, not spanning table rows); an unterminated `<!--` is text. Each
/// character becomes a placeholder of the same UTF-8 and UTF-16 length
/// (`.`, `·`, `…`, `𐀀`), so offsets, columns and line lengths hold.
pub fn hidden(text: &str) -> Option<String> {
    let mut at = text.find(OPEN)?;
    let mut out = text.as_bytes().to_vec();
    // The start of the line holding `at`, found by scanning each byte once.
    let (mut line_start, mut scanned) = (0, 0);
    loop {
        let content_start = at + OPEN.len();
        let Some(close) = text[at + 2..].find(CLOSE).map(|c| at + 2 + c) else { break };
        if let Some(n) = text[scanned..at].rfind('\n') {
            line_start = scanned + n + 1;
        }
        scanned = at;
        if close > content_start {
            let content = &text[content_start..close];
            let before = &text[line_start..at];
            let alone = before.trim().is_empty();
            let spans_table_cells =
                before.trim_start_matches(' ').starts_with('|') && content.contains('\n');
            let well_formed =
                !spans_table_cells && is_comment_content(content) && !content.contains("--");
            if alone || well_formed {
                hide(content, &mut out[content_start..close]);
            }
        }
        match text[close + CLOSE.len()..].find(OPEN) {
            Some(next) => at = close + CLOSE.len() + next,
            None => break,
        }
    }
    // Whole characters were replaced by whole characters.
    String::from_utf8(out).ok()
}

/// Whether an HTML block's whole text is a comment to markdownlint:
/// `<!--` to `-->` with content it accepts (`<!-->` has none).
pub fn is_block_comment(text: &str) -> bool {
    text.starts_with(OPEN)
        && text.ends_with(CLOSE)
        && is_comment_content(text.get(OPEN.len()..text.len() - CLOSE.len()).unwrap_or(""))
}

/// Comment content markdownlint accepts: not starting with `>` or `->`
/// (which would end the comment at once), not ending in `-`.
fn is_comment_content(content: &str) -> bool {
    !(content.starts_with('>') || content.starts_with("->") || content.ends_with('-'))
}

/// Writes `content` hidden into `out` (its bytes): every character but
/// spaces and line breaks a placeholder, and spaces before a line break too.
fn hide(content: &str, out: &mut [u8]) {
    for (i, c) in content.char_indices() {
        let placeholder = match c.len_utf8() {
            _ if matches!(c, ' ' | '\r' | '\n') => continue,
            1 => ".",
            2 => "·",
            3 => "…",
            _ => "𐀀",
        };
        out[i..i + placeholder.len()].copy_from_slice(placeholder.as_bytes());
    }
    let mut i = out.len();
    while i > 0 {
        i -= 1;
        if matches!(out[i], b'\r' | b'\n') {
            let mut j = i;
            while j > 0 && out[j - 1] == b' ' {
                j -= 1;
                out[j] = b'.';
            }
            i = j;
        }
    }
}

/// A line with its complete comments removed (an unclosed `<!--` stays).
pub fn without(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        match rest[start..].find(CLOSE) {
            Some(end) => rest = &rest[start + end + CLOSE.len()..],
            None => return out + &rest[start..],
        }
    }
    out + rest
}

/// The list rules' blank line: whitespace, `>` markers and comments only;
/// an unclosed `<!--` hides the rest of the line, and text before a `-->`
/// that nothing opened is dropped.
pub fn is_blank_for_lists(line: &str) -> bool {
    let mut kept = String::new();
    let mut rest = line;
    loop {
        match (rest.find(OPEN), rest.find(CLOSE)) {
            (Some(start), Some(end)) if start < end => {
                kept.push_str(&rest[..start]);
                rest = &rest[end + CLOSE.len()..];
            }
            (_, Some(end)) => {
                kept.clear();
                rest = &rest[end + CLOSE.len()..];
            }
            (Some(start), None) => {
                kept.push_str(&rest[..start]);
                break;
            }
            (None, None) => {
                kept.push_str(rest);
                break;
            }
        }
    }
    kept.chars().all(|c| c.is_whitespace() || c == '>')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_keeps_offsets_and_lengths() {
        let text = "a <!-- é中𝄞\tb -->\n<!-- x  \ny -->\nc <!-- bad -- comment -->\n";
        let shown = hidden(text).unwrap();
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown.lines().next(), Some("a <!-- ·…𐀀.. -->"));
        assert_eq!(shown.lines().nth(1), Some("<!-- ..."));
        // After text, a comment with `--` inside is not well-formed: shown.
        assert!(shown.contains("bad -- comment"));
        assert_eq!(hidden("no comment"), None);
    }

    #[test]
    fn block_comments_as_markdownlint_reads_them() {
        assert!(is_block_comment("<!-- note -->") && is_block_comment("<!-->"));
        assert!(!is_block_comment("<!---\nnote\n--->") && !is_block_comment("<!-- a"));
    }

    #[test]
    fn many_comments_on_one_line_are_linear() {
        let text = "x <!-- a -->".repeat(200_000);
        let shown = hidden(&text).unwrap();
        assert!(shown.starts_with("x <!-- . -->"));
    }

    #[test]
    fn blank_lines_for_lists() {
        assert!(is_blank_for_lists("> <!-- note -->"));
        assert!(is_blank_for_lists("text -->  "));
        assert!(is_blank_for_lists("  <!-- unclosed text"));
        assert!(!is_blank_for_lists("a <!-- b --> c"));
        assert_eq!(without("a <!-- b --> c <!-- d"), "a  c <!-- d");
    }
}
