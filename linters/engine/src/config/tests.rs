use std::fs;
use std::path::Path;

use super::*;
use crate::config::schema::{OptionKind, OptionSpec};

const PYTHON: SectionSpec = SectionSpec {
    name: "python",
    options: &[OptionSpec { name: "line-length", kind: OptionKind::Integer, doc: "" }],
};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn load_err(text: &str) -> ConfigError {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "lintgate.toml", text);
    load(&path, &[PYTHON]).unwrap_err()
}

#[test]
fn extend_merges_base_under_child() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "shared/base.toml",
        "fail-on = \"error\"\nignore = [\"LG005\"]\n[python]\nline-length = 100\n",
    );
    let child = write(
        dir.path(),
        "repo/lintgate.toml",
        "extend = \"../shared/base.toml\"\nfail-on = \"info\"\n[python]\nline-length = 120\n",
    );
    let config = load(&child, &[PYTHON]).unwrap();
    assert_eq!(config.fail_on, Some(Severity::Info));
    assert_eq!(config.sections["python"]["line-length"], toml::Value::Integer(120));
    assert_eq!(config.files.len(), 2);
    assert!(config.files[0].ends_with("shared/base.toml"));
    let selection = config.rule_selection(&SelectionLayer::default());
    assert!(!selection.is_enabled("LG005"), "the base's ignore still applies");
    let origins = &config.origins["fail-on"];
    assert_eq!(origins.len(), 2);
    assert!(
        matches!(&origins[1], Origin::File { path, line: 2 } if path.ends_with("repo/lintgate.toml"))
    );
}

#[test]
fn pyproject_counts_only_with_our_table() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/pyproject.toml", "[tool.ruff]\nline-length = 3\n");
    assert_eq!(config_in_dir(&dir.path().join("a")).unwrap(), None);
    let b = write(
        dir.path(),
        "b/pyproject.toml",
        "[project]\nname = 'x'\n[tool.lintgate]\nfail-on = 'error'\n",
    );
    assert_eq!(config_in_dir(&dir.path().join("b")).unwrap(), Some(b.clone()));
    assert_eq!(load(&b, &[]).unwrap().fail_on, Some(Severity::Error));
    write(dir.path(), "b/lintgate.toml", "");
    let dot = write(dir.path(), "b/.lintgate.toml", "");
    assert_eq!(config_in_dir(&dir.path().join("b")).unwrap(), Some(dot));
}

#[test]
fn unknown_keys_are_located_with_a_suggestion() {
    let err = load_err("fail-on = \"error\"\nextend-selct = [\"LG005\"]\n");
    assert_eq!((err.line, err.column), (2, 1));
    assert_eq!(err.message, "unknown key `extend-selct` (did you mean `extend-select`?)");
    let err = load_err("[python]\nline-lenght = 3\n");
    assert_eq!((err.line, err.column), (2, 1));
    assert_eq!(
        err.message,
        "unknown key `line-lenght` in `[python]` (did you mean `line-length`?)"
    );
}

#[test]
fn wrong_types_and_unknown_codes_are_located() {
    let err = load_err("select = \"LG005\"\n");
    assert_eq!(
        (err.line, err.column, err.message.as_str()),
        (1, 10, "`select` must be a list of strings, found string")
    );
    let err = load_err("ignore = [\"LG005\", \"LG0O5\"]\n");
    assert_eq!((err.line, err.column), (1, 20));
    assert!(
        err.message.contains("unknown rule code `LG0O5` (did you mean `LG005`?)"),
        "{}",
        err.message
    );
    let err = load_err("[python]\nline-length = \"long\"\n");
    assert_eq!(err.message, "`python.line-length` must be an integer, found string");
    let err = load_err("fail-on = \"fatal\"\n");
    assert!(err.message.contains("not a severity"), "{}", err.message);
    let err = load_err("[per-file-ignores]\n\"tests/[\" = [\"LG005\"]\n");
    assert_eq!(err.line, 2);
    assert!(err.message.contains("invalid glob"), "{}", err.message);
}

#[test]
fn broken_toml_names_the_line() {
    let err = load_err("select = [\"LG005\"\nfail-on = \"error\"\n");
    assert!(err.line >= 1 && err.line <= 2, "{err}");
    assert!(err.message.starts_with("invalid TOML"), "{err}");
    assert!(err.to_string().contains("lintgate.toml:"), "{err}");
}

#[test]
fn extend_cycles_and_missing_bases_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", "extend = \"b.toml\"\n");
    write(dir.path(), "b.toml", "extend = \"a.toml\"\n");
    let err = load(&dir.path().join("a.toml"), &[]).unwrap_err();
    assert!(err.message.contains("cycle"), "{err}");
    let missing = write(dir.path(), "c.toml", "\nextend = \"nope.toml\"\n");
    let err = load(&missing, &[]).unwrap_err();
    assert_eq!((err.line, err.column), (2, 10));
    assert!(err.message.contains("nope.toml"), "{err}");
}

#[test]
fn excludes_defaults_replace_and_extend() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let defaults = Config::default();
    assert!(defaults.is_excluded(&root.join("src/node_modules")));
    assert!(!defaults.is_excluded(&root.join("src/app.py")));
    let path = write(
        root,
        "lintgate.toml",
        "exclude = [\"generated/**\"]\nextend-exclude = [\"*.pyi\"]\n",
    );
    let config = load(&path, &[]).unwrap();
    assert!(!config.is_excluded(&root.join("node_modules")), "exclude replaces the defaults");
    assert!(config.is_excluded(&root.join("generated/x/y.py")));
    assert!(config.is_excluded(&root.join("deep/stub.pyi")));
    assert!(
        !config.is_excluded(&root.join("src/generated/y.py")),
        "paths are relative to the config"
    );
}
