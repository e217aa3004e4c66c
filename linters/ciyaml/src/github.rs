//! GitHub Actions: the `run:` steps of workflows and composite actions,
//! with the shell each one runs in and the `env:` names it sees.

use std::collections::HashSet;

use lintgate_shell::Dialect;

use crate::gitlab::Unit;
use crate::script::Script;
use crate::yaml::{Document, Node};

/// The `run:` steps of a workflow (`jobs.*.steps`) or a composite action
/// (`runs.steps`). Steps for PowerShell, Python, cmd or Windows runners are
/// skipped.
pub fn extract(doc: &Document) -> Vec<Unit> {
    let root = &doc.root;
    let env = env_names(doc, Some(root));
    let workflow_shell = defaults_shell(doc, Some(root));
    let mut units = Vec::new();
    if let Some(runs) = doc.get(root, "runs") {
        steps(doc, "action", doc.get(&runs, "steps"), None, false, &env, &mut units);
    }
    let Some(jobs) = doc.get(root, "jobs") else { return units };
    for job in doc.entries(&jobs) {
        let Some(job_node) = doc.resolve(&job.value) else { continue };
        let windows = doc
            .get(&job_node, "runs-on")
            .map(|r| format!("{:?}", r.value).to_lowercase().contains("windows"))
            .unwrap_or(false);
        let mut job_env = env.clone();
        job_env.extend(env_names(doc, Some(&job_node)));
        let shell = defaults_shell(doc, Some(&job_node)).or(workflow_shell.clone());
        steps(doc, &job.key, doc.get(&job_node, "steps"), shell, windows, &job_env, &mut units);
    }
    units
}

fn steps(
    doc: &Document,
    job: &str,
    steps: Option<Node>,
    default_shell: Option<String>,
    windows: bool,
    env: &HashSet<String>,
    units: &mut Vec<Unit>,
) {
    let Some(steps) = steps else { return };
    let Some(crate::yaml::Value::Sequence(items)) = doc.resolve(&steps).map(|s| s.value) else {
        return;
    };
    for step in items {
        let Some(run) = doc.get(&step, "run") else { continue };
        let Some(crate::yaml::Value::Scalar(decoded)) = Some(run.value) else { continue };
        let shell = doc
            .get(&step, "shell")
            .and_then(|s| s.as_str().map(String::from))
            .or(default_shell.clone());
        let dialect = match shell.as_deref().map(|s| s.split_whitespace().next().unwrap_or(s)) {
            None if windows => continue,
            None | Some("bash") => Dialect::Bash,
            Some("sh") => Dialect::Sh,
            Some(_) => continue,
        };
        let mut script = Script::default();
        script.push(&decoded);
        script.mask_templates();
        let mut defined = env.clone();
        defined.extend(env_names(doc, Some(&step)));
        units.push(Unit { job: job.to_string(), kind: "run", script, dialect, defined });
    }
}

fn env_names(doc: &Document, node: Option<&Node>) -> HashSet<String> {
    node.and_then(|n| doc.get(n, "env"))
        .map(|e| doc.entries(&e).into_iter().map(|e| e.key).collect())
        .unwrap_or_default()
}

/// `defaults: run: shell:` of a workflow or job.
fn defaults_shell(doc: &Document, node: Option<&Node>) -> Option<String> {
    let defaults = doc.get(node?, "defaults")?;
    let run = doc.get(&defaults, "run")?;
    doc.get(&run, "shell").and_then(|s| s.as_str().map(String::from))
}
