//! The tools lintgate knows how to run, as declarations in `tools/*.toml`
//! (the same keys a `[checkers.<name>]` table takes). They are off until
//! configuration sets `enabled = true`.

macro_rules! builtins {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../tools/", $name, ".toml")))),*]
    };
}

const BUILTINS: &[(&str, &str)] = builtins![
    "ruff",
    "pylint",
    "flake8",
    "isort",
    "pydocstyle",
    "mypy",
    "shellcheck",
    "markdownlint-cli2",
    "yamllint",
    "codespell",
    "command",
];

/// The names of the built-in tools, in a stable order.
pub fn names() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|(name, _)| *name)
}

/// The TOML text of a built-in declaration.
pub fn source(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    //! Each built-in's parser (and pattern) on the output of its real tool.

    use crate::declaration::{Declaration, OutputStream, RunMode, resolve};
    use crate::parsers::ToolFinding;
    use crate::parsers::testdata::captured;

    fn builtin(name: &str) -> Declaration {
        let table: toml::Table = toml::from_str("enabled = true").unwrap();
        resolve(name, Some(&table)).unwrap().unwrap()
    }

    fn parse(name: &str, output: &str) -> Vec<ToolFinding> {
        builtin(name).parser.parse(output).unwrap()
    }

    /// (path, line, column, code, severity word, message)
    fn summary(f: &ToolFinding) -> (&str, u32, u32, &str, Option<&str>, &str) {
        (&f.path, f.line, f.column, &f.code, f.severity.as_deref(), &f.message)
    }

    #[test]
    fn every_builtin_but_command_runs_in_batches() {
        for name in super::names().filter(|n| *n != "command") {
            let declaration = builtin(name);
            assert_eq!(declaration.run, RunMode::Batch, "{name}");
            assert!(declaration.install.is_some(), "{name}");
            assert!(declaration.version_command.is_some(), "{name}");
        }
    }

    #[test]
    fn flake8() {
        let findings = parse("flake8", captured!("flake8-7.5.0.txt"));
        assert_eq!(findings.len(), 7);
        assert_eq!(
            summary(&findings[0]),
            ("python/broken.py", 1, 13, "E999", None, "SyntaxError: invalid syntax")
        );
        assert_eq!(
            summary(&findings[6]),
            ("python/odd name.py", 2, 1, "F401", None, "'json' imported but unused")
        );
    }

    #[test]
    fn pydocstyle() {
        let findings = parse("pydocstyle", captured!("pydocstyle-6.3.0.txt"));
        let places: Vec<_> =
            findings.iter().map(|f| (f.path.as_str(), f.line, f.code.as_str())).collect();
        assert_eq!(
            places,
            [
                ("python/inventory.py", 1, "D100"),
                ("python/inventory.py", 6, "D103"),
                ("python/inventory.py", 11, "D101"),
                ("python/inventory.py", 12, "D102"),
                ("python/inventory.py", 16, "D103"),
                ("python/layout.py", 9, "D401"),
                ("python/odd name.py", 5, "D103"),
            ]
        );
        assert_eq!(findings[0].message, "Missing docstring in public module");
        assert_eq!(
            findings[5].message,
            "First line should be in imperative mood (perhaps 'Import', not 'Imports')"
        );
    }

    #[test]
    fn markdownlint_cli2() {
        let declaration = builtin("markdownlint-cli2");
        assert_eq!(declaration.output, OutputStream::Stderr);
        assert!(declaration.double_dash);
        let findings = declaration.parser.parse(captured!("markdownlint-cli2-0.22.1.txt")).unwrap();
        assert_eq!(findings.len(), 7);
        assert_eq!(
            summary(&findings[0]),
            (
                "markdown/guide.md",
                3,
                0,
                "MD022",
                Some("error"),
                "Headings should be surrounded by blank lines [Expected: 1; Actual: 0; Below] \
                 [Context: \"## Install\"]"
            )
        );
        assert_eq!(
            summary(&findings[3]),
            (
                "markdown/guide.md",
                9,
                1,
                "MD004",
                Some("error"),
                "Unordered list style [Expected: asterisk; Actual: plus]"
            )
        );
    }

    #[test]
    fn yamllint() {
        let findings = parse("yamllint", captured!("yamllint-1.38.0.txt"));
        assert_eq!(findings.len(), 5);
        assert_eq!(
            summary(&findings[0]),
            (
                "yaml/broken.yaml",
                1,
                1,
                "document-start",
                Some("warning"),
                "missing document start \"---\""
            )
        );
        assert_eq!(
            summary(&findings[1]),
            (
                "yaml/broken.yaml",
                2,
                6,
                "syntax",
                Some("error"),
                "syntax error: expected ',' or ']', but got ':'"
            )
        );
        assert_eq!(
            summary(&findings[4]),
            (
                "yaml/settings.yaml",
                5,
                1,
                "key-duplicates",
                Some("error"),
                "duplication of key \"name\" in mapping"
            )
        );
    }

    #[test]
    fn codespell() {
        let declaration = builtin("codespell");
        assert_eq!(declaration.finding_codes, [65]);
        assert_eq!(declaration.default_code, "misspelling");
        let findings = declaration.parser.parse(captured!("codespell-2.4.3.txt")).unwrap();
        let summaries: Vec<_> = findings.iter().map(summary).collect();
        assert_eq!(
            summaries,
            [
                ("text/notes.md", 3, 0, "", None, "Teh ==> The"),
                ("text/notes.md", 3, 0, "", None, "seperate ==> separate"),
                ("text/notes.md", 3, 0, "", None, "recieved ==> received"),
            ]
        );
    }

    #[test]
    fn json_and_diff_builtins_read_their_captured_outputs() {
        let cases = [
            ("ruff", captured!("ruff-0.17.6.json"), 11),
            ("pylint", captured!("pylint-4.1.4.json"), 19),
            ("isort", captured!("isort-9.0.2.diff"), 2),
            ("mypy", captured!("mypy-2.4.1.jsonl"), 5),
            ("shellcheck", captured!("shellcheck-0.11.0.json"), 2),
        ];
        for (name, output, count) in cases {
            assert_eq!(parse(name, output).len(), count, "{name}");
        }
    }
}
