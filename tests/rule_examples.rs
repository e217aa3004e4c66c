//! Every rule file's "Example" must trigger its rule and its "Use instead"
//! must not, through the real binary, so a rule's documentation cannot lie.

mod common;

use common::Repo;
use lintgate_engine::registry;

fn codes_found(rule: &registry::Rule, content: &[u8]) -> Vec<String> {
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
    findings.as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn examples_trigger_and_fixes_do_not() {
    let mut checked = 0;
    for rule in registry::all() {
        let (Some(example), Some(use_instead)) = (rule.example, rule.use_instead) else {
            assert!(rule.no_example.is_some(), "{} has no examples and says not why", rule.code);
            continue;
        };
        let found = codes_found(rule, example);
        assert!(
            found.iter().any(|c| c == rule.code),
            "{}: its Example does not trigger it (found {found:?})",
            rule.code
        );
        let found = codes_found(rule, use_instead);
        assert!(
            !found.iter().any(|c| c == rule.code),
            "{}: its \"Use instead\" triggers it",
            rule.code
        );
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} rules have runnable examples");
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
