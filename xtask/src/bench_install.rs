//! `cargo xtask bench install [--runs N]`: the GitLab template's set-up time,
//! from job start to `lintgate --version`, with `LINTGATE_INSTALL=binary`
//! (the release tarball from a loopback generic package registry, checksum
//! verified) against `cargo` (today's build from a clone of this commit,
//! with a cold target directory as every CI job has), side by side under the
//! real gitlab-ci-local (shell executor). The time is gitlab-ci-local's own
//! "<job> finished in" figure for the job.

use std::fs;
use std::path::Path;
use std::process::{Child, Command};

use anyhow::{Context, Result, bail};

use crate::bench::median;
use crate::process::run;

const TEMPLATE: &str = "ci-templates/gitlab/lintgate.gitlab-ci.yml";
const PORT: u16 = 18765;

pub fn run_bench(root: &Path, runs: usize) -> Result<()> {
    let tools = crate::tools::install(root)?;
    let dist = root.join(".bench/install/dist");
    crate::dist::run_dist(root, &["--out".into(), dist.display().to_string()])?;
    let version = lintgate_engine::VERSION;
    let work = root.join(".bench/install");
    for dir in ["registry", "consumer", "source"] {
        let _ = fs::remove_dir_all(work.join(dir));
    }
    // python's http.server decodes `tools%2Flintgate` to `tools/lintgate`.
    let package = work.join(format!(
        "registry/api/v4/projects/tools/lintgate/packages/generic/lintgate/{version}"
    ));
    fs::create_dir_all(&package)?;
    let tarball = format!("lintgate-{version}-x86_64-unknown-linux-gnu.tar.gz");
    for name in [tarball.clone(), format!("{tarball}.sha256")] {
        fs::copy(dist.join(&name), package.join(&name))?;
    }
    let consumer = work.join("consumer");
    let template = fs::read_to_string(root.join(TEMPLATE))?;
    // gitlab-ci-local runs jobs with an `image:` in Docker; the shell executor here.
    let template: String = template
        .lines()
        .filter(|l| !l.trim_start().starts_with("image:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::create_dir_all(consumer.join("ci-templates/gitlab"))?;
    fs::write(consumer.join(TEMPLATE), template)?;
    fs::write(
        consumer.join(".gitlab-ci.yml"),
        format!(
            "include:\n  - local: {TEMPLATE}\nsetup:\n  extends: .lintgate-base\n  script:\n    - lintgate --version\n"
        ),
    )?;
    fs::write(consumer.join(".gitignore"), ".gitlab-ci-local/\n")?;
    git(&consumer, &["init", "-q", "-b", "main"])?;
    git(&consumer, &["add", "-A"])?;
    git(&consumer, &["commit", "-qm", "consumer"])?;
    git(root, &["clone", "-q", "--no-hardlinks", ".", &work.join("source").display().to_string()])?;

    let server = Server(
        Command::new("python3")
            .args(["-m", "http.server", &PORT.to_string(), "--bind", "127.0.0.1"])
            .current_dir(work.join("registry"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .context("starting python3 -m http.server")?,
    );
    std::thread::sleep(std::time::Duration::from_secs(1));
    let gcl = tools.join("npm/node_modules/.bin/gitlab-ci-local");
    let api = format!("CI_API_V4_URL=http://127.0.0.1:{PORT}/api/v4");
    let mut binary = Vec::new();
    for _ in 0..runs {
        binary.push(job_seconds(&gcl, &consumer, &["LINTGATE_INSTALL=binary", &api], false)?);
    }
    let source = format!("LINTGATE_SOURCE=file://{}", work.join("source").display());
    let cargo = job_seconds(
        &gcl,
        &consumer,
        &["LINTGATE_INSTALL=cargo", "LINTGATE_VERSION=", &source],
        true,
    )?;
    drop(server);
    let binary_median = median(&mut binary.clone());
    println!("job set-up, start to `lintgate --version` (gitlab-ci-local, shell executor):");
    let shown: Vec<String> = binary.iter().map(|s| format!("{:.0} ms", s * 1000.0)).collect();
    println!("  LINTGATE_INSTALL=binary  median {binary_median:.3} s  ({})", shown.join(", "));
    println!("  LINTGATE_INSTALL=cargo   {cargo:.1} s (one run, cold target directory)");
    println!("  binary is {:.0}x faster", cargo / binary_median);
    Ok(())
}

/// Kills the registry server when the bench ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs the consumer's `setup` job with `variables`; returns its duration.
fn job_seconds(gcl: &Path, consumer: &Path, variables: &[&str], with_rust: bool) -> Result<f64> {
    let mut command = Command::new(gcl);
    command.args(["--no-color", "setup"]).current_dir(consumer);
    for variable in variables {
        command.args(["--variable", variable]);
    }
    // No lintgate on PATH (else `auto` would find it); cargo only for cargo.
    let mut path = String::from("/usr/local/bin:/usr/bin:/bin");
    if with_rust {
        let home = std::env::var("HOME").unwrap_or_default();
        path = format!("{home}/.cargo/bin:{path}");
    }
    command.env("PATH", path).env_remove("CARGO_TARGET_DIR");
    let output = command.output().context("running gitlab-ci-local")?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        bail!("the setup job failed:\n{text}{}", String::from_utf8_lossy(&output.stderr));
    }
    let line = text
        .lines()
        .find(|l| l.starts_with("setup finished in "))
        .with_context(|| format!("no `setup finished in` line:\n{text}"))?;
    parse_duration(line.trim_start_matches("setup finished in ").trim())
        .with_context(|| format!("cannot read the duration in `{line}`"))
}

/// gitlab-ci-local's "283 ms", "1.07 s", "2.77 min".
fn parse_duration(text: &str) -> Option<f64> {
    let (number, unit) = text.split_once(' ')?;
    let number: f64 = number.parse().ok()?;
    let unit = unit.split_whitespace().next()?;
    Some(match unit {
        "ms" => number / 1000.0,
        "s" => number,
        "min" => number * 60.0,
        _ => return None,
    })
}

fn git(dir: &Path, args: &[&str]) -> Result<()> {
    run(Command::new("git")
        .args(["-c", "user.name=bench", "-c", "user.email=bench@example.com"])
        .args(args)
        .current_dir(dir))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_gitlab_ci_local_durations() {
        assert_eq!(super::parse_duration("283 ms"), Some(0.283));
        assert_eq!(super::parse_duration("1.5 s"), Some(1.5));
        assert_eq!(super::parse_duration("2.5 min  FAIL 101"), Some(150.0));
        assert_eq!(super::parse_duration("soon"), None);
    }
}
