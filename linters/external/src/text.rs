//! Shortening text quoted in messages: tool output can hold megabyte lines.

use std::borrow::Cow;

/// `text` cut to at most `max` characters, with `…` when something was cut.
pub fn abbreviate(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_characters_not_bytes() {
        assert_eq!(abbreviate("ééé", 2), "éé…");
        assert_eq!(abbreviate("ééé", 3), "ééé");
        assert_eq!(abbreviate("", 0), "");
    }
}
