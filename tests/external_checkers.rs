//! External checkers through the real `lintgate lint`: pylint, mypy and a
//! custom script next to the native checkers, their findings in every
//! report, and each way a tool can fail ending in a clear error, never a
//! silent pass.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{Repo, Run, run_command, tools_dir};

fn lint(repo: &Repo, args: &[&str]) -> Run {
    let venv = tools_dir().join("venv/bin");
    let mut path = vec![venv];
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    run_command(
        Command::new(common::BIN)
            .arg("lint")
            .args(args)
            .current_dir(repo.path())
            .env("PATH", std::env::join_paths(path).unwrap()),
        None,
        repo.path(),
    )
}

const CONFIG: &str = r#"
[checkers.pylint]
enabled = true

[checkers.mypy]
enabled = true

[checkers.no-todo]
command = ["sh", "-c", "! grep -n TODO \"$@\"", "no-todo", "{files}"]
files = ["python"]
parser = "pass-fail"
"#;

fn project() -> Repo {
    let repo = Repo::new();
    repo.git_init();
    repo.write("lintgate.toml", CONFIG);
    repo.write("app.py", "\"\"\"App.\"\"\"\n\n\ndef add(a: int, b: int) -> int:\n    \"\"\"Add.\"\"\"\n    return a + b\n\n\nTOTAL: str = add(1, 2)  # TODO: fix\n");
    repo.write("run.sh", "#!/bin/sh\necho \"$1\"\n");
    repo
}

#[test]
fn pylint_mypy_and_a_script_report_next_to_native_checkers() {
    let repo = project();
    let run = lint(
        &repo,
        &[
            "--format",
            "json",
            "--report",
            "junit=out/junit.xml",
            "--report",
            "codequality=out/cq.json",
            "--report",
            "sarif=out/lintgate.sarif",
        ],
    );
    assert_eq!(run.status, 1, "{}", run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<(String, String, u64)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["checker"].as_str().unwrap().into(),
                f["code"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(codes.contains(&("mypy".into(), "mypy:assignment".into(), 9)), "{codes:?}");
    assert!(
        codes
            .iter()
            .any(|(c, code, line)| c == "pylint" && code.starts_with("pylint:") && *line == 9),
        "{codes:?}"
    );
    assert!(
        codes.iter().any(|(c, code, _)| c == "no-todo" && code == "no-todo:finding"),
        "{codes:?}"
    );
    let read = |p: &str| std::fs::read_to_string(repo.path().join(p)).unwrap();
    let junit = read("out/junit.xml");
    assert!(
        junit.contains("<testsuite name=\"mypy\"") && junit.contains("mypy:assignment"),
        "{junit}"
    );
    assert!(read("out/cq.json").contains("\"check_name\": \"mypy:assignment\""));
    let sarif = read("out/lintgate.sarif");
    assert!(sarif.contains("\"ruleId\": \"mypy:assignment\""), "{sarif}");

    // select / ignore / [severity] apply to namespaced codes.
    let run =
        lint(&repo, &["--format", "json", "--ignore", "pylint:,no-todo:", "--select", "mypy:"]);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let checkers: Vec<&str> =
        findings.as_array().unwrap().iter().map(|f| f["checker"].as_str().unwrap()).collect();
    assert_eq!(checkers, ["mypy"], "{}", run.stdout);
}

fn fake_tool(repo: &Repo, name: &str, script: &str) -> PathBuf {
    let path = repo.write(&format!("tools/{name}"), format!("#!/bin/sh\n{script}\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

#[test]
fn every_tool_failure_is_an_error_and_the_run_exits_2() {
    let cases = [
        ("crash", "echo 'Traceback: boom' >&2\nexit 3", "exit status 3"),
        ("garbage", "echo 'this is not json'\nexit 1", "crash"),
        ("hang", "sleep 30", "timed out"),
    ];
    for (name, script, _) in cases {
        let repo = Repo::new();
        repo.git_init();
        let tool = fake_tool(&repo, name, script);
        repo.write("app.py", "X = 1\n");
        repo.write(
            "lintgate.toml",
            format!("[checkers.fake]\ncommand = [\"{}\", \"{{files}}\"]\nfiles = [\"python\"]\nparser = \"ruff-json\"\ntimeout = 2\n", tool.display()),
        );
        let run = lint(&repo, &[]);
        assert_eq!(run.status, 2, "{name}: {}", run.transcript());
        assert!(run.stderr.contains("the fake checker failed"), "{name}: {}", run.stderr);
        // The summary does not claim success for a run that is incomplete.
        assert!(!run.stdout.contains("All checks passed"), "{name}: {}", run.stdout);
        assert!(
            run.stdout.contains(
                "Not all checks ran: the `fake` checker failed, so its files were not checked by it"
            ),
            "{name}: {}",
            run.stdout
        );
        if name == "crash" {
            assert!(
                run.stderr.contains("status 3") && run.stderr.contains("Traceback: boom"),
                "{}",
                run.stderr
            );
        }
        if name == "hang" {
            assert!(
                run.stderr.contains("timed out") || run.stderr.contains("timeout"),
                "{}",
                run.stderr
            );
        }
    }

    let repo = Repo::new();
    repo.git_init();
    repo.write("app.py", "X = 1\n");
    repo.write("lintgate.toml", "[checkers.missing]\ncommand = [\"no-such-tool-here\", \"{files}\"]\nfiles = [\"python\"]\nparser = \"pass-fail\"\n");
    let run = lint(&repo, &[]);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert!(run.stderr.contains("no-such-tool-here"), "{}", run.stderr);
    repo.write("lintgate.toml", "[checkers.missing]\ncommand = [\"no-such-tool-here\", \"{files}\"]\nfiles = [\"python\"]\nparser = \"pass-fail\"\nrequired = false\n");
    let run = lint(&repo, &["--show-notes"]);
    assert_eq!(run.status, 0, "an optional missing tool is a note: {}", run.transcript());
    assert!(run.stdout.contains("no-such-tool-here"), "{}", run.stdout);

    repo.write("lintgate.toml", "[checkers.pylint]\nenabled = true\nrun = \"sometimes\"\n");
    let run = lint(&repo, &[]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("[checkers.pylint] run = \"sometimes\""), "{}", run.stderr);
}

/// The real ShellCheck on the scripts inside a CI file (`shellcheck-ci`),
/// its findings mapped back through the same source maps as the native
/// shell rules: for every code both report, the same YAML line and column.
#[test]
fn shellcheck_on_ci_scripts_lands_where_the_native_rules_do() {
    let repo = Repo::new();
    repo.git_init();
    repo.write("lintgate.toml", "[checkers.shellcheck-ci]\nenabled = true\n");
    repo.write(
        ".gitlab-ci.yml",
        "variables:\n  DIR: /tmp\n\n.setup: &setup\n  before_script:\n    - cd $DIR\n\nbuild:\n  <<: *setup\n  script:\n    - echo \"building\" && ls $FILES\n    - 'rm -rf $TARGET/'\n    - \"echo \\\"quoted\\\" $NAME\"\n    - |\n      for f in $(ls *.txt); do\n        echo $f\n      done\n    - >\n      cp $SRC\n      $DEST\n",
    );
    repo.write(
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo $HOME ${{ github.ref }} $x\n",
    );
    let run = lint(&repo, &["--format", "json"]);
    assert!(run.status <= 1, "{}", run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut native = std::collections::BTreeSet::new();
    let mut external = std::collections::BTreeSet::new();
    for f in findings.as_array().unwrap() {
        let code = f["code"].as_str().unwrap();
        let at = (
            f["path"].as_str().unwrap().to_string(),
            f["line"].as_u64().unwrap(),
            f["column"].as_u64().unwrap(),
        );
        match code.strip_prefix("shellcheck-ci:") {
            Some(code) => external.insert((code.to_string(), at)),
            None => native.insert((code.to_string(), at)),
        };
    }
    let both: std::collections::BTreeSet<&String> =
        native.iter().map(|(c, _)| c).filter(|c| external.iter().any(|(e, _)| e == *c)).collect();
    assert!(both.len() >= 3, "native {native:?}\nexternal {external:?}");
    for code in both {
        let of = |set: &std::collections::BTreeSet<(String, (String, u64, u64))>| -> Vec<(String, u64, u64)> {
            set.iter().filter(|(c, _)| c == code).map(|(_, at)| at.clone()).collect()
        };
        assert_eq!(
            of(&external),
            of(&native),
            "{code}: ShellCheck's positions differ from the native rule's"
        );
    }
    assert!(
        external.iter().any(|(_, (path, _, _))| path == ".github/workflows/ci.yml"),
        "{external:?}"
    );
}
