//! Reads one `rules/<family>/<CODE>.md` file: TOML front matter between
//! `+++` lines, then Markdown whose "## Example" and "## Use instead"
//! sections each hold one fenced code block.

pub struct RuleDoc {
    pub code: String,
    pub name: String,
    pub checker: String,
    pub severity: String,
    pub enabled: bool,
    pub fix: String,
    pub since: String,
    pub summary: String,
    /// File name the examples are checked as (decides the file kind).
    pub example_file: String,
    /// Why the rule cannot have runnable examples, when it cannot.
    pub no_example: Option<String>,
    pub body: String,
    pub example: Option<Vec<u8>>,
    pub use_instead: Option<Vec<u8>>,
}

const KEYS: &[&str] = &[
    "code",
    "name",
    "checker",
    "severity",
    "enabled",
    "fix",
    "since",
    "summary",
    "example-file",
    "example-escapes",
    "no-example",
];

pub fn parse(text: &str) -> Result<RuleDoc, String> {
    let rest =
        text.strip_prefix("+++\n").ok_or("must start with a `+++` line (TOML front matter)")?;
    let end = rest.find("\n+++\n").ok_or("front matter is not closed by a `+++` line")?;
    let front: toml::Table =
        rest[..end].parse().map_err(|e| format!("front matter is not valid TOML: {e}"))?;
    if let Some(key) = front.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!("unknown front matter key `{key}` (known: {})", KEYS.join(", ")));
    }
    let string = |key: &str| -> Result<String, String> {
        match front.get(key) {
            Some(toml::Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(format!("`{key}` must be a string")),
            None => Err(format!("`{key}` is missing")),
        }
    };
    let flag = |key: &str, default: bool| -> Result<bool, String> {
        match front.get(key) {
            Some(toml::Value::Boolean(b)) => Ok(*b),
            Some(_) => Err(format!("`{key}` must be true or false")),
            None => Ok(default),
        }
    };
    let severity = string("severity")?;
    if !matches!(severity.as_str(), "error" | "warning" | "info") {
        return Err(format!("severity `{severity}` is not one of error, warning, info"));
    }
    let fix = string("fix")?;
    if !matches!(fix.as_str(), "none" | "sometimes" | "always") {
        return Err(format!("fix `{fix}` is not one of none, sometimes, always"));
    }
    let body = rest[end + 5..].trim_start().to_string();
    let escapes = flag("example-escapes", false)?;
    let block = |heading: &str| code_block(&body, heading).map(|b| decode(b, escapes)).transpose();
    let doc = RuleDoc {
        code: string("code")?,
        name: string("name")?,
        checker: string("checker")?,
        severity,
        enabled: flag("enabled", true)?,
        fix,
        since: string("since")?,
        summary: string("summary")?,
        example_file: string("example-file")?,
        no_example: front.get("no-example").map(|_| string("no-example")).transpose()?,
        example: block("## Example")?,
        use_instead: block("## Use instead")?,
        body,
    };
    match (&doc.no_example, &doc.example, &doc.use_instead) {
        (None, Some(_), Some(_)) | (Some(_), None, None) => Ok(doc),
        (None, _, _) => Err("needs an \"## Example\" and a \"## Use instead\" section, each with \
                             a fenced code block (or `no-example` saying why it cannot)"
            .into()),
        (Some(_), _, _) => Err("has `no-example` but also example code blocks".into()),
    }
}

/// The first fenced code block after the line `heading`, if the section has one.
fn code_block<'a>(body: &'a str, heading: &str) -> Option<&'a str> {
    let mut lines = body.split_inclusive('\n');
    lines.by_ref().find(|l| l.trim_end() == heading)?;
    let mut offset = body.len() - lines.clone().map(str::len).sum::<usize>();
    // (where the block starts, its fence): a block closes on a line of at
    // least as many backticks and nothing else, so a ```` fence can hold ```.
    let mut open: Option<(usize, usize)> = None;
    for line in lines {
        let trimmed = line.trim_end();
        let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
        match open {
            None if trimmed.starts_with("## ") => return None,
            None if ticks >= 3 => open = Some((offset + line.len(), ticks)),
            Some((start, fence)) if ticks >= fence && ticks == trimmed.len() => {
                return Some(&body[start..offset]);
            }
            _ => {}
        }
        offset += line.len();
    }
    None
}

/// With `example-escapes`, `\xNN` in a block stands for that byte, so that
/// examples can show invalid UTF-8 or NUL bytes.
fn decode(block: &str, escapes: bool) -> Result<Vec<u8>, String> {
    if !escapes {
        return Ok(block.as_bytes().to_vec());
    }
    let bytes = block.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"\\x") && i + 4 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 2..i + 4]).map_err(|e| e.to_string())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| format!("bad escape `\\x{hex}`"))?);
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}
