//! Online link checking (`lint --online`, `[markdown] check-urls`): every
//! http(s) link and image of the Markdown files, each distinct URL fetched
//! once per run, concurrently with a per-host limit. A URL that does not
//! answer with success is LG404; one that moved permanently is LG405.

mod extract;
mod fetch;
mod hosts;
mod settings;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use lintgate_engine::checker::{
    BatchChecker, BatchFile, BatchOutput, CheckerError, LocatedFinding,
};
use lintgate_engine::diagnostic::{Note, Severity};
use lintgate_engine::kind::FileKind;

pub use fetch::Outcome;
pub use settings::UrlSettings;

pub struct UrlChecker {
    settings: UrlSettings,
}

impl UrlChecker {
    pub fn new(settings: UrlSettings) -> UrlChecker {
        UrlChecker { settings }
    }
}

impl BatchChecker for UrlChecker {
    fn name(&self) -> &'static str {
        "urls"
    }

    fn handles(&self, file: &BatchFile) -> bool {
        file.kind == FileKind::Markdown
    }

    fn check_batch(&self, _root: &Path, files: &[BatchFile]) -> Result<BatchOutput, CheckerError> {
        let mut output = BatchOutput::default();
        let mut links = Vec::new();
        for file in files {
            match std::fs::read(&file.disk_path) {
                Ok(bytes) => {
                    links.extend(extract::links(&file.path, &String::from_utf8_lossy(&bytes)))
                }
                Err(e) => output.notes.push(Note::new(&file.path, format!("cannot read: {e}"))),
            }
        }
        let urls: BTreeSet<&str> = links
            .iter()
            .map(|link| link.url.as_str())
            .filter(|url| !self.settings.ignore.iter().any(|re| re.is_match(url)))
            .collect();
        let outcomes = check_all(&urls.into_iter().collect::<Vec<_>>(), &self.settings);
        for link in &links {
            let Some(outcome) = outcomes.get(link.url.as_str()) else { continue };
            let (code, severity, message) = match outcome {
                Outcome::Ok => continue,
                Outcome::Broken(reason) => {
                    ("LG404", Severity::Warning, format!("`{}` is broken: {reason}", link.url))
                }
                Outcome::Moved(to) => (
                    "LG405",
                    Severity::Info,
                    format!("`{}` has moved permanently to `{to}`", link.url),
                ),
            };
            output.findings.push(LocatedFinding {
                path: link.path.clone(),
                start: link.start,
                end: link.end,
                code: code.to_string(),
                severity,
                message,
            });
        }
        Ok(output)
    }
}

/// Fetches every URL once, `concurrency` at a time and at most `per_host`
/// at a time on one host.
pub fn check_all<'u>(urls: &[&'u str], settings: &UrlSettings) -> HashMap<&'u str, Outcome> {
    let agent = fetch::agent(settings.timeout);
    let hosts = hosts::HostLimits::new(settings.per_host);
    let next = AtomicUsize::new(0);
    let results = Mutex::new(HashMap::with_capacity(urls.len()));
    let workers = settings.concurrency.clamp(1, urls.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = fetch::check(&agent, url, settings, &hosts);
                    results.lock().unwrap_or_else(|e| e.into_inner()).insert(*url, outcome);
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}
