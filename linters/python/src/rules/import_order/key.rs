//! isort's default ordering: case-insensitive "natural" order (digits
//! compare as numbers, `a9` before `a10`); in `from` imports, constants
//! (`ALL_CAPS`), then classes (`Capitalized`), then everything else.

use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Chunk {
    Text(String),
    Number(u128),
}

/// A sort key compared chunk by chunk, as isort's `naturally` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NaturalKey(Vec<Chunk>);

impl NaturalKey {
    /// Like Python's `re.split(r"(\d+)", text)`: text and numbers
    /// alternate, starting and ending with (possibly empty) text.
    pub fn new(text: &str) -> NaturalKey {
        let mut chunks = Vec::new();
        let mut rest = text;
        loop {
            let text_len = rest.bytes().take_while(|b| !b.is_ascii_digit()).count();
            chunks.push(Chunk::Text(rest[..text_len].to_string()));
            rest = &rest[text_len..];
            if rest.is_empty() {
                break;
            }
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            chunks.push(Chunk::Number(rest[..digits].parse().unwrap_or(u128::MAX)));
            rest = &rest[digits..];
        }
        NaturalKey(chunks)
    }
}

impl PartialOrd for NaturalKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NaturalKey {
    /// Element by element, as Python compares lists; text and numbers sit
    /// at alternating indexes, so a text never meets a number.
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

/// The key of a module name: relative dots kept in front (`..` before `.`).
pub fn module(name: &str) -> NaturalKey {
    let dots = name.bytes().take_while(|b| *b == b'.').count();
    let joined =
        if dots > 0 { format!("{}_{}", &name[..dots], &name[dots..]) } else { name.to_string() };
    NaturalKey::new(&joined.to_lowercase())
}

/// The key of a name in a `from` import (`*` first).
pub fn member(name: &str) -> NaturalKey {
    if name == "*" {
        return NaturalKey::new("");
    }
    let cased = name.chars().any(char::is_alphabetic);
    let all_upper = cased && !name.chars().any(char::is_lowercase);
    let kind = if all_upper && name.chars().count() > 1 {
        'A'
    } else if name.chars().next().is_some_and(char::is_uppercase) {
        'B'
    } else {
        'C'
    };
    NaturalKey::new(&format!("{kind}{}", name.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str], key: fn(&str) -> NaturalKey) -> Vec<String> {
        let mut names: Vec<&str> = names.to_vec();
        names.sort_by_key(|n| key(n));
        names.into_iter().map(String::from).collect()
    }

    #[test]
    fn orders_like_isort() {
        assert_eq!(
            sorted(&["a10", "Zeta", "a9", "A2", "alpha"], module),
            ["A2", "a9", "a10", "alpha", "Zeta"]
        );
        assert_eq!(sorted(&["os.path", "os"], module), ["os", "os.path"]);
        assert_eq!(sorted(&[".mod", ".", "..x"], module), ["..x", ".", ".mod"]);
        assert_eq!(
            sorted(&["function", "_private", "Class", "__dunder__", "CONSTANT"], member),
            ["CONSTANT", "Class", "__dunder__", "_private", "function"]
        );
        assert_eq!(
            sorted(&["cast", "List", "TYPE_CHECKING", "Dict"], member),
            ["TYPE_CHECKING", "Dict", "List", "cast"]
        );
    }
}
