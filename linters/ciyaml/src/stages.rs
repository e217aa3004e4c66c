//! What GitLab checks about stages and job order when it creates a
//! pipeline, beyond its schema: a job's `stage` is one of `stages`, and
//! `needs` and `dependencies` name jobs that exist and do not run in a
//! later stage.

use std::collections::HashMap;

use crate::gitlab::Included;
use crate::yaml::{Document, Node, Value, YamlProblem};

pub const UNKNOWN_STAGE: &str = "LG312";
pub const UNKNOWN_NEED: &str = "LG313";

/// GitLab's stages when `stages:` is not set.
const DEFAULT_STAGES: &[&str] = &["build", "test", "deploy"];

/// The pipeline's stages, in order, and each visible job's stage.
pub struct Pipeline {
    stages: Vec<String>,
    /// Job name → the index of its stage in `stages` (`None`: not one).
    jobs: HashMap<String, Option<usize>>,
}

impl Pipeline {
    /// `stages:` of the file, else of the last included file that sets
    /// it (GitLab merges includes first), else GitLab's default; `.pre`
    /// and `.post` always come first and last.
    pub fn stages(doc: &Document, included: &[Included]) -> Vec<String> {
        let listed = |d: &Document| {
            let node = d.get(&d.root, "stages")?;
            let Value::Sequence(items) = &node.value else { return None };
            Some(items.iter().filter_map(|i| d.resolve(i)?.as_str().map(String::from)).collect())
        };
        let own: Option<Vec<String>> = listed(doc);
        let named = own
            .or_else(|| included.iter().rev().find_map(|i| listed(&i.doc)))
            .unwrap_or_else(|| DEFAULT_STAGES.iter().map(|s| s.to_string()).collect());
        let mut stages = vec![".pre".to_string()];
        stages.extend(named.into_iter().filter(|s| s != ".pre" && s != ".post"));
        stages.push(".post".to_string());
        stages
    }

    /// `jobs`: (name, resolved job) of every visible job of the pipeline.
    pub fn new(stages: Vec<String>, jobs: Vec<(String, Option<String>)>) -> Pipeline {
        let jobs = jobs
            .into_iter()
            .map(|(name, stage)| {
                let stage = stage.unwrap_or_else(|| "test".to_string());
                let index = stages.iter().position(|s| *s == stage);
                (name, index)
            })
            .collect();
        Pipeline { stages, jobs }
    }

    /// The problems of one visible job (`key_span`: its key).
    pub fn check(&self, doc: &Document, name: &str, job: &Node) -> Vec<YamlProblem> {
        let mut problems = Vec::new();
        let own = self.jobs.get(name).copied().flatten();
        // `$[[ inputs.x ]]` is replaced before GitLab builds the pipeline.
        let interpolated = |text: &str| text.contains("$[[");
        if let Some(stage) = doc.get(job, "stage")
            && let Some(text) = stage.as_str()
            && !interpolated(text)
            && !self.stages.iter().any(|s| s == text)
        {
            problems.push(YamlProblem {
                code: UNKNOWN_STAGE,
                message: format!(
                    "job `{name}` is in stage `{text}`, which is not in `stages` ({})",
                    self.stages.join(", ")
                ),
                span: stage.span.clone(),
            });
        }
        for keyword in ["needs", "dependencies"] {
            let Some(list) = doc.get(job, keyword) else { continue };
            let Value::Sequence(items) = &list.value else { continue };
            for item in items.iter().filter_map(|i| doc.resolve(i)) {
                let Some((target, span)) = needed_job(doc, &item) else { continue };
                if interpolated(&target) {
                    continue;
                }
                let problem = match self.jobs.get(&target) {
                    None => {
                        format!("`{keyword}` names job `{target}`, which is not in the pipeline")
                    }
                    Some(&Some(theirs)) if own.is_some_and(|own| theirs > own) => format!(
                        "`{keyword}` names job `{target}`, which runs in a later stage (`{}`)",
                        self.stages[theirs]
                    ),
                    Some(_) => continue,
                };
                problems.push(YamlProblem { code: UNKNOWN_NEED, message: problem, span });
            }
        }
        problems
    }
}

/// The job a `needs`/`dependencies` entry names in this pipeline: a plain
/// name or `job:`; none for an optional need or another pipeline's job.
fn needed_job(doc: &Document, item: &Node) -> Option<(String, std::ops::Range<usize>)> {
    match &item.value {
        Value::Scalar(_) => Some((item.as_str()?.to_string(), item.span.clone())),
        Value::Mapping(_) => {
            let other_pipeline = ["project", "pipeline"].iter().any(|k| doc.get(item, k).is_some());
            let optional = doc.get(item, "optional").and_then(|o| o.as_str().map(|s| s == "true"));
            if other_pipeline || optional == Some(true) {
                return None;
            }
            let job = doc.get(item, "job")?;
            Some((job.as_str()?.to_string(), job.span.clone()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::gitlab::{Scope, ShellChoice, extract_with};

    fn problems(text: &str, scope: Scope) -> Vec<(String, String)> {
        let doc = crate::yaml::parse(text);
        let extraction = extract_with(&doc, &[], scope, ShellChoice::Auto, &[]);
        extraction
            .problems
            .into_iter()
            .filter(|p| p.code.starts_with("LG31"))
            .map(|p| (text[p.span].to_string(), p.message))
            .collect()
    }

    const ENTRY: Scope = Scope { complete: true, entry: true };

    #[test]
    fn stages_and_needs_are_checked_as_gitlab_creates_the_pipeline() {
        let text = "stages: [build, test]\n.t:\n  stage: test\nbuild:\n  stage: biuld\n  script: make\nunit:\n  extends: .t\n  needs: [build, lint, {job: deploy, optional: true}, {project: a/b, job: x, ref: main}]\n  script: make test\npackage:\n  stage: build\n  dependencies: [unit]\n  script: make pkg\n";
        let found = problems(text, ENTRY);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!(found[0].0, "biuld");
        assert!(
            found[0].1.contains("not in `stages` (.pre, build, test, .post)"),
            "{}",
            found[0].1
        );
        assert_eq!(found[1].0, "lint");
        assert!(found[1].1.contains("not in the pipeline"), "{}", found[1].1);
        assert_eq!(found[2].0, "unit");
        assert!(found[2].1.contains("runs in a later stage (`test`)"), "{}", found[2].1);
    }

    #[test]
    fn a_file_meant_to_be_included_or_with_unread_includes_is_not_judged() {
        let text = "lint:\n  stage: lint\n  needs: [build]\n  script: ruff check\n";
        assert_eq!(problems(text, Scope { complete: true, entry: false }), []);
        assert_eq!(problems(text, Scope { complete: false, entry: true }), []);
        assert_eq!(problems(text, ENTRY).len(), 2);
        let defaults =
            "build:\n  stage: build\n  script: a\ntest:\n  needs: [build]\n  script: b\n";
        assert_eq!(problems(defaults, ENTRY), [], "GitLab's default stages");
    }
}
