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

#[test]
fn a_reference_is_read_as_what_it_names() {
    // GitLab replaces `!reference` before it reads the configuration; the
    // schema would see a list of strings where a mapping belongs.
    let text = "workflow: !reference [.workflow]\nbuild:\n  script: make\n  rules: !reference [.rules, rules]\n";
    assert_eq!(problems(text), []);
    let beside = "build:\n  script: make\n  cache: !reference [.cache]\n  when: sometimes\n";
    let found = problems(beside);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "sometimes");
}

#[test]
fn a_keyword_set_to_nothing_is_not_set() {
    let text = "before_script:\nbuild:\n  script: make\n  after_script:\n";
    assert_eq!(problems(text), []);
    // A missing list item is still wrong, and so is a variable that is no
    // keyword at all.
    let item = "build:\n  script: make\n  cache:\n    paths:\n      - a\n      -\n";
    let found = problems(item);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].1.contains("`build.cache.paths.1`"), "{}", found[0].1);
}

#[test]
fn include_values_may_hold_variables() {
    let text = "include:\n  remote: $TEMPLATES_URL\nbuild:\n  script: make\n";
    assert_eq!(problems(text), []);
    let listed = "include:\n  - remote: ${BASE}/ci.yml\n  - local: $CI_DIR/jobs.yml\nbuild:\n  script: make\n";
    assert_eq!(problems(listed), []);
    let wrong = "include:\n  remote: ftp://example.com/ci.yml\nbuild:\n  script: make\n";
    assert_eq!(problems(wrong).len(), 1, "not a URL GitLab fetches: {:#?}", problems(wrong));
}

#[test]
fn the_configuration_after_a_spec_header_is_checked() {
    let text = "spec:\n  inputs:\n    stage:\n      default: test\n---\nbuild:\n  script: make\n  when: sometimes\n";
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "sometimes");
    assert!(found[0].1.contains("in `build.when`"), "{}", found[0].1);
}

#[test]
fn every_merge_key_of_a_mapping_is_applied() {
    let text = ".image: &image\n  image: alpine\n.stage: &stage\n  when: sometimes\nbuild:\n  <<: *image\n  <<: *stage\n  script: make\n";
    let found = problems(text);
    assert!(
        found.iter().any(|(at, m)| at == "sometimes" && m.contains("`build.when`")),
        "{found:#?}"
    );
}
