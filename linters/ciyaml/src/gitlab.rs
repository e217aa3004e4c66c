//! GitLab CI: jobs resolved as GitLab does (`extends` with deep merge,
//! `default:`, `inherit:`, `!reference`, anchors and merge keys), and the
//! scripts each job runs.

use std::collections::{HashMap, HashSet};

use lintgate_shell::Dialect;

use crate::script::Script;
use crate::yaml::{Document, Entry, Node, Value, YamlProblem};

pub const UNKNOWN_TARGET: &str = "LG302";
pub const MISSING_INCLUDE: &str = "LG304";
pub const CIRCULAR_EXTENDS: &str = "LG303";
pub const SCRIPT_ITEM_NOT_STRING: &str = "LG305";
pub const JOB_WITHOUT_SCRIPT: &str = "LG306";
pub const REFERENCE_IN_BLOCK: &str = "LG308";
pub const AFTER_SCRIPT_VARIABLE: &str = "LG309";

/// Top-level keys that are not jobs.
pub const GLOBAL_KEYWORDS: &[&str] = &[
    "default",
    "include",
    "stages",
    "variables",
    "workflow",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
    "spec",
];

/// GitLab's limit on `extends` depth.
const MAX_EXTENDS_DEPTH: usize = 11;
/// GitLab's limit on nested `!reference`.
const MAX_REFERENCE_DEPTH: usize = 10;

/// Which shell runs GitLab job scripts (`[ci] gitlab-shell`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShellChoice {
    Bash,
    Sh,
    /// `sh` for images without bash (alpine, busybox, distroless), else bash.
    Auto,
}

/// One script as a runner runs it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub job: String,
    /// Which script of the job: `script` (with `before_script`),
    /// `after_script`, `pre_get_sources_script`, or `run` (a GitHub step).
    pub kind: &'static str,
    pub script: Script,
    pub dialect: Dialect,
    pub defined: HashSet<String>,
}

pub struct Extraction {
    pub units: Vec<Unit>,
    pub problems: Vec<YamlProblem>,
    /// Templates of included files that this file's jobs use.
    pub used_included: HashSet<String>,
    /// Findings not reported because an include that was not read may
    /// define what they found missing.
    pub withheld: usize,
}

/// A file pulled in with `include: local`, parsed.
pub struct Included {
    pub doc: Document,
    pub path: std::path::PathBuf,
    pub text: String,
    /// Its number in source maps (the including file is 0).
    pub source: u32,
}

/// The `include: local` paths of a CI file (a string, `local:`, or a list
/// of either), with the span of each, for the caller to load; and how many
/// other includes (remote, project, template, component) there are.
pub fn local_includes(doc: &Document) -> (Vec<(String, std::ops::Range<usize>)>, usize) {
    let Some(include) = doc.get(&doc.root, "include") else { return (Vec::new(), 0) };
    let items = match &include.value {
        Value::Sequence(items) => items.clone(),
        _ => vec![include.clone()],
    };
    let mut paths = Vec::new();
    let mut others = 0;
    for item in items {
        let Some(item) = doc.resolve(&item) else { continue };
        let local = match &item.value {
            // A bare string is local unless it is a URL.
            Value::Scalar(s) if !s.text.contains("://") => Some(item.clone()),
            Value::Mapping(_) => doc.get(&item, "local"),
            _ => None,
        };
        match local.as_ref().and_then(|l| l.as_str().map(|p| (p.to_string(), l.span.clone()))) {
            Some(path) => paths.push(path),
            None => others += 1,
        }
    }
    (paths, others)
}

/// Jobs and scripts of a CI file. Templates from `included` files satisfy
/// `extends` and `!reference`, but only their settings are merged, not their
/// script text, which is checked (at its own positions) in its own file.
pub fn extract(doc: &Document, shell: ShellChoice) -> Extraction {
    extract_with(doc, &[], true, shell, &[])
}

/// `complete`: every include was read, so a name not found is missing
/// (otherwise such findings are withheld and counted). `overrides`: (offset
/// of a job key, shell) from `# lintgate: shell=sh` comments above jobs.
pub fn extract_with(
    doc: &Document,
    included: &[Included],
    complete: bool,
    shell: ShellChoice,
    overrides: &[(usize, Dialect)],
) -> Extraction {
    let mut gitlab = GitLab {
        doc,
        root: doc.entries(&doc.root),
        included,
        complete,
        withheld: HashSet::new(),
        problems: Vec::new(),
        resolved: HashMap::new(),
        expanding: Vec::new(),
        used_included: Default::default(),
    };
    let mut units = Vec::new();
    let global_vars = gitlab.variable_names(gitlab.top("variables").as_ref());
    let default = gitlab.top("default");
    for entry in gitlab.root.clone() {
        if GLOBAL_KEYWORDS.contains(&entry.key.as_str()) {
            continue;
        }
        let Some(raw) = doc.resolve(&entry.value) else { continue };
        if !matches!(raw.value, Value::Mapping(_)) {
            continue;
        }
        let Some(job) = gitlab.resolve_job(&entry, 0, &mut Vec::new()) else { continue };
        let inherited = |key: &str| inherits_default(doc, &job, key);
        let from_job_or_default = |key: &str| {
            doc.get(&job, key).or_else(|| {
                default.as_ref().filter(|_| inherited(key)).and_then(|d| doc.get(d, key))
            })
        };
        let mut defined = global_vars.clone();
        defined.extend(gitlab.variable_names(doc.get(&job, "variables").as_ref()));
        let image = from_job_or_default("image")
            .or_else(|| gitlab.top("image").filter(|_| inherited("image")));
        let overridden =
            overrides.iter().find(|(at, _)| *at == entry.key_span.start).map(|(_, d)| *d);
        let dialect = overridden.unwrap_or_else(|| dialect_for(doc, image.as_ref(), shell));
        let hidden = entry.key.starts_with('.');
        let has_script = doc.get(&job, "script").is_some();
        if !hidden
            && !has_script
            && doc.get(&job, "trigger").is_none()
            && doc.get(&job, "run").is_none()
        {
            // An include that was not read may define this job's script.
            gitlab.report(YamlProblem {
                code: JOB_WITHOUT_SCRIPT,
                message: format!("job `{}` has no `script` (nor `trigger` or `run`) after `extends` and `default`", entry.key),
                span: entry.key_span.clone(),
            });
        }
        let mut main = Script::default();
        if let Some(before) = from_job_or_default("before_script")
            .or_else(|| gitlab.top("before_script").filter(|_| inherited("before_script")))
        {
            gitlab.items(&before, &mut main, 0);
        }
        if let Some(script) = doc.get(&job, "script") {
            gitlab.items(&script, &mut main, 0);
        }
        let mut after = Script::default();
        if let Some(node) = from_job_or_default("after_script")
            .or_else(|| gitlab.top("after_script").filter(|_| inherited("after_script")))
        {
            gitlab.items(&node, &mut after, 0);
        }
        let mut hook = Script::default();
        if let Some(hooks) = from_job_or_default("hooks")
            && let Some(node) = doc.get(&hooks, "pre_get_sources_script")
        {
            gitlab.items(&node, &mut hook, 0);
        }
        gitlab.after_script_variables(&entry.key, &main, &after, &defined);
        for (kind, mut script) in
            [("script", main), ("after_script", after), ("pre_get_sources_script", hook)]
        {
            if script.is_empty() {
                continue;
            }
            script.mask_templates();
            units.push(Unit {
                job: entry.key.clone(),
                kind,
                script,
                dialect,
                defined: defined.clone(),
            });
        }
    }
    Extraction {
        units,
        withheld: gitlab.withheld.len(),
        problems: gitlab.problems,
        used_included: gitlab.used_included.into_inner(),
    }
}

struct GitLab<'d> {
    doc: &'d Document,
    root: Vec<Entry>,
    included: &'d [Included],
    complete: bool,
    /// Findings held back (code and position, each once).
    withheld: HashSet<(&'static str, usize)>,
    problems: Vec<YamlProblem>,
    /// Jobs with `extends` resolved, by name: each is worked out once, so
    /// templates extended many times (diamonds) stay linear.
    resolved: HashMap<String, Option<Node>>,
    /// The `!reference` paths being expanded, to stop self-references.
    expanding: Vec<Vec<String>>,
    used_included: std::cell::RefCell<HashSet<String>>,
}

/// The longest script assembled from references; beyond it, items are dropped.
const MAX_SCRIPT_LEN: usize = 1 << 20;

impl GitLab<'_> {
    /// Records a finding that something is missing, or holds it back when
    /// an include that was not read may define it.
    fn report(&mut self, problem: YamlProblem) {
        if self.complete {
            self.problems.push(problem);
        } else {
            self.withheld.insert((problem.code, problem.span.start));
        }
    }

    fn top(&self, key: &str) -> Option<Node> {
        self.root.iter().find(|e| e.key == key).and_then(|e| self.doc.resolve(&e.value))
    }

    fn variable_names(&self, variables: Option<&Node>) -> HashSet<String> {
        variables
            .map(|v| self.doc.entries(v).into_iter().map(|e| e.key).collect())
            .unwrap_or_default()
    }

    /// The job with its `extends` chain merged in (parents first, the job last).
    fn resolve_job(
        &mut self,
        entry: &Entry,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Node> {
        let doc = self.doc;
        if let Some(done) = self.resolved.get(&entry.key) {
            return done.clone();
        }
        let raw = doc.resolve(&entry.value)?;
        if stack.contains(&entry.key) || depth > MAX_EXTENDS_DEPTH {
            self.problems.push(YamlProblem {
                code: CIRCULAR_EXTENDS,
                message: format!(
                    "`extends` of `{}` is circular or deeper than {MAX_EXTENDS_DEPTH} levels",
                    entry.key
                ),
                span: entry.key_span.clone(),
            });
            return None;
        }
        // A job an included file defines under the same name is merged
        // first, as GitLab merges includes before `extends`: this file's keys
        // override it, and its `extends` holds unless this file sets one.
        let overridden = self.included_job(&entry.key);
        let mut parents: Vec<(String, std::ops::Range<usize>)> =
            match doc.get(&raw, "extends").map(|n| n.value) {
                Some(Value::Scalar(name)) => {
                    let span = doc.get(&raw, "extends").map_or(raw.span.clone(), |n| n.span);
                    vec![(name.text, span)]
                }
                Some(Value::Sequence(items)) => items
                    .iter()
                    .filter_map(|i| doc.resolve(i))
                    .filter_map(|i| i.as_str().map(|s| (s.to_string(), i.span.clone())))
                    .collect(),
                _ => Vec::new(),
            };
        if parents.is_empty() && overridden.is_some() {
            parents = self
                .included_parents(&entry.key)
                .into_iter()
                .map(|p| (p, entry.key_span.clone()))
                .collect();
        }
        let mut merged =
            Node { value: Value::Mapping(Vec::new()), span: raw.span.clone(), tag: None };
        stack.push(entry.key.clone());
        for (parent, span) in parents {
            let Some(parent_entry) = self.root.iter().find(|e| e.key == parent).cloned() else {
                if let Some(template) = self.included_job(&parent) {
                    merged = deep_merge(doc, &merged, &template);
                    continue;
                }
                self.report(YamlProblem {
                    code: UNKNOWN_TARGET,
                    message: format!(
                        "`extends` names `{parent}`, which is not defined in this file"
                    ),
                    span,
                });
                continue;
            };
            if let Some(parent_job) = self.resolve_job(&parent_entry, depth + 1, stack) {
                merged = deep_merge(doc, &merged, &parent_job);
            }
        }
        stack.pop();
        if let Some(overridden) = overridden {
            merged = deep_merge(doc, &merged, &overridden);
        }
        let job = Some(deep_merge(doc, &merged, &raw));
        self.resolved.insert(entry.key.clone(), job.clone());
        job
    }

    /// Appends the items of a script node: a string, a list (nested lists
    /// are flattened), or `!reference [.job, key, ...]`.
    fn items(&mut self, node: &Node, script: &mut Script, depth: usize) {
        let doc = self.doc;
        let Some(node) = doc.resolve(node) else { return };
        if script.text.len() > MAX_SCRIPT_LEN {
            if !self.problems.iter().any(|p| p.code == crate::yaml::ALIAS_LIMIT) {
                self.problems.push(YamlProblem {
                    code: crate::yaml::ALIAS_LIMIT,
                    message: format!("a script expands to more than {} MiB (through anchors or references); the rest is not checked", MAX_SCRIPT_LEN >> 20),
                    span: node.span.clone(),
                });
            }
            return;
        }
        if node.tag.as_deref() == Some("!reference") {
            let path = reference_path(doc, &node);
            if self.expanding.contains(&path) {
                self.problems.push(YamlProblem {
                    code: CIRCULAR_EXTENDS,
                    message: format!("`!reference [{}]` refers to itself", path.join(", ")),
                    span: node.span.clone(),
                });
                return;
            }
            if let Some(target) = self.reference(&node, depth) {
                self.expanding.push(path);
                self.items(&target, script, depth + 1);
                self.expanding.pop();
            }
            return;
        }
        match &node.value {
            Value::Scalar(decoded) => {
                // Problems in included text are reported in that file.
                if matches!(decoded.style, crate::yaml::Style::Literal | crate::yaml::Style::Folded)
                    && let Some(at) = decoded.text.find("!reference [")
                    && decoded.map.source_of(at) == 0
                {
                    self.problems.push(YamlProblem {
                        code: REFERENCE_IN_BLOCK,
                        message: "`!reference` inside a block scalar is plain text: GitLab does not expand it here".into(),
                        span: decoded.map.file_range(at..at + "!reference".len()),
                    });
                }
                script.push(decoded);
            }
            Value::Sequence(items) => {
                for item in items {
                    self.items(item, script, depth);
                }
            }
            Value::Null => {}
            Value::Mapping(_) | Value::Alias(_) if source_of(&node) == 0 => {
                self.problems.push(YamlProblem {
                    code: SCRIPT_ITEM_NOT_STRING,
                    message:
                        "a script item must be a string (or a list of strings); GitLab rejects this"
                            .into(),
                    span: node.span.clone(),
                })
            }
            Value::Mapping(_) | Value::Alias(_) => {}
        }
    }

    /// The node a `!reference [.job, key, ...]` names.
    fn reference(&mut self, node: &Node, depth: usize) -> Option<Node> {
        let doc = self.doc;
        if !matches!(node.value, Value::Sequence(_)) {
            return None;
        }
        let path = reference_path(doc, node);
        let unknown = |gitlab: &mut Self| {
            gitlab.report(YamlProblem {
                code: UNKNOWN_TARGET,
                message: format!(
                    "`!reference [{}]` names something not defined in this file",
                    path.join(", ")
                ),
                span: node.span.clone(),
            });
            None
        };
        if depth > MAX_REFERENCE_DEPTH {
            return unknown(self);
        }
        let Some((job, keys)) = path.split_first() else { return unknown(self) };
        let local = self.root.iter().find(|e| &e.key == job).cloned();
        let mut current = match local {
            Some(entry) => self.resolve_job(&entry, 0, &mut Vec::new())?,
            None => match self.included_job(job) {
                Some(template) => template,
                None => return unknown(self),
            },
        };
        for key in keys {
            match doc.get(&current, key) {
                Some(next) => current = next,
                None => return unknown(self),
            }
        }
        Some(current)
    }
}

impl GitLab<'_> {
    /// LG309: `after_script` runs in a new shell, so a variable that only
    /// `script` (or `before_script`) set is empty there.
    fn after_script_variables(
        &mut self,
        job: &str,
        main: &Script,
        after: &Script,
        defined: &HashSet<String>,
    ) {
        if after.is_empty() || main.is_empty() {
            return;
        }
        let (set_in_main, _) = lintgate_shell::variable_usage(&main.text);
        let (set_in_after, references) = lintgate_shell::variable_usage(&after.text);
        for (name, range) in references {
            let here = after.map.source_of(range.start) == 0;
            if here
                && set_in_main.contains(&name)
                && !set_in_after.contains(&name)
                && !defined.contains(&name)
            {
                self.problems.push(YamlProblem {
                    code: AFTER_SCRIPT_VARIABLE,
                    message: format!("`${name}` is set in the `script` of job `{job}`, but `after_script` runs in a new shell where it is not set"),
                    span: after.map.file_range(range),
                });
            }
        }
    }

    /// The `extends` names of the job `name` of an included file.
    fn included_parents(&self, name: &str) -> Vec<String> {
        for included in self.included {
            let idoc = &included.doc;
            let Some(entry) = idoc.entries(&idoc.root).into_iter().find(|e| e.key == name) else {
                continue;
            };
            let Some(job) = idoc.resolve(&entry.value) else { return Vec::new() };
            return match idoc.get(&job, "extends").and_then(|n| idoc.resolve(&n)).map(|n| n.value) {
                Some(Value::Scalar(parent)) => vec![parent.text],
                Some(Value::Sequence(items)) => items
                    .iter()
                    .filter_map(|i| idoc.resolve(i))
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            };
        }
        Vec::new()
    }

    /// A job of an included file, fully resolved there (its aliases and
    /// merge keys). Its script text keeps its source number, so findings in
    /// it are reported in that file.
    fn included_job(&self, name: &str) -> Option<Node> {
        for included in self.included {
            let idoc = &included.doc;
            let Some(entry) = idoc.entries(&idoc.root).into_iter().find(|e| e.key == name) else {
                continue;
            };
            let job = idoc.resolve(&entry.value)?;
            self.used_included.borrow_mut().insert(name.to_string());
            let entries: Vec<Entry> = idoc
                .entries(&job)
                .into_iter()
                .filter(|e| e.key != "extends")
                .map(|e| Entry { value: deep_resolve(idoc, &e.value, 0), ..e })
                .collect();
            return Some(Node { value: Value::Mapping(entries), span: 0..0, tag: None });
        }
        None
    }
}

/// GitLab's `extends` merge: mappings merge key by key (recursively),
/// anything else in `over` replaces what `base` has.
fn deep_merge(doc: &Document, base: &Node, over: &Node) -> Node {
    let mut entries = doc.entries(base);
    for entry in doc.entries(over) {
        match entries.iter_mut().find(|e| e.key == entry.key) {
            Some(existing) => {
                let both_mappings = [&existing.value, &entry.value]
                    .iter()
                    .all(|n| doc.resolve(n).is_some_and(|r| matches!(r.value, Value::Mapping(_))));
                existing.value = if both_mappings {
                    deep_merge(doc, &existing.value, &entry.value)
                } else {
                    entry.value
                };
                existing.key_span = entry.key_span;
            }
            None => entries.push(entry),
        }
    }
    Node { value: Value::Mapping(entries), span: over.span.clone(), tag: None }
}

/// `inherit: default: false` (or a list that leaves `key` out) stops
/// `default:` from applying.
fn inherits_default(doc: &Document, job: &Node, key: &str) -> bool {
    let Some(inherit) = doc.get(job, "inherit") else { return true };
    match doc.get(&inherit, "default").map(|d| d.value) {
        Some(Value::Scalar(flag)) => !flag.text.eq_ignore_ascii_case("false"),
        Some(Value::Sequence(keys)) => keys.iter().any(|k| k.as_str() == Some(key)),
        _ => true,
    }
}

fn dialect_for(doc: &Document, image: Option<&Node>, shell: ShellChoice) -> Dialect {
    match shell {
        ShellChoice::Bash => Dialect::Bash,
        ShellChoice::Sh => Dialect::Sh,
        ShellChoice::Auto => {
            let name = image.and_then(|i| {
                i.as_str()
                    .map(String::from)
                    .or_else(|| doc.get(i, "name").and_then(|n| n.as_str().map(String::from)))
            });
            let without_bash = name
                .is_some_and(|n| ["alpine", "busybox", "distroless"].iter().any(|b| n.contains(b)));
            if without_bash { Dialect::Sh } else { Dialect::Bash }
        }
    }
}

/// The path of a `!reference [.job, key, ...]`.
fn reference_path(doc: &Document, node: &Node) -> Vec<String> {
    let Value::Sequence(path) = &node.value else { return Vec::new() };
    path.iter()
        .filter_map(|p| doc.resolve(p))
        .filter_map(|p| p.as_str().map(String::from))
        .collect()
}

/// `node` with every alias and merge key resolved, so it can be used
/// outside its document (templates from included files).
fn deep_resolve(doc: &Document, node: &Node, depth: usize) -> Node {
    let Some(node) = doc.resolve(node) else { return Node::null(0..0) };
    if depth > 64 {
        return node;
    }
    let value = match &node.value {
        Value::Mapping(_) => Value::Mapping(
            doc.entries(&node)
                .into_iter()
                .map(|e| Entry { value: deep_resolve(doc, &e.value, depth + 1), ..e })
                .collect(),
        ),
        Value::Sequence(items) => {
            Value::Sequence(items.iter().map(|i| deep_resolve(doc, i, depth + 1)).collect())
        }
        other => other.clone(),
    };
    Node { value, ..node }
}

/// The file a node's text comes from (0: the file being checked), from the
/// first scalar in it.
fn source_of(node: &Node) -> u32 {
    match &node.value {
        Value::Scalar(decoded) => decoded.map.source_of(0),
        Value::Sequence(items) => items.first().map_or(0, source_of),
        Value::Mapping(entries) => entries.first().map_or(0, |e| source_of(&e.value)),
        _ => 0,
    }
}
