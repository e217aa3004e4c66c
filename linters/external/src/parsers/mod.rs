//! Turning what a tool printed into [`ToolFinding`]s. One module per output
//! format; each has a `parse(output) -> Result<Vec<ToolFinding>, String>`
//! tested on outputs captured from the real tool (`tests/data/captured/`).
//!
//! Parsers never panic: output that does not have the expected shape is an
//! `Err` saying what did not parse, which the runner reports as a tool failure.

mod isort;
mod json;
mod mypy;
mod pass_fail;
mod pylint;
mod regex;
mod ruff;
mod sarif;
mod shellcheck;

pub use self::regex::RegexParser;

/// One finding as the tool reported it, before it is placed in the repository.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ToolFinding {
    /// The path as the tool printed it (absolute or relative to its working
    /// directory); empty when the finding is not about a file.
    pub path: String,
    /// 1-based; 0 means the whole file.
    pub line: u32,
    /// 1-based, in characters; 0 means the whole line.
    pub column: u32,
    pub end_line: Option<u32>,
    /// 1-based, exclusive (the character after the last one flagged).
    pub end_column: Option<u32>,
    /// The tool's code without any prefix of ours (`F401`, `SC2086`);
    /// empty when the tool gives none.
    pub code: String,
    /// The tool's own word for the severity (`convention`, `style`, `error`).
    pub severity: Option<String>,
    pub message: String,
}

/// How a declaration reads its tool's output.
#[derive(Debug, Clone)]
pub enum Parser {
    RuffJson,
    PylintJson2,
    IsortDiff,
    MypyJson,
    ShellcheckJson1,
    Sarif,
    Regex(RegexParser),
    /// The exit code is the outcome; the output becomes the message.
    PassFail,
}

/// Parser names as declarations write them, except `regex`, which needs a pattern.
pub const FIXED_PARSERS: &[(&str, Parser)] = &[
    ("ruff-json", Parser::RuffJson),
    ("pylint-json2", Parser::PylintJson2),
    ("isort-diff", Parser::IsortDiff),
    ("mypy-json", Parser::MypyJson),
    ("shellcheck-json1", Parser::ShellcheckJson1),
    ("sarif", Parser::Sarif),
    ("pass-fail", Parser::PassFail),
];

impl Parser {
    /// The findings in `output`. Blank output has none (except for
    /// pass-fail, where it is the message of a failure).
    pub fn parse(&self, output: &str) -> Result<Vec<ToolFinding>, String> {
        if output.trim().is_empty() && !self.is_pass_fail() {
            return Ok(Vec::new());
        }
        match self {
            Parser::RuffJson => ruff::parse(output),
            Parser::PylintJson2 => pylint::parse(output),
            Parser::IsortDiff => isort::parse(output),
            Parser::MypyJson => mypy::parse(output),
            Parser::ShellcheckJson1 => shellcheck::parse(output),
            Parser::Sarif => sarif::parse(output),
            Parser::Regex(parser) => parser.parse(output),
            Parser::PassFail => pass_fail::parse(output),
        }
    }

    pub fn is_pass_fail(&self) -> bool {
        matches!(self, Parser::PassFail)
    }
}

#[cfg(test)]
pub(crate) mod testdata {
    //! Outputs captured from the real tools by `tests/data/capture.sh`;
    //! versions are in the file names and `tests/data/README.md`.

    macro_rules! captured {
        ($name:literal) => {
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/captured/", $name))
        };
    }
    pub(crate) use captured;
}

#[cfg(test)]
mod tests {
    use super::testdata::captured;
    use super::*;

    /// Every parser on every captured output, whole and cut short at many
    /// places: any answer will do, but no panic.
    #[test]
    fn no_parser_panics_on_foreign_or_truncated_output() {
        let outputs = [
            captured!("ruff-0.17.6.json"),
            captured!("ruff-0.17.6.sarif"),
            captured!("pylint-4.1.4.json"),
            captured!("isort-9.0.2.diff"),
            captured!("mypy-2.4.1.jsonl"),
            captured!("shellcheck-0.11.0.json"),
            captured!("pydocstyle-6.3.0.txt"),
            captured!("markdownlint-cli2-0.22.1.txt"),
        ];
        let regex =
            RegexParser::new(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+) (?P<message>.*)$");
        let mut parsers: Vec<Parser> = FIXED_PARSERS.iter().map(|(_, p)| p.clone()).collect();
        parsers.push(Parser::Regex(regex.unwrap()));
        for output in outputs {
            let cuts = (0..output.len()).step_by(37).filter(|&i| output.is_char_boundary(i));
            for cut in cuts.chain([output.len()]) {
                for parser in &parsers {
                    let _ = parser.parse(&output[..cut]);
                }
            }
        }
    }
}
