//! `cargo xtask bench ciyaml`: a generated corpus of GitLab CI files (200
//! files, 20 jobs each, using anchors, `extends` and `!reference`), linted
//! by lintgate, against the fastest existing approach: extracting the same
//! scripts and running one batched `shellcheck` process on them. The
//! extraction (done here with lintgate's own resolver, so both check the
//! same scripts) is not counted for ShellCheck.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::Result;

use crate::bench::{against_shellcheck, interleaved_medians};
use crate::{process, tools};

const JOBS_PER_FILE: usize = 20;

pub fn run(root: &Path, (files, runs): (usize, usize)) -> Result<()> {
    tools::ensure_debian(&[("time", "time")])?;
    let tools_dir = tools::install(root)?;
    let lintgate = process::release_lintgate(root)?;
    let corpus = root.join(format!(".bench/ciyaml-{files}"));
    let scripts = root.join(format!(".bench/ciyaml-{files}-scripts"));
    let _ = fs::remove_dir_all(&corpus);
    let _ = fs::remove_dir_all(&scripts);
    fs::create_dir_all(corpus.join(".gitlab/ci"))?;
    fs::create_dir_all(&scripts)?;
    let mut extracted = 0;
    for i in 0..files {
        let text = generate(i);
        fs::write(corpus.join(format!(".gitlab/ci/pipeline-{i}.yml")), &text)?;
        let doc = lintgate_ciyaml::yaml::parse(&text);
        let extraction =
            lintgate_ciyaml::gitlab::extract(&doc, lintgate_ciyaml::gitlab::ShellChoice::Bash);
        for (n, unit) in extraction.units.iter().enumerate() {
            fs::write(
                scripts.join(format!("{i}-{n}.sh")),
                format!("#!/bin/bash\n{}\n", unit.script.text),
            )?;
            extracted += 1;
        }
    }
    let lint = vec![
        lintgate.display().to_string(),
        "lint".into(),
        "--isolated".into(),
        "--quiet".into(),
        corpus.display().to_string(),
    ];
    let shellcheck = vec![
        "sh".into(),
        "-c".into(),
        format!(
            "cd '{}' && '{}' --norc -f gcc ./*.sh > /dev/null; s=$?; [ $s -le 1 ]",
            scripts.display(),
            tools_dir.join("venv/bin/shellcheck").display()
        ),
    ];
    let commands = [
        ("lintgate lint (native shell rules)".to_string(), lint),
        ("shellcheck, one batched process".to_string(), shellcheck),
    ];
    let medians = interleaved_medians(&commands, runs)?;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "Corpus: {files} GitLab CI files, {} jobs, {extracted} scripts after resolution, {runs} runs each, interleaved.\n",
        files * JOBS_PER_FILE
    );
    table.push_str(&against_shellcheck(&commands, &medians)?);
    println!("{table}");
    Ok(())
}

/// One CI file: shared anchors and templates, then jobs that extend them,
/// reference their scripts and add their own lines.
fn generate(seed: usize) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "variables:\n  DEPLOY_ENV: staging{seed}\n");
    let _ = writeln!(
        text,
        ".defaults: &defaults\n  image: debian:12\n  before_script:\n    - export PATH=\"$HOME/bin:$PATH\"\n    - cd $CI_PROJECT_DIR\n"
    );
    for t in 0..4 {
        let _ = writeln!(
            text,
            ".template-{t}:\n  <<: *defaults\n  script:\n    - echo \"template {t} for $CI_JOB_NAME\"\n    - |\n      for f in $(ls build); do\n        cp $f dist/\n      done\n"
        );
    }
    for j in 0..JOBS_PER_FILE {
        let t = j % 4;
        let _ = writeln!(
            text,
            "job-{seed}-{j}:\n  extends: .template-{t}\n  stage: test\n  script:\n    - !reference [.template-{t}, script]\n    - make target-{j} OUT=$OUTPUT_DIR\n    - 'test -n \"$DEPLOY_ENV\" && echo deploy-{j}'\n    - >\n      curl -sf $ENDPOINT/{j}\n      -o result-{j}.json\n  after_script:\n    - echo done $CI_JOB_STATUS\n"
        );
    }
    text
}
