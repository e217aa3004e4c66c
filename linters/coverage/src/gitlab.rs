//! Fetches the baseline from the target branch's latest successful pipeline
//! through GitLab's job-artifacts API:
//! `GET {CI_API_V4_URL}/projects/{CI_PROJECT_ID}/jobs/artifacts/{ref}/raw/{path}?job={job}`,
//! authenticated by `JOB-TOKEN: $CI_JOB_TOKEN` (or `PRIVATE-TOKEN: $GITLAB_TOKEN`).
//! Every way of not getting it (no pipeline, expired artifact, refused token,
//! network) is a [`Missing`] with the reason, for `if-missing` to decide.

use std::time::Duration;

/// Why there is no baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing(pub String);

/// The largest baseline accepted (a baseline of 100,000 files is ~10 MiB).
const MAX_BASELINE_BYTES: u64 = 256 << 20;

pub struct Request {
    pub api_url: String,
    pub project: String,
    pub branch: String,
    pub job: String,
    pub artifact: String,
    /// (header, value)
    pub token: Option<(&'static str, String)>,
    pub timeout: Duration,
}

impl Request {
    /// Builds the request from GitLab CI's predefined variables.
    pub fn from_env(
        env: &dyn Fn(&str) -> Option<String>,
        job: &str,
        artifact: &str,
        timeout: Duration,
    ) -> Result<Request, Missing> {
        let need = |name: &str| {
            env(name).filter(|v| !v.is_empty()).ok_or_else(|| {
                Missing(format!("`baseline = \"gitlab\"` needs {name}, which is not set (is this running in GitLab CI?)"))
            })
        };
        let api_url = need("CI_API_V4_URL")?;
        let project = need("CI_PROJECT_ID")?;
        let branch = env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME")
            .filter(|v| !v.is_empty())
            .or_else(|| env("CI_DEFAULT_BRANCH").filter(|v| !v.is_empty()))
            .ok_or_else(|| {
                Missing(
                    "neither CI_MERGE_REQUEST_TARGET_BRANCH_NAME nor CI_DEFAULT_BRANCH is set"
                        .into(),
                )
            })?;
        let token = match (
            env("CI_JOB_TOKEN").filter(|t| !t.is_empty()),
            env("GITLAB_TOKEN").filter(|t| !t.is_empty()),
        ) {
            (_, Some(token)) => Some(("PRIVATE-TOKEN", token)),
            (Some(token), None) => Some(("JOB-TOKEN", token)),
            (None, None) => None,
        };
        Ok(Request {
            api_url,
            project,
            branch,
            job: job.into(),
            artifact: artifact.into(),
            token,
            timeout,
        })
    }

    pub fn url(&self) -> String {
        let path: Vec<String> = self.artifact.split('/').map(encode).collect();
        format!(
            "{}/projects/{}/jobs/artifacts/{}/raw/{}?job={}",
            self.api_url.trim_end_matches('/'),
            encode(&self.project),
            encode(&self.branch),
            path.join("/"),
            encode(&self.job)
        )
    }

    /// Downloads the baseline's text.
    pub fn fetch(&self) -> Result<String, Missing> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .http_status_as_error(false)
            .max_redirects(10)
            .user_agent(concat!("lintgate/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let url = self.url();
        let mut request = agent.get(&url);
        if let Some((header, value)) = &self.token {
            request = request.header(*header, value);
        }
        let where_ = format!(
            "the `{}` job's artifact `{}` on branch `{}`",
            self.job, self.artifact, self.branch
        );
        let mut response = request
            .call()
            .map_err(|e| Missing(format!("cannot fetch {where_} from {}: {e}", self.api_url)))?;
        let status = response.status().as_u16();
        match status {
            200 => response
                .body_mut()
                .with_config()
                .limit(MAX_BASELINE_BYTES)
                .read_to_string()
                .map_err(|e| Missing(format!("cannot read {where_}: {e}"))),
            401 | 403 => Err(Missing(format!(
                "GitLab refused access to {where_} (HTTP {status}): the job token needs access to the project (CI/CD > Job token permissions), or set GITLAB_TOKEN to a token with read_api"
            ))),
            404 => Err(Missing(format!(
                "GitLab has no {where_} (HTTP 404): no successful pipeline on that branch ran the job yet, the artifact expired, or the job or path names differ ([coverage] gitlab-job / gitlab-artifact)"
            ))),
            _ => Err(Missing(format!("GitLab answered HTTP {status} for {where_}"))),
        }
    }
}

/// Percent-encodes everything but unreserved characters (so `feature/x`
/// becomes `feature%2Fx`, as GitLab wants a ref in a path).
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_artifact_url_from_ci_variables() {
        let vars = [
            ("CI_API_V4_URL", "https://gitlab.example/api/v4"),
            ("CI_PROJECT_ID", "42"),
            ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "release/2.x"),
            ("CI_DEFAULT_BRANCH", "main"),
            ("CI_JOB_TOKEN", "secret"),
        ];
        let env = |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
        let request = Request::from_env(
            &env,
            "lintgate coverage",
            "out/base line.json",
            Duration::from_secs(5),
        )
        .unwrap();
        assert_eq!(
            request.url(),
            "https://gitlab.example/api/v4/projects/42/jobs/artifacts/release%2F2.x/raw/out/base%20line.json?job=lintgate%20coverage"
        );
        assert_eq!(request.token, Some(("JOB-TOKEN", "secret".to_string())));
        let none = |_: &str| None;
        let missing = Request::from_env(&none, "j", "a", Duration::from_secs(1)).err().unwrap();
        assert!(missing.0.contains("CI_API_V4_URL"));
    }
}
