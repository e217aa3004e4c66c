//! lintgate's coverage-regression gate. Reads coverage reports of several
//! formats into one line model ([`model`]), places their paths in the
//! repository ([`paths`]), compares with a baseline ([`baseline`], fetched
//! from GitLab by [`gitlab`]) and with the lines a change touched ([`diff`]),
//! and decides the gates ([`gates`]). Used by `lintgate coverage ...` and, when
//! `[coverage] reports` is set, inside `lintgate lint` ([`CoverageChecker`]).

pub mod baseline;
mod checker;
pub mod convert;
pub mod findings;
pub mod formats;
pub mod gates;
pub mod gitlab;
pub mod model;
pub mod paths;
pub mod percent;
pub mod render;
pub mod settings;

use std::path::Path;
use std::time::Duration;

pub use checker::CoverageChecker;
pub use settings::{CoverageSettings, SETTINGS};

use baseline::Baseline;
use formats::Format;
use model::Coverage;
use settings::{BaselineSource, IfMissing};

/// The largest coverage report read: larger is surely not a report.
const MAX_REPORT_BYTES: u64 = 2 << 30;

/// Reports read, merged and placed in the repository.
#[derive(Debug, Default)]
pub struct Loaded {
    pub coverage: Coverage,
    /// The format of the first report (recorded in baselines).
    pub format: Option<Format>,
    /// Report files not found in the repository (ignored, below `max-unmatched`).
    pub unmatched: Vec<String>,
}

/// Reads every report (shards are merged as line data). `display` names
/// each report in errors. Any problem is an error: the gate never passes on
/// a report it could not read.
pub fn load_reports(
    reports: &[(std::path::PathBuf, String)],
    root: &Path,
    settings: &CoverageSettings,
) -> Result<Loaded, String> {
    let mut loaded = Loaded::default();
    for (path, display) in reports {
        let raw = read_report(path, display, settings)?;
        let raw_format = raw.format;
        if raw.files.is_empty() {
            return Err(format!(
                "{display}: the {} report covers no files (did the tests run, with coverage on the right sources?)",
                raw.format
            ));
        }
        let resolved =
            paths::resolve(raw, root, &settings.paths).map_err(|e| format!("{display}: {e}"))?;
        loaded.format.get_or_insert(raw_format);
        loaded.unmatched.extend(resolved.unmatched);
        loaded.coverage.merge(resolved.coverage);
    }
    Ok(loaded)
}

/// Reads one report, streaming, with its format detected from its first bytes.
fn read_report(
    path: &Path,
    display: &str,
    settings: &CoverageSettings,
) -> Result<formats::RawReport, String> {
    use std::io::BufRead;
    let cannot = |e: std::io::Error| format!("cannot read coverage report {display}: {e}");
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_REPORT_BYTES {
        return Err(format!(
            "{display}: {size} bytes is larger than the {MAX_REPORT_BYTES}-byte limit for a coverage report"
        ));
    }
    let mut input = std::io::BufReader::with_capacity(1 << 18, file);
    let format = match settings.input_format {
        Some(format) => format,
        None => formats::detect(input.fill_buf().map_err(cannot)?).ok_or_else(|| {
            format!("{display}: not a coverage report lintgate knows (Cobertura XML, LCOV, coverage.py JSON, Go coverprofile, JaCoCo XML); name the format with --input-format if it is one")
        })?,
    };
    formats::parse(format, &mut input).map_err(|e| {
        let line = std::fs::File::open(path).ok().and_then(|f| e.line_in(f));
        match line {
            Some(line) => format!("{display}:{line}: {} ({format} report)", e.message),
            None => format!("{display}: {} ({format} report)", e.message),
        }
    })
}

/// What became of the baseline.
#[derive(Debug)]
pub enum BaselineLookup {
    Found(Baseline),
    /// None wanted (`baseline = "none"`).
    NotConfigured,
    /// Wanted but not available; `warn` says whether to warn.
    Missing {
        reason: String,
        warn: bool,
    },
}

/// Reads or downloads the baseline. A baseline that exists but cannot be
/// read is an error; one that does not exist follows `if-missing`.
pub fn find_baseline(
    source: &BaselineSource,
    cwd: &Path,
    settings: &CoverageSettings,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<BaselineLookup, String> {
    let (text, origin) = match source {
        BaselineSource::None => return Ok(BaselineLookup::NotConfigured),
        BaselineSource::File(path) => match std::fs::read_to_string(cwd.join(path)) {
            Ok(text) => (Ok(text), path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (Err(format!("the baseline file {path} does not exist")), path.clone())
            }
            Err(e) => return Err(format!("cannot read the baseline {path}: {e}")),
        },
        BaselineSource::Gitlab => {
            let timeout = Duration::from_secs(settings.timeout_seconds);
            let job = settings
                .gitlab_job
                .clone()
                .or_else(|| env("CI_JOB_NAME").filter(|j| !j.is_empty()))
                .unwrap_or_else(|| "lintgate-coverage".into());
            let fetched = gitlab::Request::from_env(env, &job, &settings.gitlab_artifact, timeout)
                .and_then(|request| request.fetch());
            (fetched.map_err(|gitlab::Missing(reason)| reason), "the GitLab baseline".to_string())
        }
    };
    match text {
        Ok(text) => {
            Baseline::parse(&text).map(BaselineLookup::Found).map_err(|e| format!("{origin}: {e}"))
        }
        Err(reason) => match settings.if_missing {
            IfMissing::Fail => Err(format!("{reason} (and [coverage] if-missing = \"fail\")")),
            IfMissing::Warn => Ok(BaselineLookup::Missing { reason, warn: true }),
            IfMissing::Pass => Ok(BaselineLookup::Missing { reason, warn: false }),
        },
    }
}

/// The revision the diff gate compares with: `--since`, else the merge
/// request's diff base, else `[coverage] default-branch`.
pub fn base_revision(
    since: Option<&str>,
    settings: &CoverageSettings,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    since
        .map(str::to_string)
        .or_else(|| env("CI_MERGE_REQUEST_DIFF_BASE_SHA").filter(|v| !v.is_empty()))
        .or_else(|| settings.default_branch.clone())
}

/// The commit being measured, for baselines.
pub fn head_commit(root: &Path) -> Option<String> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Everything one gate run needs.
pub struct CheckRequest<'a> {
    /// (path on disk, name shown in messages)
    pub reports: &'a [(std::path::PathBuf, String)],
    pub root: &'a Path,
    /// Relative baseline paths are read from here.
    pub cwd: &'a Path,
    pub baseline: &'a BaselineSource,
    pub since: Option<&'a str>,
    pub settings: &'a CoverageSettings,
    pub env: &'a dyn Fn(&str) -> Option<String>,
}

/// A finished gate run.
#[derive(Debug)]
pub struct Checked {
    pub loaded: Loaded,
    pub evaluation: gates::Evaluation,
    /// Shown to the user (a missing baseline under `if-missing = "warn"`).
    pub warnings: Vec<String>,
    pub baseline_missing: Option<String>,
}

/// Reads the reports, finds the baseline and the changed lines, and
/// evaluates every gate. `Err` is exit 2.
pub fn check(request: &CheckRequest) -> Result<Checked, String> {
    let settings = request.settings;
    let loaded = load_reports(request.reports, request.root, settings)?;
    let mut warnings = Vec::new();
    let (baseline, missing) =
        match find_baseline(request.baseline, request.cwd, settings, request.env)? {
            BaselineLookup::Found(baseline) => (Some(baseline), None),
            BaselineLookup::NotConfigured => (None, None),
            BaselineLookup::Missing { reason, warn } => {
                if warn {
                    warnings.push(format!(
                        "no coverage baseline, so the baseline gate is skipped: {reason}"
                    ));
                }
                (None, Some(reason))
            }
        };
    let base = base_revision(request.since, settings, request.env);
    let changes = match &base {
        Some(base) if settings.diff_min > 0.0 => {
            Some(lintgate_engine::changes::changed_since(request.root, base)?)
        }
        _ => None,
    };
    let inputs = gates::Inputs {
        baseline: baseline.as_ref(),
        baseline_missing: missing.clone(),
        changes: changes.as_ref().zip(base.as_deref()),
    };
    let evaluation = gates::evaluate(&loaded.coverage, &inputs, settings);
    Ok(Checked { loaded, evaluation, warnings, baseline_missing: missing })
}
