//! The GitLab template's install step (`.lintgate-base: before_script`),
//! run by `sh` (dash, so POSIX only) as a GitLab runner would, against a
//! loopback GitLab package registry holding the real release artefacts:
//! every `LINTGATE_INSTALL` mode that needs no compiler, and every bad
//! download, checksum, version and image it must refuse before lintgate runs.

mod common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::dist::{Dist, dist};
use common::registry::{Fault, Registry};
use common::{Repo, project_dir};
use lintgate_ciyaml::yaml::{self, Value};

const TOKEN: &str = "job-token-123";

/// The install script of the template, as the runner receives it.
fn install_script() -> String {
    let text =
        std::fs::read_to_string(project_dir().join("ci-templates/gitlab/lintgate.gitlab-ci.yml"))
            .unwrap();
    let body = text.split_once("\n---\n").unwrap().1;
    let doc = yaml::parse(body);
    let base = doc.get(&doc.root, ".lintgate-base").unwrap();
    let before = doc.get(&base, "before_script").unwrap();
    let Value::Sequence(items) = &doc.resolve(&before).unwrap().value else { panic!() };
    let Value::Scalar(script) = &doc.resolve(&items[0]).unwrap().value else { panic!() };
    script.text.clone()
}

/// A registry holding the release, as the release job uploads it.
fn released(dist: &Dist) -> Registry {
    let registry = Registry::start();
    let prefix = format!("lintgate/{}", dist.version);
    for name in [dist.tarball.clone(), format!("{}.sha256", dist.tarball)] {
        registry.put_generic(&format!("{prefix}/{name}"), &dist.bytes(&name));
    }
    registry
}

/// A directory of symlinks to the named system commands: a job image
/// that has exactly these.
fn image(commands: &[&str]) -> Repo {
    let dir = Repo::new();
    for command in commands {
        let found =
            ["/usr/bin", "/bin"].iter().map(|d| Path::new(d).join(command)).find(|p| p.exists());
        symlink(
            found.unwrap_or_else(|| panic!("{command} not installed")),
            dir.path().join(command),
        )
        .unwrap();
    }
    dir
}

const BASE_IMAGE: &[&str] = &[
    "sh",
    "cat",
    "sed",
    "uname",
    "grep",
    "cut",
    "tr",
    "head",
    "rm",
    "mkdir",
    "tar",
    "gzip",
    "ldd",
    "sha256sum",
];

struct Job {
    ok: bool,
    output: String,
    project: Repo,
    /// The job's `TMPDIR`, where the template installs lintgate.
    tmp: Repo,
}

impl Job {
    fn install_dir(&self) -> PathBuf {
        self.tmp.path().join("lintgate-7")
    }
}

fn run_job(registry: &Registry, vars: &[(&str, &str)], path: &[&Path]) -> Job {
    let project = Repo::new();
    let tmp = Repo::new();
    let script =
        format!("set -e\n{}\nlintgate lint --isolated --format json .\n", install_script());
    let path = std::env::join_paths(path).unwrap();
    let mut command = Command::new("/bin/sh");
    command
        .arg("-c")
        .arg(script)
        .current_dir(project.path())
        .env_clear()
        .env("PATH", path)
        .env("CI_API_V4_URL", &registry.api_url)
        .env("CI_JOB_TOKEN", TOKEN)
        .env("CI_PROJECT_DIR", project.path())
        .env("CI_JOB_ID", "7")
        .env("TMPDIR", tmp.path())
        .env("LINTGATE_PROJECT", "tools/lintgate")
        .env("LINTGATE_VERSION", dist().version)
        .env("LINTGATE_INSTALL", "binary")
        .env("LINTGATE_PIP_INDEX", "");
    for (name, value) in vars {
        command.env(name, value);
    }
    project.write("app.py", "import os\n");
    let output = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Job { ok: output.status.success(), output: text, project, tmp }
}

fn curl_image() -> Repo {
    let mut commands = BASE_IMAGE.to_vec();
    commands.push("curl");
    image(&commands)
}

/// The job stopped with `message` and lintgate never ran.
fn refused(job: &Job, message: &str) {
    assert!(!job.ok, "the job went on:\n{}", job.output);
    assert!(job.output.contains(message), "expected `{message}` in:\n{}", job.output);
    assert!(!job.output.contains("\"code\""), "lintgate ran anyway:\n{}", job.output);
}

#[test]
fn binary_installs_the_verified_release_with_curl_or_wget() {
    let dist = dist();
    for fetcher in ["curl", "wget"] {
        let registry = released(dist);
        let mut commands = BASE_IMAGE.to_vec();
        commands.push(fetcher);
        let tools = image(&commands);
        let job = run_job(&registry, &[], &[tools.path()]);
        assert!(!job.ok, "F401 must fail the lint:\n{}", job.output);
        let expected_bin =
            job.install_dir().join(dist.tarball.trim_end_matches(".tar.gz")).join("lintgate");
        assert!(
            job.output.contains(&format!(
                "using {}: lintgate {}",
                expected_bin.display(),
                dist.version
            )),
            "{fetcher}: {}",
            job.output
        );
        assert!(job.output.contains("\"code\": \"F401\""), "{fetcher}: {}", job.output);
        let requests = registry.requests();
        let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
        let base =
            format!("/api/v4/projects/tools%2Flintgate/packages/generic/lintgate/{}", dist.version);
        assert_eq!(
            paths,
            [format!("{base}/{}", dist.tarball), format!("{base}/{}.sha256", dist.tarball)],
            "{fetcher}"
        );
        assert!(
            requests.iter().all(|r| r.header("JOB-TOKEN") == Some(TOKEN)),
            "{fetcher}: {requests:?}"
        );
    }
}

#[test]
fn auto_uses_a_lintgate_already_on_path_and_otherwise_downloads() {
    let dist = dist();
    let registry = released(dist);
    let tools = curl_image();
    let on_path = Repo::new();
    symlink(common::BIN, on_path.path().join("lintgate")).unwrap();
    let job = run_job(&registry, &[("LINTGATE_INSTALL", "auto")], &[on_path.path(), tools.path()]);
    assert!(
        job.output.contains(&format!("using {}/lintgate", on_path.path().display())),
        "{}",
        job.output
    );
    assert!(registry.requests().is_empty(), "auto downloaded although lintgate was on PATH");

    let job = run_job(&registry, &[("LINTGATE_INSTALL", "auto")], &[tools.path()]);
    assert!(job.output.contains(&job.install_dir().display().to_string()), "{}", job.output);
    assert_eq!(registry.requests().len(), 2);
}

#[test]
fn bad_downloads_fail_before_lintgate_runs() {
    let dist = dist();
    let tools = curl_image();
    let cases = [
        (Fault::Corrupt, "is corrupt: its sha256 is"),
        (Fault::Truncated, "is corrupt: its sha256 is"),
        (Fault::HtmlPage, "is corrupt: its sha256 is"),
        (Fault::Unauthorized, "cannot download"),
    ];
    for (fault, message) in cases {
        let registry = released(dist);
        registry.set_fault(fault);
        let job = run_job(&registry, &[], &[tools.path()]);
        refused(&job, message);
        let unpacked = job.install_dir().join(dist.tarball.trim_end_matches(".tar.gz"));
        assert!(!unpacked.exists(), "{fault:?}: unpacked anyway");
    }
    // Not released at all: 404.
    let job = run_job(&Registry::start(), &[], &[tools.path()]);
    refused(&job, "cannot download");
    refused(&job, "404");
}

#[test]
fn bad_checksum_files_are_refused() {
    let dist = dist();
    let tools = curl_image();
    let sums = format!("lintgate/{}/{}.sha256", dist.version, dist.tarball);
    let good = String::from_utf8(dist.bytes(&format!("{}.sha256", dist.tarball))).unwrap();
    let hex = good.split_whitespace().next().unwrap();
    let wrong_digit = format!("{}{}", if hex.starts_with('0') { '1' } else { '0' }, &hex[1..]);
    let cases = [
        (format!("{hex}\n"), "is not one sha256sum line"),
        (format!("{hex} {}\n", dist.tarball), "is not one sha256sum line"),
        (format!("{}  {}\n", &hex[..40], dist.tarball), "is not one sha256sum line"),
        (format!("{}  {}\n", hex.to_uppercase(), dist.tarball), "is not one sha256sum line"),
        (format!("{good}{good}"), "is not one sha256sum line"),
        (format!("{hex}  other.tar.gz\n"), "is not one sha256sum line"),
        (format!("{wrong_digit}  {}\n", dist.tarball), "is corrupt"),
    ];
    for (content, message) in cases {
        let registry = released(dist);
        registry.put_generic(&sums, content.as_bytes());
        let job = run_job(&registry, &[], &[tools.path()]);
        refused(&job, message);
    }
}

#[test]
fn bad_versions_modes_and_images_are_refused_with_what_to_do() {
    let dist = dist();
    let registry = released(dist);
    let tools = curl_image();
    for version in ["", "latest", "v1.2.3", "1.2", "1.2.3/../../x"] {
        let job = run_job(&registry, &[("LINTGATE_VERSION", version)], &[tools.path()]);
        refused(&job, "LINTGATE_VERSION must be a release version");
    }
    let job = run_job(&registry, &[("LINTGATE_INSTALL", "docker")], &[tools.path()]);
    refused(&job, "LINTGATE_INSTALL must be auto, binary, pip or cargo");
    let bare = image(BASE_IMAGE);
    let job = run_job(&registry, &[], &[bare.path()]);
    refused(&job, "needs curl or wget");
    let mut no_sha = BASE_IMAGE.to_vec();
    no_sha.retain(|c| *c != "sha256sum");
    no_sha.push("curl");
    let job = run_job(&registry, &[], &[image(&no_sha).path()]);
    refused(&job, "needs sha256sum or shasum");
    // A musl image (Alpine): its ldd says so.
    let musl = Repo::new();
    let fake_ldd = musl.write("ldd", "#!/bin/sh\necho 'musl libc (x86_64)' >&2\nexit 1\n");
    make_executable(&fake_ldd);
    let job = run_job(&registry, &[], &[musl.path(), tools.path()]);
    refused(&job, "musl libc");
    refused(&job, "LINTGATE_INSTALL=cargo");
    assert!(registry.requests().is_empty(), "a refused job downloaded: {:?}", registry.requests());
}

fn make_executable(path: &PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn pip_installs_the_wheel_from_the_projects_pypi_registry() {
    let dist = dist();
    let registry = Registry::start();
    let wheel_name = dist.wheel.file_name().unwrap().to_string_lossy().into_owned();
    registry.put_wheel(&wheel_name, &std::fs::read(&dist.wheel).unwrap());
    let tools = curl_image();
    let python = Path::new("/usr/bin");
    let job = run_job(&registry, &[("LINTGATE_INSTALL", "pip")], &[tools.path(), python]);
    let installed = job.install_dir().join("pip/bin/lintgate");
    assert!(job.output.contains(&format!("{}: lintgate", installed.display())), "{}", job.output);
    // Nothing of the install is inside the project, where `lint .` would see it.
    let inside: Vec<String> = std::fs::read_dir(job.project.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".lintgate_cache")
        .collect();
    assert_eq!(inside, ["app.py"], "{}", job.output);
    assert!(job.output.contains("\"code\": \"F401\""), "{}", job.output);
    let requests = registry.requests();
    let index = requests
        .iter()
        .find(|r| r.path.contains("/packages/pypi/simple/"))
        .expect("pip read the index");
    assert!(
        index.path.starts_with("/api/v4/projects/tools%2Flintgate/packages/pypi/simple/lintgate"),
        "{}",
        index.path
    );
    // pip authenticates with the job token the default index URL carries.
    let auth = index.header("Authorization").unwrap_or_default().to_string();
    assert!(auth.starts_with("Basic "), "{requests:?}");
}
