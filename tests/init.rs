//! `lintgate init`: a starter configuration for the languages found, that
//! lintgate itself accepts, never overwriting one without --force.

mod common;

use common::Repo;

#[test]
fn init_writes_a_valid_starter_for_the_languages_found() {
    let repo = Repo::new();
    repo.git_init();
    repo.write("app/main.py", "X = 1\n");
    repo.write("tools/run.sh", "#!/bin/sh\necho hi\n");
    repo.write("notes.txt", "text\n");
    let run = repo.lint(&["init", "--gitlab-ci", "--pre-commit"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    assert!(run.stderr.contains("1 python, 1 shell"), "{}", run.stderr);
    assert!(
        run.stdout.contains("file: ci-templates/gitlab/lintgate.gitlab-ci.yml"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("- id: lintgate"), "{}", run.stdout);
    let config = std::fs::read_to_string(repo.path().join("lintgate.toml")).unwrap();
    assert!(config.contains("[python]") && config.contains("[shell]"), "{config}");
    assert!(!config.contains("[ci]"), "no CI files, no [ci] section: {config}");
    let show = repo.lint(&["config", "--show"]);
    assert_eq!(show.status, 0, "lintgate rejects its own starter: {}", show.transcript());
    assert!(show.stdout.contains("fail-on = \"warning\"  # lintgate.toml"), "{}", show.stdout);

    let again = repo.lint(&["init"]);
    assert_eq!(again.status, 2);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(repo.lint(&["init", "--force"]).status, 0);
}
