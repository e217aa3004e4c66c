//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use lintgate_engine::diagnostic::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "lintgate",
    version,
    about = "Lint and gate a whole repository: Python, shell, shell inside CI YAML, Markdown",
    after_help = "With no command, `lintgate` runs `lintgate lint .`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (the default command).
    Lint(LintArgs),
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Show a rule's documentation.
    Explain {
        /// A rule code (`LG005`) or alias (`merge-conflict-marker`).
        code: String,
    },
    /// Record the current findings as known, so `lint` fails only on new ones.
    Baseline(BaselineArgs),
    /// Show the configuration that applies to a path.
    Config(ConfigArgs),
    /// Remove the result cache (`.lintgate_cache/`, or `cache-dir`).
    Clean {
        #[command(flatten)]
        config_source: ConfigSource,
    },
    /// Write a starter lintgate.toml for the languages in this repository.
    Init(InitArgs),
    /// Install or remove the native git pre-commit hook (lints staged content).
    #[command(subcommand)]
    Hook(HookCommand),
    /// Merge the reports of sharded runs (`--shard K/N`) into one.
    MergeReports(MergeReportsArgs),
    /// Gate coverage: compare reports with a baseline and the changed lines.
    #[command(subcommand)]
    Coverage(CoverageCommand),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Junit,
    Codequality,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    Error,
    Warning,
    Info,
}

impl From<FailLevel> for Severity {
    fn from(level: FailLevel) -> Severity {
        match level {
            FailLevel::Error => Severity::Error,
            FailLevel::Warning => Severity::Warning,
            FailLevel::Info => Severity::Info,
        }
    }
}

/// `--report FORMAT=PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTarget {
    pub format: Format,
    pub path: PathBuf,
}

fn parse_report(text: &str) -> Result<ReportTarget, String> {
    let (format, path) = text
        .split_once('=')
        .ok_or_else(|| format!("expected FORMAT=PATH (e.g. junit=out/junit.xml), got `{text}`"))?;
    let format = Format::from_str(format, true).map_err(|_| {
        let names: Vec<_> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
            .collect();
        format!("unknown report format `{format}` (one of {})", names.join(", "))
    })?;
    if path.is_empty() {
        return Err(format!("`{text}` names no path"));
    }
    Ok(ReportTarget { format, path: path.into() })
}

/// Where configuration comes from.
#[derive(Debug, Clone, Args)]
pub struct ConfigSource {
    /// Use this configuration file for every file, instead of the nearest one.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore all configuration files.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    /// Files and directories to lint; `-` reads standard input (with --stdin-filename).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also write a report to a file; repeatable (`--report junit=out/junit.xml`).
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub report: Vec<ReportTarget>,
    /// The lowest severity that fails the run [default: warning, or `fail-on` in configuration].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailLevel>,
    /// Exit 0 even when there are findings (configuration and internal errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Rules to enable, replacing the configuration's selection (codes, prefixes, aliases, ALL).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,
    /// Rules to enable in addition to the selection.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub extend_select: Vec<String>,
    /// Rules to disable.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    #[command(flatten)]
    pub config_source: ConfigSource,
    /// Apply exclusions to paths named on the command line too.
    #[arg(long)]
    pub force_exclude: bool,
    /// Number of parallel jobs [default: number of cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print counts per code instead of each finding (text format).
    #[arg(long)]
    pub statistics: bool,
    /// Print findings only, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// List notes (skipped files and the like) in text and JSON output.
    #[arg(long)]
    pub show_notes: bool,
    /// Print the files that would be linted, with their kinds, and exit.
    #[arg(long)]
    pub show_files: bool,
    /// Lint standard input as if it were this file (pass `-` as the path).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Lint the staged content (the index) of the staged files, as the commit will have it.
    #[arg(long, conflicts_with_all = ["since", "stdin_filename"])]
    pub staged: bool,
    /// Lint the files changed since the merge base with REV, and untracked files.
    #[arg(long, value_name = "REV", conflicts_with = "stdin_filename")]
    pub since: Option<String>,
    /// Keep only findings on lines added or changed since the merge base
    /// (needs --since, or CI_MERGE_REQUEST_DIFF_BASE_SHA; with --staged, the staged lines).
    #[arg(long)]
    pub new_only: bool,
    /// Lint one part of the files: K/N (K from 1, as CI_NODE_INDEX), or `auto`.
    #[arg(long, value_name = "K/N|auto")]
    pub shard: Option<String>,
    /// Also check http(s) links in Markdown online (as `[markdown] check-urls = true`).
    #[arg(long)]
    pub online: bool,
    /// Hide the findings this baseline file lists [default: `baseline` in configuration].
    #[arg(long, value_name = "FILE", conflicts_with = "no_baseline")]
    pub baseline: Option<PathBuf>,
    /// Ignore the configured baseline: report every finding.
    #[arg(long)]
    pub no_baseline: bool,
    /// Fail (exit 1) when a baseline entry no longer occurs.
    #[arg(long)]
    pub fail_on_stale: bool,
    /// Check every file afresh: neither read nor write the result cache.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Clone, Args)]
pub struct BaselineArgs {
    /// The file to write [default: `baseline` in configuration, else
    /// lintgate-baseline.json at the repository root].
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only remove the entries that no longer occur; add no new ones.
    #[arg(long)]
    pub prune: bool,
    /// What to lint and how, as for `lintgate lint`.
    #[command(flatten)]
    pub lint: LintArgs,
}

impl Default for LintArgs {
    fn default() -> Self {
        LintArgs::parse_from(["lint"])
    }
}

#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Print the effective configuration and where each value came from.
    #[arg(long, required = true)]
    pub show: bool,
    /// The file or directory whose configuration to show [default: .].
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub config_source: ConfigSource,
}

impl LintArgs {
    fn parse_from<I: IntoIterator<Item = &'static str>>(args: I) -> LintArgs {
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            lint: LintArgs,
        }
        Wrapper::parse_from(args).lint
    }
}

#[derive(Debug, Subcommand)]
pub enum CoverageCommand {
    /// Run the coverage gates (exit 1 when one fails).
    Check(CoverageCheckArgs),
    /// Write a baseline of these reports for later comparisons.
    Baseline(CoverageBaselineArgs),
    /// Convert reports to Cobertura XML with repository-relative paths.
    Convert(CoverageConvertArgs),
}

/// The reports a coverage command reads.
#[derive(Debug, Clone, Args)]
pub struct CoverageInput {
    /// Coverage reports (several = test shards, merged line by line).
    #[arg(value_name = "COVERAGE_FILE", required = true)]
    pub reports: Vec<PathBuf>,
    /// The reports' format [default: detected; or `input-format` in configuration].
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,
    #[command(flatten)]
    pub config_source: ConfigSource,
}

#[derive(Debug, Clone, Args)]
pub struct CoverageCheckArgs {
    #[command(flatten)]
    pub input: CoverageInput,
    /// The baseline: a file, `gitlab` or `none` [default: `baseline` in configuration, else none].
    #[arg(long, value_name = "FILE|gitlab|none")]
    pub baseline: Option<String>,
    /// Gate the lines changed since the merge base with this revision.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also write a report to a file; repeatable (`--report junit=out/coverage.xml`).
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub report: Vec<ReportTarget>,
}

#[derive(Debug, Clone, Args)]
pub struct CoverageBaselineArgs {
    #[command(flatten)]
    pub input: CoverageInput,
    /// Where to write the baseline.
    #[arg(long, short, value_name = "PATH")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertTarget {
    Cobertura,
}

#[derive(Debug, Clone, Args)]
pub struct CoverageConvertArgs {
    #[command(flatten)]
    pub input: CoverageInput,
    /// The format to write.
    #[arg(long, value_enum, default_value_t = ConvertTarget::Cobertura)]
    pub to: ConvertTarget,
    /// Where to write it.
    #[arg(long, short, value_name = "PATH")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct MergeReportsArgs {
    /// The format of the inputs and of the output.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Where to write the merged report.
    #[arg(long, short, value_name = "PATH")]
    pub output: PathBuf,
    /// The shards' reports.
    #[arg(value_name = "REPORT", required = true)]
    pub inputs: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write `.git/hooks/pre-commit` (or core.hooksPath's) to run `lintgate lint --staged`.
    Install {
        /// Replace a hook lintgate did not write (it is kept as a backup).
        #[arg(long)]
        force: bool,
    },
    /// Remove lintgate's hook (restoring the one it replaced, if any).
    Uninstall,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Replace an existing lintgate.toml.
    #[arg(long)]
    pub force: bool,
    /// Also print the GitLab CI include to paste into .gitlab-ci.yml.
    #[arg(long)]
    pub gitlab_ci: bool,
    /// Also print the entry to paste into .pre-commit-config.yaml.
    #[arg(long)]
    pub pre_commit: bool,
}
