//! Every rule file's "Example" must trigger its rule and its "Use instead"
//! must not, through the real binary, so a rule's documentation cannot lie.
//! The Example's findings also hold every rule to one message style.

mod common;

use common::Repo;
use lintgate_engine::registry;

/// The (code, message) of every finding on `content`.
fn findings(rule: &registry::Rule, content: &[u8]) -> Vec<(String, String)> {
    let repo = Repo::new();
    repo.write(rule.example_file, content);
    let run = repo.lint(&[
        "lint",
        "--isolated",
        "--select",
        rule.code,
        "--format",
        "json",
        rule.example_file,
    ]);
    assert!(run.status <= 1, "{}: lintgate failed: {}", rule.code, run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON output");
    let text = |f: &serde_json::Value, key: &str| f[key].as_str().unwrap().to_string();
    findings.as_array().unwrap().iter().map(|f| (text(f, "code"), text(f, "message"))).collect()
}

/// What is wrong with a message's style, if anything: messages are lower
/// case (an identifier or the offending text goes in backticks, so it may
/// start one) and end without a period.
fn style_problem(message: &str) -> Option<&'static str> {
    if message.starts_with(|c: char| c.is_ascii_uppercase()) {
        Some("starts with a capital letter")
    } else if message.ends_with('.') {
        Some("ends with a period")
    } else {
        None
    }
}

#[test]
fn examples_trigger_and_fixes_do_not() {
    let mut checked = 0;
    let mut bad_style = Vec::new();
    for rule in registry::all() {
        let (Some(example), Some(use_instead)) = (rule.example, rule.use_instead) else {
            assert!(rule.no_example.is_some(), "{} has no examples and says not why", rule.code);
            continue;
        };
        let found = findings(rule, example);
        assert!(
            found.iter().any(|(c, _)| c == rule.code),
            "{}: its Example does not trigger it (found {found:?})",
            rule.code
        );
        for (_, message) in found.iter().filter(|(c, _)| c == rule.code) {
            if let Some(problem) = style_problem(message) {
                bad_style.push(format!("{}: {problem}: {message:?}", rule.code));
            }
        }
        let found = findings(rule, use_instead);
        assert!(
            !found.iter().any(|(c, _)| c == rule.code),
            "{}: its \"Use instead\" triggers it",
            rule.code
        );
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} rules have runnable examples");
    assert!(bad_style.is_empty(), "messages not in the house style:\n{}", bad_style.join("\n"));
}

#[test]
fn the_style_check_can_fail() {
    assert_eq!(style_problem("Trailing whitespace"), Some("starts with a capital letter"));
    assert_eq!(style_problem("line too long (90 > 79)."), Some("ends with a period"));
    assert_eq!(style_problem("`os` imported but unused"), None);
    assert_eq!(style_problem("2 blank lines; expected 1"), None);
}

#[test]
fn every_rule_belongs_to_a_known_checker() {
    let checkers = lintgate_cli::native_checkers();
    let mut names: Vec<&str> = vec!["runner"];
    names.extend(checkers.file.iter().map(|c| c.name()));
    names.extend(checkers.batch.iter().map(|c| c.name()));
    names.extend(checkers.repo.iter().map(|c| c.name()));
    for rule in registry::all() {
        assert!(names.contains(&rule.checker), "{}: unknown checker `{}`", rule.code, rule.checker);
    }
}
