//! The `[coverage]` configuration table: its schema (for the engine's
//! validation and `config --show`) and its typed form.

use lintgate_engine::config::{OptionKind, OptionSpec, SectionSpec};

use crate::paths::PathOptions;

pub const SETTINGS: SectionSpec = SectionSpec {
    name: "coverage",
    options: &[
        OptionSpec {
            name: "reports",
            kind: OptionKind::StringList,
            doc: "Coverage reports `lintgate lint` gates (relative to the repository root). Default: none (the gate runs only in `lintgate coverage check`).",
        },
        OptionSpec {
            name: "input-format",
            kind: OptionKind::String,
            doc: "\"auto\", \"cobertura\", \"lcov\", \"coverage-json\", \"go\" or \"jacoco\". Default: \"auto\".",
        },
        OptionSpec {
            name: "baseline",
            kind: OptionKind::String,
            doc: "Where the target branch's coverage comes from: a baseline file, \"gitlab\" (the latest successful pipeline's artifact) or \"none\". Default: \"none\".",
        },
        OptionSpec {
            name: "if-missing",
            kind: OptionKind::String,
            doc: "When the baseline cannot be had: \"pass\", \"warn\" (skip the baseline gate with a warning) or \"fail\" (exit 2). Default: \"warn\".",
        },
        OptionSpec {
            name: "max-drop",
            kind: OptionKind::Number,
            doc: "How many percentage points total coverage may drop below the baseline. Default: 0.0.",
        },
        OptionSpec {
            name: "baseline-rule",
            kind: OptionKind::String,
            doc: "What the baseline gate compares: \"percent\" (line and branch percentages, `max-drop`), \"uncovered\" (the number of uncovered lines may not grow) or \"both\". Default: \"percent\".",
        },
        OptionSpec {
            name: "file-max-drop",
            kind: OptionKind::Number,
            doc: "Per-file gate: how many points any file's coverage may drop. Default: off.",
        },
        OptionSpec {
            name: "new-file-min",
            kind: OptionKind::Number,
            doc: "Per-file gate: the coverage a file new since the baseline must reach. Default: off.",
        },
        OptionSpec {
            name: "diff-min",
            kind: OptionKind::Number,
            doc: "Diff gate: the share of measured changed lines that must be covered; 0 turns the gate off. Default: 80.0.",
        },
        OptionSpec {
            name: "fail-under",
            kind: OptionKind::Number,
            doc: "Floor gate: the lowest total line coverage allowed. Default: off.",
        },
        OptionSpec {
            name: "precision",
            kind: OptionKind::Integer,
            doc: "Decimals percentages are rounded to (half up) before any comparison. Default: 2.",
        },
        OptionSpec {
            name: "default-branch",
            kind: OptionKind::String,
            doc: "The revision the diff gate compares with when neither --since nor CI_MERGE_REQUEST_DIFF_BASE_SHA gives one (e.g. \"origin/main\"). Default: none.",
        },
        OptionSpec {
            name: "path-map",
            kind: OptionKind::StringTable,
            doc: "Report path prefixes to replace before matching files: `\"/builds/app/\" = \"\"`.",
        },
        OptionSpec {
            name: "strip-prefix",
            kind: OptionKind::StringList,
            doc: "Report path prefixes to remove before matching files.",
        },
        OptionSpec {
            name: "source-roots",
            kind: OptionKind::StringList,
            doc: "Directories holding JaCoCo's package paths. Default: src/main/java, src/main/kotlin, src/main/scala, src, the root.",
        },
        OptionSpec {
            name: "max-unmatched",
            kind: OptionKind::Number,
            doc: "The percentage of a report's files that may be missing from the repository before the report is refused. Default: 50.",
        },
        OptionSpec {
            name: "gitlab-job",
            kind: OptionKind::String,
            doc: "The default-branch job whose artifact holds the baseline (`baseline = \"gitlab\"`). Default: \"lintgate-coverage\".",
        },
        OptionSpec {
            name: "gitlab-artifact",
            kind: OptionKind::String,
            doc: "The baseline's path inside that job's artifacts. Default: \"coverage-baseline.json\".",
        },
        OptionSpec {
            name: "timeout",
            kind: OptionKind::Integer,
            doc: "Seconds to wait for the GitLab API. Default: 30.",
        },
    ],
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMissing {
    Pass,
    Warn,
    Fail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineRule {
    Percent,
    Uncovered,
    Both,
}

/// Where the baseline comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaselineSource {
    None,
    File(String),
    Gitlab,
}

impl BaselineSource {
    pub fn parse(text: &str) -> BaselineSource {
        match text {
            "" | "none" => BaselineSource::None,
            "gitlab" => BaselineSource::Gitlab,
            path => BaselineSource::File(path.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CoverageSettings {
    pub reports: Vec<String>,
    /// `None` = detect.
    pub input_format: Option<crate::formats::Format>,
    pub baseline: BaselineSource,
    pub if_missing: IfMissing,
    pub max_drop: f64,
    pub baseline_rule: BaselineRule,
    pub file_max_drop: Option<f64>,
    pub new_file_min: Option<f64>,
    pub diff_min: f64,
    pub fail_under: Option<f64>,
    pub precision: u32,
    pub default_branch: Option<String>,
    pub paths: PathOptions,
    /// `None`: the running job's name (the same job saved it on the default branch).
    pub gitlab_job: Option<String>,
    pub gitlab_artifact: String,
    pub timeout_seconds: u64,
}

impl Default for CoverageSettings {
    fn default() -> Self {
        CoverageSettings {
            reports: Vec::new(),
            input_format: None,
            baseline: BaselineSource::None,
            if_missing: IfMissing::Warn,
            max_drop: 0.0,
            baseline_rule: BaselineRule::Percent,
            file_max_drop: None,
            new_file_min: None,
            diff_min: 80.0,
            fail_under: None,
            precision: 2,
            default_branch: None,
            paths: PathOptions { max_unmatched: 0.5, ..PathOptions::default() },
            gitlab_job: None,
            gitlab_artifact: "coverage-baseline.json".into(),
            timeout_seconds: 30,
        }
    }
}

impl CoverageSettings {
    /// Reads a `[coverage]` table whose types the engine has checked.
    pub fn from_table(table: Option<&toml::Table>) -> Result<CoverageSettings, String> {
        let mut s = CoverageSettings::default();
        let Some(table) = table else { return Ok(s) };
        let string = |key: &str| table.get(key).and_then(toml::Value::as_str);
        let strings = |key: &str| -> Vec<String> {
            table
                .get(key)
                .and_then(toml::Value::as_array)
                .map(|items| items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect())
                .unwrap_or_default()
        };
        let number = |key: &str| -> Result<Option<f64>, String> {
            let value = match table.get(key) {
                None => return Ok(None),
                Some(toml::Value::Integer(i)) => *i as f64,
                Some(toml::Value::Float(f)) => *f,
                Some(_) => return Err(format!("[coverage] {key} must be a number")),
            };
            if !(0.0..=100.0).contains(&value) {
                return Err(format!("[coverage] {key} = {value}: a percentage between 0 and 100"));
            }
            Ok(Some(value))
        };
        s.reports = strings("reports");
        if let Some(format) = string("input-format").filter(|f| *f != "auto") {
            s.input_format =
                Some(format.parse().map_err(|e| format!("[coverage] input-format: {e}"))?);
        }
        if let Some(baseline) = string("baseline") {
            s.baseline = BaselineSource::parse(baseline);
        }
        if let Some(mode) = string("if-missing") {
            s.if_missing = match mode {
                "pass" => IfMissing::Pass,
                "warn" => IfMissing::Warn,
                "fail" => IfMissing::Fail,
                other => {
                    return Err(format!(
                        "[coverage] if-missing = \"{other}\": one of \"pass\", \"warn\", \"fail\""
                    ));
                }
            };
        }
        if let Some(rule) = string("baseline-rule") {
            s.baseline_rule = match rule {
                "percent" => BaselineRule::Percent,
                "uncovered" => BaselineRule::Uncovered,
                "both" => BaselineRule::Both,
                other => {
                    return Err(format!(
                        "[coverage] baseline-rule = \"{other}\": one of \"percent\", \"uncovered\", \"both\""
                    ));
                }
            };
        }
        s.max_drop = number("max-drop")?.unwrap_or(s.max_drop);
        s.file_max_drop = number("file-max-drop")?;
        s.new_file_min = number("new-file-min")?;
        s.diff_min = number("diff-min")?.unwrap_or(s.diff_min);
        s.fail_under = number("fail-under")?;
        if let Some(precision) = table.get("precision").and_then(toml::Value::as_integer) {
            s.precision = u32::try_from(precision).ok().filter(|p| *p <= 6).ok_or_else(|| {
                format!("[coverage] precision = {precision}: between 0 and 6 decimals")
            })?;
        }
        s.default_branch = string("default-branch").map(str::to_string);
        if let Some(map) = table.get("path-map").and_then(toml::Value::as_table) {
            s.paths.path_map = map
                .iter()
                .filter_map(|(k, v)| Some((k.replace('\\', "/"), v.as_str()?.replace('\\', "/"))))
                .collect();
        }
        s.paths.strip_prefix = strings("strip-prefix");
        s.paths.source_roots = strings("source-roots");
        if let Some(share) = number("max-unmatched")? {
            s.paths.max_unmatched = share / 100.0;
        }
        s.gitlab_job = string("gitlab-job").map(str::to_string);
        if let Some(artifact) = string("gitlab-artifact") {
            s.gitlab_artifact = artifact.to_string();
        }
        if let Some(timeout) = table.get("timeout").and_then(toml::Value::as_integer) {
            s.timeout_seconds =
                u64::try_from(timeout).ok().filter(|t| *t > 0).ok_or_else(|| {
                    format!("[coverage] timeout = {timeout}: a positive number of seconds")
                })?;
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_and_rejects_bad_values() {
        let table: toml::Table = toml::from_str(
            "reports = ['coverage.xml']\nbaseline = 'gitlab'\nif-missing = 'fail'\nmax-drop = 0.5\ndiff-min = 90\nprecision = 1\nmax-unmatched = 10\n[path-map]\n'/ci/' = ''\n",
        )
        .unwrap();
        let s = CoverageSettings::from_table(Some(&table)).unwrap();
        assert_eq!(s.baseline, BaselineSource::Gitlab);
        assert_eq!(s.if_missing, IfMissing::Fail);
        assert_eq!((s.max_drop, s.diff_min, s.precision), (0.5, 90.0, 1));
        assert_eq!(s.paths.path_map, vec![("/ci/".to_string(), String::new())]);
        assert!((s.paths.max_unmatched - 0.1).abs() < 1e-9);
        let bad: toml::Table = toml::from_str("if-missing = 'maybe'").unwrap();
        assert!(CoverageSettings::from_table(Some(&bad)).unwrap_err().contains("maybe"));
        let bad: toml::Table = toml::from_str("diff-min = 120").unwrap();
        assert!(CoverageSettings::from_table(Some(&bad)).is_err());
    }
}
