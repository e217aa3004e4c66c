//! `lintgate merge-reports`: the reports of N sharded jobs (`--shard K/N`)
//! as one, without duplicates, in the same format. Findings keep their
//! fingerprints (they are per file, and a file is in one shard), so the
//! merged report equals an unsharded run's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use quick_xml::events::Event;
use serde_json::Value;

use crate::args::{Format, MergeReportsArgs};
use crate::{Status, UsageError, report};

pub fn run(args: MergeReportsArgs) -> Result<Status, UsageError> {
    let mut texts = Vec::new();
    for path in &args.inputs {
        let text = std::fs::read_to_string(path)
            .map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))?;
        texts.push((path.clone(), text));
    }
    let merged = match args.format {
        Format::Json => json(&texts)?,
        Format::Codequality => codequality(&texts)?,
        Format::Sarif => sarif(&texts)?,
        Format::Junit => junit(&texts)?,
        other => {
            return Err(UsageError(format!(
                "merge-reports merges json, junit, codequality and sarif reports, not {other:?}"
            )));
        }
    };
    report::write_atomic(&args.output, &merged)
        .map_err(|e| UsageError(format!("cannot write {}: {e}", args.output.display())))?;
    Ok(Status::Clean)
}

fn parse_json(path: &Path, text: &str) -> Result<Value, UsageError> {
    serde_json::from_str(text)
        .map_err(|e| UsageError(format!("{}: not a JSON report: {e}", path.display())))
}

fn array<'a>(path: &Path, value: &'a Value, what: &str) -> Result<&'a Vec<Value>, UsageError> {
    value.as_array().ok_or_else(|| {
        UsageError(format!("{}: not a {what} report (expected a JSON array)", path.display()))
    })
}

/// lintgate's JSON: an array of findings, or `{diagnostics, notes}` with --show-notes.
fn json(texts: &[(PathBuf, String)]) -> Result<String, UsageError> {
    let mut findings: BTreeMap<(String, u64, u64, String, String), Value> = BTreeMap::new();
    let mut notes: BTreeSet<String> = BTreeSet::new();
    let mut with_notes = false;
    for (path, text) in texts {
        let value = parse_json(path, text)?;
        let list = match &value {
            Value::Object(object) => {
                with_notes = true;
                for note in object.get("notes").and_then(Value::as_array).into_iter().flatten() {
                    notes.insert(note.to_string());
                }
                array(path, object.get("diagnostics").unwrap_or(&Value::Null), "lintgate JSON")?
            }
            _ => array(path, &value, "lintgate JSON")?,
        };
        for finding in list {
            let field =
                |name: &str| finding.get(name).and_then(Value::as_str).unwrap_or("").to_string();
            let number = |name: &str| finding.get(name).and_then(Value::as_u64).unwrap_or(0);
            let key = (
                field("path"),
                number("line"),
                number("column"),
                field("code"),
                field("fingerprint"),
            );
            findings.entry(key).or_insert_with(|| finding.clone());
        }
    }
    let diagnostics: Vec<Value> = findings.into_values().collect();
    let value = if with_notes {
        let notes: Vec<Value> = notes.iter().filter_map(|n| serde_json::from_str(n).ok()).collect();
        serde_json::json!({ "diagnostics": diagnostics, "notes": notes })
    } else {
        Value::Array(diagnostics)
    };
    Ok(serde_json::to_string_pretty(&value).expect("JSON serializes") + "\n")
}

fn codequality(texts: &[(PathBuf, String)]) -> Result<String, UsageError> {
    let mut entries: BTreeMap<(String, u64, String), Value> = BTreeMap::new();
    for (path, text) in texts {
        let value = parse_json(path, text)?;
        for entry in array(path, &value, "Code Quality")? {
            let location = &entry["location"];
            let key = (
                location["path"].as_str().unwrap_or("").to_string(),
                location["lines"]["begin"].as_u64().unwrap_or(0),
                entry["fingerprint"].as_str().unwrap_or("").to_string(),
            );
            entries.entry(key).or_insert_with(|| entry.clone());
        }
    }
    let merged = Value::Array(entries.into_values().collect());
    Ok(serde_json::to_string_pretty(&merged).expect("JSON serializes") + "\n")
}

/// One run: the first report's tool, the union of rules (by id) and of
/// results (by rule, fingerprint and location), `ruleIndex` recomputed.
fn sarif(texts: &[(PathBuf, String)]) -> Result<String, UsageError> {
    let mut skeleton: Option<Value> = None;
    let mut rules: BTreeMap<String, Value> = BTreeMap::new();
    let mut results: BTreeMap<String, Value> = BTreeMap::new();
    for (path, text) in texts {
        let value = parse_json(path, text)?;
        let Some(run) = value["runs"].as_array().and_then(|runs| runs.first()) else {
            return Err(UsageError(format!("{}: not a SARIF report (no runs)", path.display())));
        };
        for rule in run["tool"]["driver"]["rules"].as_array().into_iter().flatten() {
            let id = rule["id"].as_str().unwrap_or("").to_string();
            rules.entry(id).or_insert_with(|| rule.clone());
        }
        for result in run["results"].as_array().into_iter().flatten() {
            let location = &result["locations"][0]["physicalLocation"];
            let key = format!(
                "{}\0{}\0{}\0{}",
                location["artifactLocation"]["uri"].as_str().unwrap_or(""),
                location["region"]["startLine"].as_u64().unwrap_or(0),
                result["ruleId"].as_str().unwrap_or(""),
                result["partialFingerprints"],
            );
            results.entry(key).or_insert_with(|| result.clone());
        }
        skeleton.get_or_insert(value);
    }
    let mut merged = skeleton.unwrap_or(Value::Null);
    let index: BTreeMap<&String, usize> = rules.keys().enumerate().map(|(i, id)| (id, i)).collect();
    let results: Vec<Value> = results
        .into_values()
        .map(|mut result| {
            let id = result["ruleId"].as_str().unwrap_or("").to_string();
            if let Some(i) = index.get(&id) {
                result["ruleIndex"] = Value::from(*i);
            }
            result
        })
        .collect();
    let run = &mut merged["runs"][0];
    run["results"] = Value::Array(results);
    run["tool"]["driver"]["rules"] = Value::Array(rules.into_values().collect());
    Ok(serde_json::to_string_pretty(&merged).expect("JSON serializes") + "\n")
}

/// One test case as read back from JUnit XML.
#[derive(Debug, Default, Clone)]
struct Case {
    name: String,
    classname: String,
    file: Option<String>,
    /// (element: failure/error/skipped, message, type, text)
    status: Option<(String, Option<String>, Option<String>, String)>,
    system_out: Option<String>,
}

fn junit(texts: &[(PathBuf, String)]) -> Result<String, UsageError> {
    let mut report_name = None;
    let mut suites: BTreeMap<String, BTreeMap<(String, String), Case>> = BTreeMap::new();
    for (path, text) in texts {
        let bad = |e: String| UsageError(format!("{}: not a JUnit report: {e}", path.display()));
        let mut reader = quick_xml::Reader::from_str(text);
        let mut suite = String::new();
        let mut case: Option<Case> = None;
        let mut open: Option<String> = None;
        let mut body = String::new();
        loop {
            let event = reader.read_event().map_err(|e| bad(e.to_string()))?;
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let attr = |name: &str| -> Option<String> {
                        e.try_get_attribute(name).ok().flatten().and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                    };
                    match e.local_name().as_ref() {
                        b"testsuites" => {
                            report_name
                                .get_or_insert(attr("name").unwrap_or_else(|| "lintgate".into()));
                        }
                        b"testsuite" => suite = attr("name").unwrap_or_default(),
                        b"testcase" => {
                            let new = Case {
                                name: attr("name").unwrap_or_default(),
                                classname: attr("classname").unwrap_or_default(),
                                file: attr("file"),
                                ..Case::default()
                            };
                            if matches!(event, Event::Empty(_)) {
                                insert(&mut suites, &suite, new);
                            } else {
                                case = Some(new);
                            }
                        }
                        tag @ (b"failure" | b"error" | b"skipped") => {
                            if let Some(case) = case.as_mut() {
                                let tag = String::from_utf8_lossy(tag).into_owned();
                                case.status = Some((
                                    tag.clone(),
                                    attr("message"),
                                    attr("type"),
                                    String::new(),
                                ));
                                if matches!(event, Event::Start(_)) {
                                    open = Some(tag);
                                    body.clear();
                                }
                            }
                        }
                        b"system-out" if matches!(event, Event::Start(_)) => {
                            open = Some("system-out".into());
                            body.clear();
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if open.is_some() => {
                    body.push_str(
                        &t.xml_content(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| bad(e.to_string()))?,
                    );
                }
                Event::GeneralRef(r) if open.is_some() => {
                    let name: &[u8] = r;
                    let c = match name {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    body.extend(c);
                }
                Event::CData(d) if open.is_some() => body.push_str(&String::from_utf8_lossy(d)),
                Event::End(e) => match e.local_name().as_ref() {
                    b"testcase" => {
                        if let Some(case) = case.take() {
                            insert(&mut suites, &suite, case);
                        }
                    }
                    b"failure" | b"error" | b"skipped" | b"system-out" => {
                        if let (Some(tag), Some(case)) = (open.take(), case.as_mut()) {
                            if tag == "system-out" {
                                case.system_out = Some(std::mem::take(&mut body));
                            } else if let Some(status) = case.status.as_mut() {
                                status.3 = std::mem::take(&mut body);
                            }
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let mut report = Report::new(report_name.unwrap_or_else(|| "lintgate".into()));
    for (name, cases) in suites {
        let mut suite = TestSuite::new(name.as_str());
        // A checker's "no findings" case from one shard is not true of the
        // merged run when another shard found something.
        let has_findings = cases
            .values()
            .any(|c| c.status.as_ref().is_some_and(|s| s.0 != "skipped") || c.file.is_some());
        for case in cases.into_values() {
            if has_findings && case.name == "no findings" {
                continue;
            }
            suite.add_test_case(to_case(case));
        }
        report.add_test_suite(suite);
    }
    Ok(report.to_string().expect("a report of strings always serializes"))
}

fn insert(
    suites: &mut BTreeMap<String, BTreeMap<(String, String), Case>>,
    suite: &str,
    case: Case,
) {
    let cases = suites.entry(suite.to_string()).or_default();
    cases.entry((case.classname.clone(), case.name.clone())).or_insert(case);
}

fn to_case(case: Case) -> TestCase {
    let status = match &case.status {
        None => TestCaseStatus::success(),
        Some((tag, message, kind, text)) => {
            let mut status = match tag.as_str() {
                "skipped" => TestCaseStatus::skipped(),
                "error" => TestCaseStatus::non_success(NonSuccessKind::Error),
                _ => TestCaseStatus::non_success(NonSuccessKind::Failure),
            };
            if let Some(message) = message {
                status.set_message(message.as_str());
            }
            if let Some(kind) = kind {
                status.set_type(kind.as_str());
            }
            if !text.is_empty() {
                status.set_description(text.as_str());
            }
            status
        }
    };
    let mut out = TestCase::new(case.name.as_str(), status);
    out.set_classname(case.classname.as_str());
    if let Some(file) = &case.file {
        out.extra.insert("file".into(), file.as_str().into());
    }
    if let Some(system_out) = &case.system_out {
        out.set_system_out(system_out.as_str());
    }
    out
}
