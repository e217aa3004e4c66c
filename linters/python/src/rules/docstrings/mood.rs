//! D401's word lists: the imperative verbs whose other forms (`Returns`,
//! `Returned`) the first word must not be, and the words that show a
//! docstring is not in the imperative mood at all (`This`, `Helper`).
//!
//! The words are pydocstyle 6.3's (its `data/imperatives.txt` and
//! `data/imperatives_blacklist.txt`, MIT licence, copyright the pydocstyle
//! authors), written out here so that lintgate reports what pydocstyle
//! reports; the code that uses them is lintgate's own.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::stem::stem;

/// Verbs in the imperative form.
#[rustfmt::skip]
const IMPERATIVES: &[&str] = &[
    "accept", "access", "add", "adjust", "aggregate", "allow", "append", "apply", "archive",
    "assert", "assign", "attempt", "authenticate", "authorize", "break", "build", "cache",
    "calculate", "call", "cancel", "capture", "change", "check", "clean", "clear", "close",
    "collect", "combine", "commit", "compare", "compute", "configure", "confirm", "connect",
    "construct", "control", "convert", "copy", "count", "create", "customize", "declare", "decode",
    "decorate", "define", "delegate", "delete", "deprecate", "derive", "describe", "detect",
    "determine", "display", "download", "drop", "dump", "emit", "empty", "enable", "encapsulate",
    "encode", "end", "ensure", "enumerate", "establish", "evaluate", "examine", "execute", "exit",
    "expand", "expect", "export", "extend", "extract", "feed", "fetch", "fill", "filter",
    "finalize", "find", "fire", "fix", "flag", "force", "format", "forward", "generate", "get",
    "give", "go", "group", "handle", "help", "hold", "identify", "implement", "import", "indicate",
    "init", "initialise", "initialize", "initiate", "input", "insert", "instantiate", "intercept",
    "invoke", "iterate", "join", "keep", "launch", "list", "listen", "load", "log", "look", "make",
    "manage", "manipulate", "map", "mark", "match", "merge", "mock", "modify", "monitor", "move",
    "normalize", "note", "obtain", "open", "output", "override", "overwrite", "package", "pad",
    "parse", "partial", "pass", "perform", "persist", "pick", "plot", "poll", "populate", "post",
    "prepare", "print", "process", "produce", "provide", "publish", "pull", "put", "query",
    "raise", "read", "record", "refer", "refresh", "register", "reload", "remove", "rename",
    "render", "replace", "reply", "report", "represent", "request", "require", "reset", "resolve",
    "retrieve", "return", "roll", "rollback", "round", "run", "sample", "save", "scan", "search",
    "select", "send", "serialise", "serialize", "serve", "set", "show", "simulate", "source",
    "specify", "split", "start", "step", "stop", "store", "strip", "submit", "subscribe", "sum",
    "swap", "sync", "synchronise", "synchronize", "take", "tear", "test", "time", "transform",
    "translate", "transmit", "truncate", "try", "turn", "tweak", "update", "upload", "use",
    "validate", "verify", "view", "wait", "walk", "wrap", "write", "yield",
];

/// First words that are never imperative.
#[rustfmt::skip]
const NOT_IMPERATIVE: &[&str] = &[
    "a", "action", "always", "an", "api", "base", "basic", "business", "calculation", "callback",
    "collection", "common", "constructor", "convenience", "convenient", "current", "currently",
    "custom", "data", "default", "deprecated", "description", "dict", "dictionary", "does",
    "dummy", "example", "factory", "false", "final", "formula", "function", "generic", "handler",
    "helper", "here", "hook", "implementation", "importantly", "internal", "it", "main", "method",
    "module", "new", "number", "optional", "placeholder", "reference", "result", "same", "schema",
    "setup", "should", "simple", "some", "special", "sql", "standard", "static", "string",
    "subclasses", "that", "the", "these", "this", "true", "unique", "unit", "utility", "what",
    "wrapper",
];

/// The imperative forms of each stem.
static FORMS: LazyLock<FxHashMap<String, Vec<&'static str>>> = LazyLock::new(|| {
    let mut forms: FxHashMap<String, Vec<&'static str>> = FxHashMap::default();
    for word in IMPERATIVES {
        forms.entry(stem(word)).or_default().push(word);
    }
    forms
});

/// What D401 says about a docstring's first word.
#[derive(Debug, PartialEq, Eq)]
pub enum Mood {
    /// A word that is never imperative: rephrase.
    Rephrase,
    /// Another form of an imperative verb: the imperative to use instead.
    Use(&'static str),
}

/// `word`: the first word with everything but letters and digits removed.
pub fn check(word: &str) -> Option<Mood> {
    let lower = word.to_lowercase();
    if NOT_IMPERATIVE.contains(&lower.as_str()) {
        return Some(Mood::Rephrase);
    }
    let forms = FORMS.get(&stem(&lower))?;
    if forms.contains(&lower.as_str()) {
        return None;
    }
    // The form sharing the longest start with the word (`Initialise` for
    // `Initialised`); ties go to the first in alphabetical order.
    let shared = |form: &str| form.bytes().zip(lower.bytes()).take_while(|(a, b)| a == b).count();
    let mut best: Vec<&'static str> = forms.clone();
    best.sort_unstable();
    best.iter().copied().max_by(|a, b| shared(a).cmp(&shared(b)).then(b.cmp(a))).map(Mood::Use)
}

#[cfg(test)]
mod tests {
    use super::{Mood, check};

    #[test]
    fn other_forms_of_imperative_verbs() {
        assert_eq!(check("Returns"), Some(Mood::Use("return")));
        assert_eq!(check("returned"), Some(Mood::Use("return")));
        assert_eq!(check("Creates"), Some(Mood::Use("create")));
        assert_eq!(check("Return"), None);
        assert_eq!(check("This"), Some(Mood::Rephrase));
        assert_eq!(check("Constructor"), Some(Mood::Rephrase));
        // Not a verb the list knows.
        assert_eq!(check("Frobnicates"), None);
        assert_eq!(check(""), None);
    }
}
