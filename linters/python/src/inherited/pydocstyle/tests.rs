use std::path::Path;

use super::PydocstyleCache;

const ALL: &[&str] = &[
    "D100", "D101", "D102", "D103", "D104", "D105", "D106", "D107", "D200", "D203", "D211", "D212",
    "D213", "D400", "D401", "D415",
];

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn the_first_file_with_a_section_decides_and_defaults_to_pep257() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "setup.cfg", "[metadata]\nname = x\n");
    write(root.path(), "tox.ini", "[pydocstyle]\nadd-ignore = D1  # no missing docstrings\n");
    write(root.path(), ".pydocstyle", "[pydocstyle]\nselect = D400\n");
    let config = PydocstyleCache::default().for_dir(root.path(), ALL).unwrap();
    assert!(config.file.ends_with("tox.ini"), "{:?}", config.file);
    assert_eq!(config.codes, ["D200", "D211", "D400", "D401"], "pep257 without D1");
    assert!(config.problems.is_empty(), "{:?}", config.problems);
}

#[test]
fn sections_inherit_unless_told_not_to() {
    let root = tempfile::tempdir().unwrap();
    let sub = root.path().join("sub");
    let alone = root.path().join("alone");
    write(
        root.path(),
        "pyproject.toml",
        "[tool.pydocstyle]\nconvention = \"google\"\nmatch-dir = \"(?!gen).*\"\n",
    );
    write(&sub, ".pydocstyle.ini", "[pydocstyle]\nadd-select = D203\n");
    write(&alone, "setup.cfg", "[pydocstyle]\ninherit = false\nadd-ignore = D100\n");
    let cache = PydocstyleCache::default();
    let top = cache.for_dir(root.path(), ALL).unwrap();
    assert!(top.codes.contains(&"D212") && !top.codes.contains(&"D213"), "{:?}", top.codes);
    let below = cache.for_dir(&sub.join("deeper"), ALL).unwrap();
    assert!(below.codes.contains(&"D203") && below.codes.contains(&"D212"), "{:?}", below.codes);
    assert_eq!(below.match_dirs.text, "(?!gen).*", "inherited");
    let own = cache.for_dir(&alone, ALL).unwrap();
    assert!(
        !own.codes.contains(&"D100") && !own.codes.contains(&"D212"),
        "pep257: {:?}",
        own.codes
    );
    assert_eq!(own.match_dirs.text, r"[^\.].*", "not inherited");
}

#[test]
fn match_and_match_dir_decide_which_files_are_checked() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), ".pydocstyle", "[pydocstyle]\nmatch-dir = (?!migrations).*\n");
    let config = PydocstyleCache::default().for_dir(root.path(), ALL).unwrap();
    assert!(config.checks(&root.path().join("pkg/mod.py")));
    assert!(!config.checks(&root.path().join("pkg/test_mod.py")), "default match");
    assert!(!config.checks(&root.path().join("pkg/mod.pyi")), "default match");
    assert!(!config.checks(&root.path().join("app/migrations/0001.py")));
}

#[test]
fn bad_values_are_notes_and_the_rest_still_applies() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        ".pydocstyle",
        "[pydocstyle]\nselect = D2,X9\nconvention = numpy\nmatch = (unclosed\nignore-decorators = overload\n",
    );
    let config = PydocstyleCache::default().for_dir(root.path(), ALL).unwrap();
    assert_eq!(config.codes, ["D200", "D203", "D211", "D212", "D213"]);
    assert_eq!(config.problems.len(), 3, "{:?}", config.problems);
    assert!(config.problems.iter().any(|p| p.contains("`X9` names no pydocstyle code")));
    assert!(config.checks(&root.path().join("test_x.py")), "a broken match leaves nothing out");
    assert!(config.ignore_decorators.as_ref().unwrap().occurs_in("typing.overload"));
}
