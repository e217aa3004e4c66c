//! Where a schema finding is, as a comparable key: the JSON path's
//! segments joined with dots (`build.script.0`, `` for the top level),
//! which is how lintgate's messages name the place ("in `build.script.0`",
//! "at the top level"). check-jsonschema's JSON paths (`$.build.script[0]`,
//! `$['Push latest'].when`) are turned into the same form.

/// The place a lintgate LG311 message names, or `None` when it names none.
pub fn from_message(message: &str) -> Option<String> {
    let rest = strip_shown(message);
    let rest = ["is not a keyword GitLab knows ", "is required "]
        .iter()
        .find_map(|phrase| rest.strip_prefix(phrase))
        .unwrap_or(rest);
    if rest.starts_with("at the top level") {
        return Some(String::new());
    }
    let inside = rest.strip_prefix("in `")?;
    inside.find('`').map(|end| inside[..end].to_string())
}

/// Drops the value or key a message starts with (`` `x` ``, "this
/// mapping", "this list"), which may itself hold backticks, and the space
/// after it.
fn strip_shown(message: &str) -> &str {
    for lead in ["this mapping ", "this list "] {
        if let Some(rest) = message.strip_prefix(lead) {
            return rest;
        }
    }
    if !message.starts_with('`') {
        return message;
    }
    const FOLLOWERS: [&str; 4] =
        ["` in `", "` at the top level", "` is not a keyword GitLab knows ", "` is required "];
    (1..message.len())
        .filter(|&i| message.is_char_boundary(i))
        .find(|&i| FOLLOWERS.iter().any(|f| message[i..].starts_with(f)))
        .map_or(message, |i| &message[i + 2..])
}

/// check-jsonschema's `$.a['b c'][0]` as `a.b c.0`.
pub fn from_json_path(path: &str) -> String {
    segments(path).join(".")
}

/// check-jsonschema's `$.a['b c'][0]` as `["a", "b c", "0"]`.
pub fn segments(path: &str) -> Vec<String> {
    let mut segments = Vec::new();
    let mut rest = path.strip_prefix('$').unwrap_or(path);
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix("['") {
            let (segment, after) = quoted_segment(quoted);
            segments.push(segment);
            rest = after.strip_prefix("']").unwrap_or(after);
        } else if let Some(index) = rest.strip_prefix('[') {
            let end = index.find(']').unwrap_or(index.len());
            segments.push(index[..end].to_string());
            rest = index.get(end + 1..).unwrap_or("");
        } else if let Some(name) = rest.strip_prefix('.') {
            let end = name.find(['.', '[']).unwrap_or(name.len());
            segments.push(name[..end].to_string());
            rest = &name[end..];
        } else {
            segments.push(rest.to_string());
            break;
        }
    }
    segments
}

/// A `['...']` segment with `\\` and `\'` unescaped, and what follows it.
fn quoted_segment(text: &str) -> (String, &str) {
    let mut segment = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    segment.push(escaped);
                }
            }
            '\'' if text[i..].starts_with("']") => return (segment, &text[i..]),
            c => segment.push(c),
        }
    }
    (segment, "")
}

/// A key shown as a JSON path: `$` for the top level, `$.a.b` otherwise.
pub fn shown(key: &str) -> String {
    if key.is_empty() { "$".to_string() } else { format!("$.{key}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_their_place() {
        let cases = [
            ("`scrpt` is not a keyword GitLab knows in `build` (did you mean `script`?)", "build"),
            ("`sometimes` in `build.when` must be one of `on_success`, `always`", "build.when"),
            ("this mapping in `include` must be a list", "include"),
            (
                "this list in `a.script` is none of the forms GitLab accepts there: `1` in `a.script.0` must be a string",
                "a.script",
            ),
            ("`script` is required in `deploy`", "deploy"),
            ("`1` at the top level must be a mapping", ""),
            ("`echo `date`` in `job.when` must be one of `always`", "job.when"),
            ("in `job.cache`: something else", "job.cache"),
        ];
        for (message, place) in cases {
            assert_eq!(from_message(message).as_deref(), Some(place), "{message}");
        }
        assert_eq!(from_message("the file holds no configuration"), None);
    }

    #[test]
    fn json_paths_become_the_same_keys() {
        assert_eq!(from_json_path("$"), "");
        assert_eq!(from_json_path("$.build.when"), "build.when");
        assert_eq!(from_json_path("$['Push latest'].script[0]"), "Push latest.script.0");
        assert_eq!(from_json_path("$['x.y'].when"), "x.y.when");
        assert_eq!(from_json_path(r"$['it\'s'].a"), "it's.a");
        assert_eq!(segments("$['x.y'].script[2]"), ["x.y", "script", "2"]);
        assert_eq!(shown("build.when"), "$.build.when");
        assert_eq!(shown(""), "$");
    }
}
