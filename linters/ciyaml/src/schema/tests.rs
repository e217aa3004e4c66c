use super::check;

fn problems(text: &str) -> Vec<(String, String)> {
    let doc = crate::yaml::parse(text);
    check(&doc).into_iter().map(|p| (text[p.span].to_string(), p.message)).collect()
}

#[test]
fn a_valid_pipeline_has_no_schema_finding() {
    let text = "stages: [build]\nvariables:\n  A: '1'\nbuild:\n  stage: build\n  image: rust:1.95\n  script:\n    - cargo build\n  rules:\n    - if: $CI_COMMIT_BRANCH\n      when: always\n  artifacts:\n    paths: [target/]\n";
    assert_eq!(problems(text), []);
}

#[test]
fn unknown_keywords_wrong_types_and_values_land_on_their_key_or_value() {
    let text = "build:\n  scrpt:\n    - make\n  script: make\n  when: sometimes\ntest:\n  script: make test\n  artifacts:\n    paths: notalist\n";
    let found = problems(text);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].0, "scrpt");
    assert!(found[0].1.contains("did you mean `script`?"), "{}", found[0].1);
    assert_eq!(found[1].0, "sometimes");
    assert!(found[1].1.contains("must be one of `on_success`"), "{}", found[1].1);
    assert_eq!(found[2].0, "notalist");
    assert!(found[2].1.contains("must be a list"), "{}", found[2].1);
}

#[test]
fn references_and_input_placeholders_are_not_findings() {
    let text = ".t:\n  script: [a]\nbuild:\n  script:\n    - !reference [.t, script]\n  when: $[[ inputs.when ]]\n";
    assert_eq!(problems(text), []);
}
