//! JUnit XML shaped for GitLab's test report widget, which shows the *text*
//! of `<failure>` (not its attributes), keys cases by classname + name and
//! keeps only the first of duplicates. So: classname = checker, a unique
//! stable name per finding, the readable finding in the element text, the
//! `file` attribute, and one passing case per checker that found nothing.

use std::collections::BTreeSet;

use lintgate_engine::diagnostic::Diagnostic;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::ReportOptions;
use crate::runner::RunOutput;

pub fn render(run: &RunOutput, options: &ReportOptions) -> String {
    let mut checkers: BTreeSet<&str> = run.checkers_ran.keys().map(String::as_str).collect();
    checkers.extend(run.diagnostics.iter().map(|d| d.checker.as_str()));
    let mut report = Report::new("lintgate");
    for checker in checkers {
        let mut suite = TestSuite::new(checker);
        let findings: Vec<&Diagnostic> =
            run.diagnostics.iter().filter(|d| d.checker == checker).collect();
        if findings.is_empty() {
            let files = run.checkers_ran.get(checker).copied().unwrap_or(0);
            let mut case = TestCase::new("no findings", TestCaseStatus::success());
            case.set_classname(checker);
            case.set_system_out(format!("{checker}: no findings in {files} file(s)"));
            suite.add_test_case(case);
        }
        for d in findings {
            suite.add_test_case(test_case(d, options));
        }
        report.add_test_suite(suite);
    }
    report.to_string().expect("a report of strings always serializes")
}

/// The name GitLab keys the case by: unique (the fingerprint is) and stable
/// while the finding stays on its line.
pub fn test_name(d: &Diagnostic) -> String {
    format!("{} {}:{} [{}]", d.code, d.path, d.start.line, d.fingerprint)
}

fn test_case(d: &Diagnostic, options: &ReportOptions) -> TestCase {
    let text = format!(
        "{}:{}:{}: {}[{}] {}\n{}",
        d.path,
        d.start.line,
        d.start.column,
        d.severity,
        d.code,
        d.message,
        d.line_text.trim_end()
    );
    let mut case = if d.severity >= options.fail_on {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status.set_message(d.message.as_str()).set_type(d.code.as_str()).set_description(text);
        TestCase::new(test_name(d), status)
    } else {
        // Below the fail level: reported, but not a failure of the run.
        let mut case = TestCase::new(test_name(d), TestCaseStatus::success());
        case.set_system_out(text);
        case
    };
    case.set_classname(d.checker.as_str());
    case.extra.insert("file".into(), d.path.as_str().into());
    case
}
