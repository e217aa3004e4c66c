use super::*;

fn table(text: &str) -> Table {
    text.parse().unwrap()
}

fn declare(name: &str, text: &str) -> Result<Option<Declaration>, String> {
    resolve(name, Some(&table(text)))
}

/// A new tool's table with `extra` keys added.
fn new_tool(extra: &str) -> String {
    format!(
        "command = [\"lint\", \"{{files}}\"]\nfiles = [\"python\"]\nparser = \"sarif\"\n{extra}"
    )
}

#[test]
fn built_ins_are_off_until_enabled() {
    for name in builtin_names() {
        assert!(resolve(name, None).unwrap().is_none(), "{name}");
        assert!(declare(name, "enabled = false").unwrap().is_none(), "{name}");
    }
    for name in builtin_names().filter(|n| *n != "command") {
        let declaration = declare(name, "enabled = true").unwrap();
        assert!(declaration.is_some(), "{name}");
    }
}

#[test]
fn the_generic_command_needs_a_command_and_files() {
    assert_eq!(
        declare("command", "enabled = true").unwrap_err(),
        "[checkers.command] command: required"
    );
    let declaration =
        declare("command", "enabled = true\ncommand = [\"make\", \"check\"]\nfiles = [\"**/*\"]")
            .unwrap()
            .unwrap();
    assert_eq!(declaration.run, RunMode::Once);
    assert!(declaration.parser.is_pass_fail());
    assert_eq!(declaration.default_code, "failed");
}

#[test]
fn user_keys_override_a_built_in_and_tables_merge() {
    let declaration = declare(
        "pylint",
        "enabled = true\nmax-batch = 8\nrequired = false\n[severity]\nconvention = \"warning\"",
    )
    .unwrap()
    .unwrap();
    assert_eq!(declaration.max_batch, Some(8));
    assert!(!declaration.required);
    use lintgate_engine::diagnostic::Severity;
    assert_eq!(declaration.severity.of("C0114", Some("convention")), Severity::Warning);
    // Kept from the built-in table.
    assert_eq!(declaration.severity.of("R0903", Some("refactor")), Severity::Info);
    assert_eq!(declaration.command[0], "pylint");
    assert_eq!(declaration.run, RunMode::Batch);
}

#[test]
fn another_parser_drops_the_built_in_pattern() {
    let declaration = declare(
        "flake8",
        "enabled = true\ncommand = [\"flake8\", \"--format=sarif\", \"{files}\"]\nparser = \"sarif\"",
    )
    .unwrap()
    .unwrap();
    assert!(matches!(declaration.parser, crate::parsers::Parser::Sarif));
}

#[test]
fn a_new_tool_is_enabled_unless_disabled() {
    let declaration = declare("mylint", &new_tool("")).unwrap().unwrap();
    assert_eq!(declaration.run, RunMode::Batch);
    assert_eq!(declaration.success_codes, [0]);
    assert_eq!(declaration.finding_codes, [1]);
    assert_eq!(declaration.timeout, Duration::from_secs(300));
    assert!(declaration.required);
    assert!(declare("mylint", &new_tool("enabled = false")).unwrap().is_none());
}

#[test]
fn a_misspelt_built_in_gets_a_suggestion() {
    assert_eq!(
        declare("pylnt", "enabled = true").unwrap_err(),
        "[checkers.pylnt] command: required: `pylnt` is not a built-in checker (did you mean `pylint`?)"
    );
    assert_eq!(
        resolve("shelcheck", None).unwrap_err(),
        "no built-in checker is called `shelcheck` (did you mean `shellcheck`?)"
    );
}

#[test]
fn placeholders_decide_and_check_the_run_mode() {
    let per_file = "command = [\"lint\", \"--in={file}\"]\nfiles = [\"shell\"]\nparser = \"sarif\"";
    assert_eq!(declare("t", per_file).unwrap().unwrap().run, RunMode::PerFile);
    let once = "command = [\"lint\", \"{root}\"]\nfiles = [\"shell\"]\nparser = \"sarif\"";
    assert_eq!(declare("t", once).unwrap().unwrap().run, RunMode::Once);
    let cases = [
        ("run = \"sometimes\"", "[checkers.t] run = \"sometimes\": one of per-file, batch, once"),
        (
            "run = \"once\"",
            "[checkers.t] run = \"once\": a command run once is given no files: remove `{file}`/`{files}`",
        ),
        (
            "output = \"file\"",
            "[checkers.t] output = \"file\": the command must name the output file as `{tmpfile}`",
        ),
    ];
    for (extra, error) in cases {
        assert_eq!(declare("t", &new_tool(extra)).unwrap_err(), error, "{extra}");
    }
    let commands = [
        ("[]", "needs at least the program to run"),
        ("[\"{files}\"]", "the program (the first item) cannot be a file placeholder"),
        ("[\"lint\", \"--files={files}\"]", "`{files}` must be an item of its own"),
        ("[\"lint\", \"{files}\", \"{files}\"]", "`{files}` may appear only once"),
        ("[\"lint\", \"{file}\", \"{files}\"]", "use either `{file}` or `{files}`, not both"),
    ];
    for (command, problem) in commands {
        let text = format!("command = {command}\nfiles = [\"python\"]\nparser = \"sarif\"");
        let error = declare("t", &text).unwrap_err();
        assert!(error.starts_with("[checkers.t] command = "), "{error}");
        assert!(error.ends_with(problem), "{error}");
    }
    let batch_without_files =
        "command = [\"lint\"]\nrun = \"batch\"\nfiles = [\"python\"]\nparser = \"sarif\"";
    assert_eq!(
        declare("t", batch_without_files).unwrap_err(),
        "[checkers.t] run = \"batch\": the command needs `{files}` to run in batches"
    );
}

#[test]
fn every_key_is_checked() {
    let cases = [
        ("comand = []", "[checkers.t] comand: unknown key (did you mean `command`?)"),
        ("max-batch = 0", "[checkers.t] max-batch = 0: must be at least 1"),
        ("timeout = 0", "[checkers.t] timeout = 0: seconds, more than 0 and at most 86400"),
        ("timeout = \"1m\"", "[checkers.t] timeout = \"1m\": expected a number"),
        ("success-codes = [0, 1]", "[checkers.t] finding-codes: 1 is also a success code"),
        ("finding-codes = [256]", "[checkers.t] finding-codes = [256]: exit codes are 0 to 255"),
        ("pattern = \"x\"", "[checkers.t] pattern = \"x\": only used with parser = \"regex\""),
        ("env = { A = 1 }", "[checkers.t] env = { A = 1 }: expected a table of strings"),
        ("required = 1", "[checkers.t] required = 1: expected true or false"),
        (
            "version-command = []",
            "[checkers.t] version-command = []: needs at least the program to run",
        ),
        (
            "severity = { style = \"minor\" }",
            "[checkers.t] severity = { style = \"minor\" }: `style`: `minor` is not a severity (error, warning, info)",
        ),
        ("exclude = [\"a/[\"]", "[checkers.t] exclude = [\"a/[\"]: invalid glob `a/[`"),
    ];
    for (extra, error) in cases {
        let got = declare("t", &new_tool(extra)).unwrap_err();
        assert!(got.starts_with(error), "{extra}: {got}");
    }
}

#[test]
fn files_and_parser_are_required_and_checked() {
    let text = |files: &str, parser: &str| {
        format!("command = [\"lint\", \"{{files}}\"]\n{files}\n{parser}")
    };
    assert_eq!(
        declare("t", &text("", "parser = \"sarif\"")).unwrap_err(),
        "[checkers.t] files: required: file kinds (python, shell, markdown, ci-yaml, yaml) or globs"
    );
    assert_eq!(
        declare("t", &text("files = []", "parser = \"sarif\"")).unwrap_err(),
        "[checkers.t] files = []: names no file kind or glob, so the tool would never run"
    );
    assert_eq!(
        declare("t", &text("files = [\"python\"]", "")).unwrap_err(),
        "[checkers.t] parser: required"
    );
    assert_eq!(
        declare("t", &text("files = [\"python\"]", "parser = \"xml\"")).unwrap_err(),
        "[checkers.t] parser = \"xml\": one of ruff-json, pylint-json2, isort-diff, mypy-json, \
         shellcheck-json1, sarif, pass-fail, regex"
    );
    assert_eq!(
        declare("t", &text("files = [\"python\"]", "parser = \"regex\"")).unwrap_err(),
        "[checkers.t] pattern: required by parser = \"regex\""
    );
    assert_eq!(
        declare("t", &text("files = [\"python\"]", "parser = \"regex\"\npattern = '(?P<x>.)'"))
            .unwrap_err(),
        "[checkers.t] pattern = \"(?P<x>.)\": unknown group `x`: one of path, line, column, \
         end_line, end_column, code, severity, message"
    );
}

#[test]
fn names_must_work_as_code_prefixes() {
    assert_eq!(
        declare("my tool", &new_tool("")).unwrap_err(),
        "[checkers.my tool]: a checker name may hold only letters, digits, `-` and `_`"
    );
}

#[test]
fn the_checkers_table_holds_tables() {
    let checkers = table("ruff = true");
    assert_eq!(
        resolve_all(&checkers).unwrap_err(),
        "[checkers] ruff = true: expected a table ([checkers.ruff])"
    );
    let checkers = table(&format!(
        "[ruff]\nenabled = true\n[pylint]\nenabled = false\n[mine]\n{}",
        new_tool("")
    ));
    let names: Vec<String> = resolve_all(&checkers).unwrap().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["ruff", "mine"]);
}
