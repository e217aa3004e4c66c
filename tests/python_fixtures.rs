//! Every Python rule's fixtures (`fixtures/python/<CODE>_<n>.py`, or a
//! package directory `<CODE>_<name>/`, whose files may hold only negatives) linted with that rule alone; the
//! findings are snapshotted in `fixtures/python/snapshots/`. The same files
//! are compared with ruff by `cargo xtask compat python fixtures/python`.
//! Update with `INSTA_UPDATE=always cargo test --test python_fixtures`.

mod common;

use std::path::{Path, PathBuf};

use common::run_command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/python")
}

/// `(code, path relative to fixtures/python)` for every fixture.
fn cases() -> Vec<(String, String)> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some((code, _)) = name.split_once('_') else { continue };
        if path.is_dir() {
            let mut files: Vec<PathBuf> = walk(&path);
            files.sort();
            for file in files {
                let relative = file.strip_prefix(fixtures()).unwrap().to_string_lossy().to_string();
                cases.push((code.to_string(), relative));
            }
        } else if name.ends_with(".py") || name.ends_with(".pyi") {
            cases.push((code.to_string(), name));
        }
    }
    cases.sort();
    cases
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "py" || e == "pyi") {
            files.push(path);
        }
    }
    files
}

#[test]
fn every_python_rule_has_fixtures_and_their_findings_are_stable() {
    let cases = cases();
    for rule in lintgate_engine::registry::all().iter().filter(|r| r.checker == "python") {
        assert!(
            cases.iter().any(|(code, _)| code == rule.code),
            "{} has no fixture in fixtures/python",
            rule.code
        );
    }
    for (code, path) in &cases {
        let mut command = std::process::Command::new(common::BIN);
        // A rule that needs an option reads it from `<fixture>.toml` beside it.
        let config = Path::new(path).with_extension("toml");
        let settings = match fixtures().join(&config).is_file() {
            true => vec!["--config".to_string(), config.to_string_lossy().to_string()],
            false => vec!["--isolated".to_string()],
        };
        command
            .arg("lint")
            .args(settings)
            .args(["--format", "json", "--select", code, path])
            .current_dir(fixtures());
        let run = run_command(&mut command, None, &fixtures());
        assert!(run.status <= 1, "{path}: {}", run.transcript());
        let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let lines: Vec<String> = findings
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}:{}: {} {}",
                    f["line"],
                    f["column"],
                    f["code"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect();
        assert!(
            lines.iter().any(|l| l.contains(code.as_str())) || path.contains('/'),
            "{path}: a fixture of {code} must show it at least once"
        );
        let name = path.replace(['/', '.'], "_");
        insta::with_settings!({ snapshot_path => fixtures().join("snapshots"), prepend_module_to_snapshot => false, omit_expression => true, description => path.as_str() }, {
            insta::assert_snapshot!(name, lines.join("\n"));
        });
    }
}
