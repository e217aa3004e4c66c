//! The one door to ruff's parser crates. They are internal components of
//! ruff published without stability promises, so every use of their API
//! that is not a plain AST node type goes through here: an upgrade changes
//! this file (and, for renamed node fields, the rules that read them).

use std::ops::Range;

pub use ruff_python_ast as ast;
use ruff_python_ast::StringFlags;
pub use ruff_python_ast::token::TokenKind;
pub use ruff_python_ast::visitor::{self, Visitor};
pub use ruff_text_size::{Ranged, TextRange, TextSize};

/// A parsed module with its comments and string tokens.
pub struct Parsed {
    inner: ruff_python_parser::Parsed<ast::ModModule>,
}

/// A syntax error: where and what, in the parser's words.
pub struct SyntaxError {
    pub range: Range<usize>,
    pub message: String,
}

/// What the line-based rules need from the token stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenClass {
    Comment,
    /// A string literal (plain or bytes) or the literal part of an f-string.
    StringPart {
        raw: bool,
        bytes: bool,
        triple_quoted: bool,
        body: (usize, usize),
    },
    /// Any other token that ends a logical line.
    Newline,
    Other,
}

impl Parsed {
    pub fn module(&self) -> &[ast::Stmt] {
        &self.inner.syntax().body
    }

    pub fn first_error(&self) -> Option<SyntaxError> {
        self.inner.errors().first().map(|error| SyntaxError {
            range: to_range(error.location),
            message: error.error.to_string(),
        })
    }

    /// Every token as the lexer gave it: its kind and byte range.
    pub fn token_kinds(&self) -> impl Iterator<Item = (TokenKind, Range<usize>)> + '_ {
        self.inner.tokens().iter().map(|token| (token.kind(), to_range(token.range())))
    }

    /// Every token with what the line rules need to know about it, in order.
    pub fn tokens(&self) -> impl Iterator<Item = (TokenClass, Range<usize>)> + '_ {
        self.inner.tokens().iter().map(|token| {
            let range = to_range(token.range());
            let class = match token.kind() {
                TokenKind::Comment => TokenClass::Comment,
                TokenKind::String | TokenKind::FStringMiddle | TokenKind::TStringMiddle => {
                    let flags = token.unwrap_string_flags();
                    let body = if token.kind() == TokenKind::String {
                        (
                            range.start + flags.opener_len().to_usize(),
                            range.end.saturating_sub(flags.closer_len().to_usize()),
                        )
                    } else {
                        (range.start, range.end)
                    };
                    TokenClass::StringPart {
                        raw: flags.prefix().is_raw(),
                        bytes: flags.is_byte_string(),
                        triple_quoted: flags.is_triple_quoted(),
                        body,
                    }
                }
                TokenKind::Newline | TokenKind::NonLogicalNewline => TokenClass::Newline,
                _ => TokenClass::Other,
            };
            (class, range)
        })
    }
}

pub fn parse(text: &str) -> Parsed {
    let options = ruff_python_parser::ParseOptions::from(ast::PySourceType::Python);
    let inner = ruff_python_parser::parse_unchecked(text, options)
        .try_into_module()
        .expect("a module was requested");
    Parsed { inner }
}

/// The text of a string annotation (`"List[Foo]"`), parsed as pyflakes
/// parses it: with Python's `ast.parse`, its ranges in the text's own
/// coordinates.
pub struct StringAnnotation(ruff_python_parser::Parsed<ast::ModModule>);

impl StringAnnotation {
    /// `None` unless the text is one expression statement (else F722).
    pub fn parse(text: &str) -> Option<StringAnnotation> {
        // The lexer skips a byte order mark; inside a string Python rejects it.
        if text.starts_with('\u{feff}') {
            return None;
        }
        let parsed = ruff_python_parser::parse_module(text).ok()?;
        matches!(parsed.syntax().body[..], [ast::Stmt::Expr(_)]).then_some(StringAnnotation(parsed))
    }

    pub fn expr(&self) -> Option<&ast::Expr> {
        match &self.0.syntax().body[..] {
            [ast::Stmt::Expr(stmt)] => Some(&stmt.value),
            _ => None,
        }
    }
}

/// The statement lists inside a compound statement that runs in the same
/// scope (`if`/`elif`/`else`, `try` and its handlers, `with`, `for`/`while`
/// and their `else`, `match` cases); none for `def`, `class` and simple
/// statements.
pub fn block_bodies(stmt: &ast::Stmt) -> Vec<&[ast::Stmt]> {
    use ast::Stmt;
    match stmt {
        Stmt::If(stmt) => std::iter::once(&stmt.body[..])
            .chain(stmt.elif_else_clauses.iter().map(|c| &c.body[..]))
            .collect(),
        Stmt::Try(stmt) => {
            let handlers = stmt.handlers.iter().map(|h| {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                &h.body[..]
            });
            std::iter::once(&stmt.body[..])
                .chain(handlers)
                .chain([&stmt.orelse[..], &stmt.finalbody[..]])
                .collect()
        }
        Stmt::With(stmt) => vec![&stmt.body[..]],
        Stmt::For(ast::StmtFor { body, orelse, .. })
        | Stmt::While(ast::StmtWhile { body, orelse, .. }) => vec![&body[..], &orelse[..]],
        Stmt::Match(stmt) => stmt.cases.iter().map(|c| &c.body[..]).collect(),
        _ => Vec::new(),
    }
}

pub fn to_range(range: TextRange) -> Range<usize> {
    range.start().to_usize()..range.end().to_usize()
}
