//! The release, end to end under the real gitlab-ci-local (shell executor)
//! against a loopback GitLab API: lintgate's own pipeline on a version tag
//! uploads the `cargo xtask dist` artefacts (generic registry: tarball and
//! checksum; PyPI registry: the wheel) with its job token; then a consumer
//! pipeline's lint job, with no lintgate and no Rust on PATH, downloads the
//! same bytes, verifies them, lints and writes its reports; a corrupted
//! download fails the job before anything runs.
//!
//! gitlab-ci-local runs a job with an `image:` in Docker, which this machine
//! does not have, so the copies of the CI files it runs have their `image:`
//! lines removed (GitLab's schema check of the files is in gitlab_template.rs).

mod common;

use std::path::Path;

use common::dist::{dist, path_without_rust};
use common::registry::{Fault, Registry};
use common::{Repo, git, job_failed, job_passed, project_dir};

const TEMPLATE: &str = "ci-templates/gitlab/lintgate.gitlab-ci.yml";

fn without_images(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("image:"))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(project_dir().join(rel)).unwrap()
}

fn committed(repo: &Repo) {
    git(repo.path(), &["init", "-q", "-b", "main"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-qm", "files"]);
}

/// `PATH` for the jobs: system directories and the test tools' gitlab-ci-local
/// needs nothing else; no cargo, no lintgate.
fn job_path() -> std::ffi::OsString {
    path_without_rust(&[])
}

fn basic_auth(user: &str, password: &str) -> String {
    use std::process::Command;
    let out = Command::new("base64")
        .arg("-w0")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(format!("{user}:{password}").as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    format!("Basic {}", String::from_utf8(out.stdout).unwrap())
}

#[test]
fn a_tagged_release_uploads_what_a_consumers_lint_job_downloads_and_verifies() {
    let dist = dist();
    let registry = Registry::start();
    let api = format!("CI_API_V4_URL={}", registry.api_url);

    // lintgate's own pipeline on the tag, its `release` job alone (its
    // `dist` job is `cargo xtask dist`, whose output is copied in).
    let project = Repo::new();
    project.write(".gitlab-ci.yml", without_images(&read(".gitlab-ci.yml")));
    project.write(TEMPLATE, without_images(&read(TEMPLATE)));
    project.write(".gitignore", ".gitlab-ci-local/\ndist/\n");
    committed(&project);
    let wheel_name = dist.wheel.file_name().unwrap().to_string_lossy().into_owned();
    let sums = format!("{}.sha256", dist.tarball);
    for name in [&dist.tarball, &sums, &wheel_name] {
        project.write(&format!("dist/{name}"), dist.bytes(name));
    }
    let tag = format!("CI_COMMIT_TAG=v{}", dist.version);
    let output = common::gitlab_ci_local(
        project.path(),
        &[
            "release",
            "--variable",
            &api,
            "--variable",
            &tag,
            "--variable",
            "CI_PROJECT_ID=42",
            "--variable",
            "CI_JOB_TOKEN=release-token",
            "--variable",
            "CI_PROJECT_PATH=tools/lintgate",
        ],
        &job_path(),
    );
    assert!(job_passed(&output, "release"), "{output}");
    let generic = format!("/api/v4/projects/42/packages/generic/lintgate/{}", dist.version);
    let requests = registry.requests();
    for name in [&dist.tarball, &sums] {
        let put = requests
            .iter()
            .find(|r| r.method == "PUT" && r.path == format!("{generic}/{name}"))
            .unwrap_or_else(|| panic!("no upload of {name}: {requests:?}"));
        assert_eq!(put.header("JOB-TOKEN"), Some("release-token"));
        assert!(put.body == dist.bytes(name), "{name}: the uploaded bytes differ");
    }
    let post = requests.iter().find(|r| r.method == "POST").expect("a PyPI upload");
    assert_eq!(post.path, "/api/v4/projects/42/packages/pypi");
    assert_eq!(
        post.header("Authorization"),
        Some(basic_auth("gitlab-ci-token", "release-token").as_str())
    );
    assert!(
        registry.wheel(&wheel_name) == Some(dist.bytes(&wheel_name)),
        "the wheel's bytes differ"
    );
    registry.clear_requests();

    // A consumer pipeline, binary install from tools/lintgate.
    let consumer = Repo::new();
    consumer.write(TEMPLATE, without_images(&read(TEMPLATE)));
    consumer.write(
        ".gitlab-ci.yml",
        format!("include:\n  - local: {TEMPLATE}\nvariables:\n  LINTGATE_INSTALL: binary\n"),
    );
    consumer.write(".gitignore", ".gitlab-ci-local/\nlintgate-reports/\n");
    let tmp = Repo::new();
    let tmpdir = format!("TMPDIR={}", tmp.path().display());
    consumer.write("app.py", "X = 1\n");
    consumer.write("run.sh", "#!/bin/sh\necho \"$1\"\n");
    committed(&consumer);
    let lint_job = |registry_fault: Option<Fault>| {
        if let Some(fault) = registry_fault {
            registry.set_fault(fault);
        }
        let _ = std::fs::remove_dir_all(consumer.path().join("lintgate-reports"));
        common::gitlab_ci_local(
            consumer.path(),
            &[
                "lintgate: [1/1]",
                "--variable",
                &api,
                "--variable",
                "CI_JOB_TOKEN=consumer-token",
                "--variable",
                &tmpdir,
            ],
            &job_path(),
        )
    };
    let output = lint_job(None);
    assert!(job_passed(&output, "lintgate"), "{output}");
    assert!(output.contains(&format!(": lintgate {}", dist.version)), "{output}");
    assert!(
        output.contains(&tmp.path().display().to_string()),
        "not the downloaded binary:\n{output}"
    );
    let junit = consumer.path().join("lintgate-reports/junit-1.xml");
    assert!(
        junit.exists() && consumer.path().join("lintgate-reports/codequality-1.json").exists(),
        "{output}"
    );
    let downloads: Vec<_> = registry.requests().into_iter().filter(|r| r.method == "GET").collect();
    assert_eq!(downloads.len(), 2, "{downloads:?}");
    for download in &downloads {
        assert!(
            download
                .path
                .starts_with("/api/v4/projects/tools%2Flintgate/packages/generic/lintgate/"),
            "{}",
            download.path
        );
        assert_eq!(download.header("JOB-TOKEN"), Some("consumer-token"));
    }
    let install_dir =
        std::fs::read_dir(tmp.path()).unwrap().flatten().next().expect("an install").path();
    let unpacked = install_dir.join(dist.tarball.trim_end_matches(".tar.gz")).join("lintgate");
    assert!(
        std::fs::read(&unpacked).unwrap() == tar_binary(&dist.dir.join(&dist.tarball)),
        "the job runs other bytes"
    );

    // The same job when the download is corrupted: it stops before lintgate.
    let output = lint_job(Some(Fault::Corrupt));
    assert!(job_failed(&output, "lintgate"), "{output}");
    assert!(output.contains("is corrupt: its sha256 is"), "{output}");
    assert!(
        !consumer.path().join("lintgate-reports/junit-1.xml").exists(),
        "lintgate ran:\n{output}"
    );
}

/// The binary inside a release tarball.
fn tar_binary(tarball: &Path) -> Vec<u8> {
    let out = std::process::Command::new("tar").arg("-xzOf").arg(tarball).output().unwrap();
    assert!(out.status.success());
    out.stdout
}
