//! `lintgate coverage check | baseline | convert`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lintgate_coverage::gates::{Evaluation, Gate, Outcome};
use lintgate_coverage::settings::BaselineSource;
use lintgate_coverage::{CheckRequest, CoverageSettings, Loaded, convert, findings, render};
use lintgate_engine::selector::SelectionLayer;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::args::{
    CoverageBaselineArgs, CoverageCheckArgs, CoverageCommand, CoverageConvertArgs, CoverageInput,
    Format,
};
use crate::report::{self, ReportOptions};
use crate::runner::{self, RunOutput};
use crate::settings::{Resolver, Settings, absolute, display_path, project_root};
use crate::{Status, UsageError, checkers};

pub fn run(command: CoverageCommand) -> Result<Status, UsageError> {
    match command {
        CoverageCommand::Check(args) => check(args),
        CoverageCommand::Baseline(args) => baseline(args),
        CoverageCommand::Convert(args) => convert(args),
    }
}

/// Where a coverage command runs and with which settings.
struct Context {
    cwd: PathBuf,
    root: PathBuf,
    root_settings: std::sync::Arc<Settings>,
    settings: CoverageSettings,
    reports: Vec<(PathBuf, String)>,
}

impl Context {
    fn new(input: &CoverageInput) -> Result<Context, UsageError> {
        let cwd = std::env::current_dir()?;
        let root = project_root(&cwd);
        let resolver = Resolver::new(
            &cwd,
            &input.config_source,
            SelectionLayer::default(),
            checkers::sections(),
        )?;
        let root_settings = resolver.for_dir(&root)?;
        let mut settings =
            CoverageSettings::from_table(root_settings.config.sections.get("coverage"))?;
        if let Some(format) = input.input_format.as_deref().filter(|f| *f != "auto") {
            settings.input_format = Some(format.parse::<lintgate_coverage::formats::Format>()?);
        }
        let reports = input
            .reports
            .iter()
            .map(|r| {
                let path = absolute(&cwd, r);
                let shown = display_path(&root, &path);
                (path, shown)
            })
            .collect();
        Ok(Context { cwd, root, root_settings, settings, reports })
    }

    fn load(&self) -> Result<Loaded, UsageError> {
        let loaded = lintgate_coverage::load_reports(&self.reports, &self.root, &self.settings)?;
        warn_unmatched(&loaded.unmatched);
        Ok(loaded)
    }
}

fn warn_unmatched(unmatched: &[String]) {
    if unmatched.is_empty() {
        return;
    }
    let examples: Vec<&str> = unmatched.iter().take(3).map(String::as_str).collect();
    let more = if unmatched.len() > 3 { ", ..." } else { "" };
    eprintln!(
        "lintgate: note: {} file(s) of the report are not in the repository and are ignored: {}{more}",
        unmatched.len(),
        examples.join(", ")
    );
}

fn check(args: CoverageCheckArgs) -> Result<Status, UsageError> {
    let context = Context::new(&args.input)?;
    let settings = &context.settings;
    let baseline =
        args.baseline.as_deref().map_or_else(|| settings.baseline.clone(), BaselineSource::parse);
    let env = |name: &str| std::env::var(name).ok();
    let checked = lintgate_coverage::check(&CheckRequest {
        reports: &context.reports,
        root: &context.root,
        cwd: &context.cwd,
        baseline: &baseline,
        since: args.since.as_deref(),
        settings,
        env: &env,
    })?;
    warn_unmatched(&checked.loaded.unmatched);
    for warning in &checked.warnings {
        eprintln!("lintgate: warning: {warning}");
    }
    let evaluation = &checked.evaluation;
    let report_path = context.reports[0].1.as_str();
    let located = findings::findings(evaluation, report_path, checked.baseline_missing.as_deref())
        .into_iter()
        .map(|f| ("coverage", f));
    let run = RunOutput {
        diagnostics: runner::place_all(
            &context.root,
            &context.root_settings,
            &BTreeMap::new(),
            located,
        ),
        checkers_ran: BTreeMap::from([("coverage".to_string(), evaluation.gates.len())]),
        ..RunOutput::default()
    };
    let options = ReportOptions {
        fail_on: lintgate_engine::diagnostic::Severity::Error,
        color: false,
        show_notes: false,
        statistics: false,
        quiet: false,
        fail_on_stale: false,
    };
    let render = |format: Format| match format {
        Format::Text => render::text(evaluation, settings.precision),
        Format::Junit => junit(evaluation, settings.precision),
        other => report::render(other, &run, &options),
    };
    crate::print_stdout(&render(args.format))?;
    let mut status = if evaluation.failed() { Status::Findings } else { Status::Clean };
    for target in &args.report {
        if let Err(e) = report::write_atomic(&target.path, &render(target.format)) {
            eprintln!("lintgate: error: cannot write report {}: {e}", target.path.display());
            status = Status::Error;
        }
    }
    Ok(status)
}

/// One test case per gate; a failed gate's text is its table.
fn junit(e: &Evaluation, precision: u32) -> String {
    let mut suite = TestSuite::new("coverage");
    for gate in &e.gates {
        let name = format!("coverage {} gate", gate.gate.name());
        let mut text = gate.summary.clone();
        let details = match gate.gate {
            Gate::Baseline | Gate::PerFile if !e.drops.is_empty() => render::drop_table(e),
            Gate::Diff => render::text(e, precision),
            _ => String::new(),
        };
        if !details.is_empty() {
            text = format!("{text}\n\n{details}");
        }
        let mut case = match gate.outcome {
            Outcome::Failed => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(gate.summary.as_str()).set_description(text);
                TestCase::new(name, status)
            }
            Outcome::Skipped => {
                let mut status = TestCaseStatus::skipped();
                status.set_message(gate.summary.as_str());
                TestCase::new(name, status)
            }
            Outcome::Passed => {
                let mut case = TestCase::new(name, TestCaseStatus::success());
                case.set_system_out(text);
                case
            }
        };
        case.set_classname("coverage");
        suite.add_test_case(case);
    }
    let mut report = Report::new("lintgate coverage");
    report.add_test_suite(suite);
    report.to_string().expect("a report of strings always serializes")
}

fn baseline(args: CoverageBaselineArgs) -> Result<Status, UsageError> {
    let context = Context::new(&args.input)?;
    let loaded = context.load()?;
    let format = loaded.format.map_or("unknown", |f| f.name());
    let baseline = lintgate_coverage::baseline::Baseline::from_coverage(
        &loaded.coverage,
        lintgate_coverage::head_commit(&context.root),
        format,
    );
    write(&context.cwd, &args.output, &baseline.to_json())?;
    let totals = loaded.coverage.totals();
    eprintln!(
        "lintgate: wrote the baseline of {} files ({} of {} lines covered) to {}",
        loaded.coverage.files.len(),
        totals.covered,
        totals.measured,
        args.output.display()
    );
    Ok(Status::Clean)
}

fn convert(args: CoverageConvertArgs) -> Result<Status, UsageError> {
    let context = Context::new(&args.input)?;
    let loaded = context.load()?;
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let xml = convert::to_cobertura(&loaded.coverage, timestamp);
    if xml.len() > convert::GITLAB_MAX_BYTES {
        eprintln!(
            "lintgate: warning: the Cobertura report is {} bytes; GitLab ignores coverage reports over {} bytes",
            xml.len(),
            convert::GITLAB_MAX_BYTES
        );
    }
    write(&context.cwd, &args.output, &xml)?;
    Ok(Status::Clean)
}

fn write(cwd: &Path, path: &Path, content: &str) -> Result<(), UsageError> {
    report::write_atomic(&absolute(cwd, path), content)
        .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))
}
