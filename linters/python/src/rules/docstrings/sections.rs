//! D214, D215, D405–D414, D416, D417: NumPy and Google docstring sections,
//! found and checked as pydocstyle does. The docstring's lines are read as
//! written (quotes included); a line is a section header when its leading
//! words are a section name, followed by nothing or a colon, after a blank
//! line or a line ending in punctuation. When any NumPy section is found the
//! docstring is read as NumPy style, otherwise as Google style.

use super::definitions::{Definition, Kind};
use super::docstring::{Docstring, is_blank, is_py_space, leading_space, py_strip};
use crate::codes::{Code, Report};
use crate::syntax::TextRange;

#[rustfmt::skip]
const NUMPY: &[&str] = &[
    "Short Summary", "Extended Summary", "Parameters", "Returns", "Yields", "Other Parameters",
    "Raises", "See Also", "Notes", "References", "Examples", "Attributes", "Methods",
];

#[rustfmt::skip]
const GOOGLE: &[&str] = &[
    "Args", "Arguments", "Attention", "Attributes", "Caution", "Danger", "Error", "Example",
    "Examples", "Hint", "Important", "Keyword Args", "Keyword Arguments", "Methods", "Note",
    "Notes", "Return", "Returns", "Raises", "References", "See Also", "Tip", "Todo", "Warning",
    "Warnings", "Warns", "Yield", "Yields",
];

struct Section<'a> {
    /// As written (`returns`), and as pydocstyle names it (`Returns`).
    name: &'a str,
    title: String,
    previous: &'a str,
    line: &'a str,
    /// The lines up to the next section (or the line before the closing
    /// quotes' line).
    following: &'a [&'a str],
    last: bool,
}

pub fn check(definition: &Definition, doc: &Docstring, report: &mut Report) {
    let lines: Vec<&str> = doc.raw_lines().collect();
    if lines.len() < 2 {
        return;
    }
    let numpy = sections(&lines, NUMPY);
    let out = &mut Out { range: doc.range, report, indent: doc.indent };
    if numpy.is_empty() {
        for section in sections(&lines, GOOGLE) {
            common(&section, GOOGLE, out);
            let suffix = lstrip_chars(py_strip(section.line), section.name);
            if suffix != ":" {
                out.push(
                    Code::D416,
                    format!(
                        "section name should end with a colon: `{}:`, not `{}`",
                        section.title,
                        py_strip(section.line)
                    ),
                );
            }
            if matches!(section.title.as_str(), "Args" | "Arguments") {
                missing_arguments(definition, &google_arguments(section.following), out);
            }
        }
    } else {
        for section in numpy {
            common(&section, NUMPY, out);
            let suffix = lstrip_chars(py_strip(section.line), section.name);
            if !suffix.is_empty() {
                out.push(
                    Code::D406,
                    format!(
                        "section name should end with a newline: `{}`, not `{}`",
                        section.title,
                        py_strip(section.line)
                    ),
                );
            }
            if section.title == "Parameters" {
                missing_arguments(definition, &numpy_parameters(&section), out);
            }
        }
    }
}

struct Out<'r, 'i> {
    range: TextRange,
    report: &'r mut Report,
    /// The text before the opening quotes on their line.
    indent: &'i str,
}

impl Out<'_, '_> {
    fn push(&mut self, code: Code, message: String) {
        self.report.push(code, message, self.range);
    }
}

/// The sections among `lines`, by `names`.
fn sections<'a>(lines: &'a [&'a str], names: &[&str]) -> Vec<Section<'a>> {
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let found: Vec<usize> = (1..lines.len())
        .filter(|&i| {
            leading_words(&lines[i].to_lowercase()).is_some_and(|w| lower.iter().any(|n| *n == w))
        })
        .filter(|&i| is_header(lines[i], lines[i - 1]))
        .collect();
    let mut sections = Vec::with_capacity(found.len());
    for (n, &i) in found.iter().enumerate() {
        let next = found.get(n + 1).copied();
        let end = next.unwrap_or(lines.len() - 1).max(i + 1);
        let name = leading_words(py_strip(lines[i])).unwrap_or_default();
        sections.push(Section {
            name,
            title: title(name),
            previous: lines[i - 1],
            line: lines[i],
            following: &lines[i + 1..end],
            last: next.is_none(),
        });
    }
    sections
}

/// `re.match(r"[\w ]+", line.strip())`.
fn leading_words(line: &str) -> Option<&str> {
    let line = py_strip(line);
    let end =
        line.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ' ')).unwrap_or(line.len());
    (end > 0).then(|| &line[..end])
}

/// Nothing or only a colon after the name, and a paragraph ended before.
fn is_header(line: &str, previous: &str) -> bool {
    let name = leading_words(py_strip(line)).unwrap_or_default();
    let suffix = py_strip(lstrip_chars(py_strip(line), py_strip(name)));
    let previous_ends = py_strip(previous)
        .ends_with([',', ';', '.', '-', '\\', '/', ']', '}', ')'])
        || is_blank(previous);
    (is_blank(suffix) || suffix == ":") && previous_ends
}

/// `text.lstrip(chars)`: drops leading characters found in `chars`.
fn lstrip_chars<'a>(text: &'a str, chars: &str) -> &'a str {
    text.trim_start_matches(|c: char| chars.contains(c))
}

/// `str.title()`.
fn title(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut after_cased = false;
    for c in name.chars() {
        let cased = c.is_lowercase() || c.is_uppercase();
        if after_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        after_cased = cased;
    }
    out
}

/// The checks both styles share: D405, D214, D410, D411, D413 and the
/// underline's (D407, D408, D409, D412, D414, D215).
fn common(section: &Section, names: &[&str], out: &mut Out) {
    let title = &section.title;
    // D405 (fix: rewrite the name).
    if !names.contains(&section.name) && names.contains(&title.as_str()) {
        out.push(
            Code::D405,
            format!(
                "section name should be properly capitalized: `{title}`, not `{}`",
                section.name
            ),
        );
    }
    // D214 (fix: dedent the header line).
    if leading_space(section.line) > out.indent {
        out.push(Code::D214, format!("section `{title}` is over-indented"));
    }
    // D410/D413 (fix: insert a blank line after the section).
    if section.following.last().is_none_or(|l| !is_blank(l)) {
        if section.last {
            out.push(Code::D413, format!("missing blank line after last section `{title}`"));
        } else {
            out.push(Code::D410, format!("missing blank line after section `{title}`"));
        }
    }
    // D411 (fix: insert a blank line before the header).
    if !is_blank(section.previous) {
        out.push(Code::D411, format!("missing blank line before section `{title}`"));
    }
    underline(section, out);
}

fn underline(section: &Section, out: &mut Out) {
    let title = &section.title;
    let following = section.following;
    let blanks = following.iter().take_while(|l| is_blank(l)).count();
    if blanks == following.len() {
        out.push(Code::D407, format!("missing dashed underline after section `{title}`"));
        out.push(Code::D414, format!("section `{title}` has no content"));
        return;
    }
    let line = following[blanks];
    let dashes = py_strip(line);
    if dashes.is_empty() || !dashes.chars().all(|c| c == '-') {
        // D407 (fix: insert the underline); D412 (fix: delete the blanks).
        out.push(Code::D407, format!("missing dashed underline after section `{title}`"));
        if blanks > 0 {
            out.push(
                Code::D412,
                format!(
                    "no blank lines allowed between the header of section `{title}` and its content"
                ),
            );
        }
        return;
    }
    // D408 (fix: delete the blank lines above the underline).
    if blanks > 0 {
        out.push(
            Code::D408,
            format!("section underline should be on the line after the name `{title}`"),
        );
    }
    // D409 (fix: rewrite the underline).
    let expected = title.chars().count();
    if dashes.len() != expected {
        out.push(
            Code::D409,
            format!(
                "section underline should match the length of its name: {expected} dashes in section `{title}`, not {}",
                dashes.len()
            ),
        );
    }
    // D215 (fix: dedent the underline).
    if leading_space(line) > out.indent {
        out.push(Code::D215, format!("section underline is over-indented in section `{title}`"));
    }
    let after = blanks + 1;
    if after < following.len() {
        if is_blank(following[after]) {
            if following[after..].iter().all(|l| is_blank(l)) {
                out.push(Code::D414, format!("section `{title}` has no content"));
            } else {
                out.push(Code::D412, format!("no blank lines allowed between the header of section `{title}` and its content"));
            }
        }
    } else {
        out.push(Code::D414, format!("section `{title}` has no content"));
    }
}

/// The names a NumPy `Parameters` section documents: lines at the
/// header's indentation followed by a more indented, non-blank line
/// (`x, y : int`).
fn numpy_parameters(section: &Section) -> Vec<String> {
    let indent = leading_space(section.line);
    let joined = section.following.join("\n").replace("\\\n", "");
    let content: Vec<&str> = joined.split('\n').collect();
    let mut names = Vec::new();
    for pair in content.windows(2) {
        let (current, next) = (pair[0], pair[1]);
        let current_indent = leading_space(current);
        if current_indent == indent
            && leading_space(next).chars().count() > current_indent.chars().count()
            && !py_strip(next).is_empty()
        {
            let listed = match current.split_once(':') {
                Some((names, _)) => names,
                None => py_strip(current),
            };
            names.extend(listed.split(',').map(|n| py_strip(n).to_string()));
        }
    }
    names
}

/// The names a Google `Args:` section documents: each entry starts at the
/// indentation of the section's first line, `name (type): description`.
fn google_arguments(following: &[&str]) -> Vec<String> {
    let Some(first) = following.first() else { return Vec::new() };
    let leading = &first[..first.len() - first.trim_start_matches(is_py_space).len()];
    // A first line of only white space keeps every line (`first[:-0]`).
    let leading = if leading.len() == first.len() { "" } else { leading };
    let kept: Vec<&str> =
        following.iter().copied().filter(|l| l.starts_with(leading) || l.is_empty()).collect();
    let content = dedent(&kept);
    let content = py_strip(&content);
    let mut entries: Vec<String> = Vec::new();
    for line in content.split_inclusive('\n') {
        match entries.last_mut() {
            Some(entry) if line.starts_with(is_py_space) => entry.push_str(line),
            _ => entries.push(line.to_string()),
        }
    }
    entries.iter().filter_map(|entry| google_argument(entry)).map(String::from).collect()
}

/// `textwrap.dedent`: lines of only spaces and tabs become empty, and the
/// margin every other line shares is removed.
fn dedent(lines: &[&str]) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| if l.chars().all(|c| c == ' ' || c == '\t') { "" } else { l })
        .collect();
    let mut margin: Option<&str> = None;
    for line in lines.iter().filter(|l| !l.is_empty()) {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        margin = Some(match margin {
            None => indent,
            Some(m) if indent.starts_with(m) => m,
            Some(m) if m.starts_with(indent) => indent,
            Some(m) => {
                let common = m.bytes().zip(indent.bytes()).take_while(|(a, b)| a == b).count();
                &m[..common]
            }
        });
    }
    let margin = margin.unwrap_or("");
    lines.iter().map(|l| l.strip_prefix(margin).unwrap_or(l)).collect::<Vec<_>>().join("\n")
}

/// pydocstyle's `^\s*(\w+)\s*(\(.*?\))?\s*:\n?\s*.+` on one entry: the name.
fn google_argument(entry: &str) -> Option<&str> {
    let text = entry.trim_start_matches(is_py_space);
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len());
    if end == 0 {
        return None;
    }
    let rest = text[end..].trim_start_matches(is_py_space);
    let described = |after: &str| {
        after
            .trim_start_matches(is_py_space)
            .strip_prefix(':')
            .is_some_and(|description| description.chars().any(|c| c != '\n'))
    };
    if described(rest) {
        return Some(&text[..end]);
    }
    let line = rest.split('\n').next().unwrap_or_default();
    if line.starts_with('(')
        && line.char_indices().any(|(i, c)| c == ')' && described(&rest[i + 1..]))
    {
        return Some(&text[..end]);
    }
    None
}

/// D417 (fix: add the missing entries): the function's arguments (not
/// positional-only ones, `*args` or `**kwargs`, nor those starting with
/// `_`; a method's first unless it is a `@staticmethod`) that the section
/// does not name.
fn missing_arguments(definition: &Definition, documented: &[String], out: &mut Out) {
    let Some(parameters) = definition.parameters else { return };
    if !definition.is_function() {
        return;
    }
    let mut arguments: Vec<&str> = parameters
        .args
        .iter()
        .chain(&parameters.kwonlyargs)
        .map(|p| p.parameter.name.as_str())
        .collect();
    if definition.kind == Kind::Method
        && !definition.has_decorator("staticmethod")
        && !arguments.is_empty()
    {
        arguments.remove(0);
    }
    let mut missing: Vec<&str> = arguments
        .into_iter()
        .filter(|a| !a.starts_with('_') && !documented.iter().any(|d| d == a))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
        out.push(
            Code::D417,
            format!(
                "missing argument descriptions in the docstring of `{}`: {}",
                definition.name,
                list.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_entries_as_pydocstyle_matches_them() {
        assert_eq!(google_argument("x: the x"), Some("x"));
        assert_eq!(google_argument("  x (int): the x"), Some("x"));
        assert_eq!(google_argument("x (Dict[str, int]) : the x"), Some("x"));
        assert_eq!(google_argument("x:\n    the x\n"), Some("x"));
        assert_eq!(google_argument("x:\n"), None);
        assert_eq!(google_argument("*args: more"), None);
        assert_eq!(google_argument("x y: two words"), None);
    }

    #[test]
    fn titles_and_dedent_as_python_does() {
        assert_eq!(title("see also"), "See Also");
        assert_eq!(title("RETURNS"), "Returns");
        assert_eq!(dedent(&["    a", "      b", "  ", "    c"]), "a\n  b\n\nc");
        assert_eq!(lstrip_chars("Returns: x", "Returns"), ": x");
    }
}
