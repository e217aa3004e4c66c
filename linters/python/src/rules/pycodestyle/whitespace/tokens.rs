//! The parser's tokens as Python 3.11's `tokenize` types them, which is
//! what pycodestyle's token checks test: keywords and soft keywords are
//! plain names, every operator and delimiter is `OP`.

use crate::logical::{Token, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Name,
    Op,
    Number,
    String,
    Comment,
    Newline,
    Nl,
    Indent,
    Dedent,
    /// The end of the file and error tokens (the families run only on
    /// files that parse, so these are only ever the end of the file).
    Other,
}

pub fn type_of(token: &Token) -> Type {
    let kind = token.kind;
    match kind {
        TokenKind::Name => Type::Name,
        TokenKind::Int | TokenKind::Float | TokenKind::Complex => Type::Number,
        TokenKind::String => Type::String,
        TokenKind::Comment => Type::Comment,
        TokenKind::Newline => Type::Newline,
        TokenKind::NonLogicalNewline => Type::Nl,
        TokenKind::Indent => Type::Indent,
        TokenKind::Dedent => Type::Dedent,
        _ if kind.is_keyword() => Type::Name,
        _ if TokenKind::Lpar <= kind && kind <= TokenKind::Ellipsis => Type::Op,
        _ => Type::Other,
    }
}

/// The tokens pycodestyle's `missing_whitespace` passes over.
pub fn is_skipped(kind: Type) -> bool {
    matches!(
        kind,
        Type::Comment | Type::Newline | Type::Nl | Type::Indent | Type::Dedent | Type::Other
    )
}

/// Python 3.11's `keyword.iskeyword`.
pub fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "False"
            | "None"
            | "True"
            | "and"
            | "as"
            | "assert"
            | "async"
            | "await"
            | "break"
            | "class"
            | "continue"
            | "def"
            | "del"
            | "elif"
            | "else"
            | "except"
            | "finally"
            | "for"
            | "from"
            | "global"
            | "if"
            | "import"
            | "in"
            | "is"
            | "lambda"
            | "nonlocal"
            | "not"
            | "or"
            | "pass"
            | "raise"
            | "return"
            | "try"
            | "while"
            | "with"
            | "yield"
    )
}

/// Python 3.11's `keyword.issoftkeyword` (`type` became one in 3.12).
pub fn is_soft_keyword(name: &str) -> bool {
    matches!(name, "_" | "case" | "match")
}

pub fn is_singleton(name: &str) -> bool {
    matches!(name, "False" | "None" | "True")
}

/// pycodestyle's `KEYWORDS`: the keywords and `print`, without the
/// singletons.
pub fn is_pycodestyle_keyword(name: &str) -> bool {
    (is_keyword(name) && !is_singleton(name)) || name == "print"
}

/// Python's `\s` on the ASCII a logical line's text is made of outside
/// muted strings.
pub fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f)
}

/// Python's `\w`; any non-ASCII byte is part of an identifier, the only
/// place one can stand in the text.
pub fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}
