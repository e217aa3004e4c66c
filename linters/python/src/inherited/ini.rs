//! The INI dialect of Python's `configparser`, as flake8 reads `setup.cfg`,
//! `tox.ini` and `.flake8`: `[section]` headers, `key = value` or
//! `key: value` (keys lower-cased), indented lines continuing a value,
//! full-line `#`/`;` comments, no inline comments.

/// A parsed file: sections in order, each with its options.
#[derive(Debug, Default)]
pub struct Ini {
    sections: Vec<Section>,
}

#[derive(Debug)]
struct Section {
    name: String,
    options: Vec<IniValue>,
}

/// One option: its value (continuation lines joined with `\n`) and the
/// 1-based line of its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IniValue {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// Why `configparser` would refuse the file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IniError {
    pub line: usize,
    pub message: String,
}

impl Ini {
    pub fn has_section(&self, name: &str) -> bool {
        self.sections.iter().any(|s| s.name == name)
    }

    /// The options of section `name`, in file order.
    pub fn section(&self, name: &str) -> &[IniValue] {
        self.sections.iter().find(|s| s.name == name).map_or(&[], |s| &s.options)
    }
}

pub fn parse(text: &str) -> Result<Ini, IniError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut ini = Ini::default();
    // The indentation of the current option's key: deeper lines continue it.
    let mut option_indent: Option<usize> = None;
    for (index, raw) in universal_lines(text).enumerate() {
        let line = index + 1;
        let value = raw.trim();
        if value.starts_with(['#', ';']) {
            continue;
        }
        if value.is_empty() {
            // Blank lines inside a value are kept, then trimmed at the end.
            if let (Some(_), Some(option)) = (option_indent, current_option(&mut ini)) {
                option.value.push('\n');
            }
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if let Some(key_indent) = option_indent
            && indent > key_indent
            && let Some(option) = current_option(&mut ini)
        {
            option.value.push('\n');
            option.value.push_str(value);
            continue;
        }
        if let Some(name) = header(value) {
            if ini.has_section(name) {
                return Err(error(line, format!("section `[{name}]` appears twice")));
            }
            ini.sections.push(Section { name: name.to_string(), options: Vec::new() });
            option_indent = None;
            continue;
        }
        let Some(section) = ini.sections.last_mut() else {
            return Err(error(line, "an option before any `[section]` header"));
        };
        let Some((key, rest)) = value.find(['=', ':']).map(|at| value.split_at(at)) else {
            return Err(error(line, format!("`{value}` is neither `[section]` nor `key = value`")));
        };
        let key = key.trim().to_lowercase();
        if key.is_empty() {
            return Err(error(line, "an option without a name"));
        }
        if section.options.iter().any(|o| o.key == key) {
            return Err(error(
                line,
                format!("option `{key}` appears twice in `[{}]`", section.name),
            ));
        }
        section.options.push(IniValue { key, value: rest[1..].trim().to_string(), line });
        option_indent = Some(indent);
    }
    for option in ini.sections.iter_mut().flat_map(|s| s.options.iter_mut()) {
        option.value.truncate(option.value.trim_end().len());
    }
    Ok(ini)
}

fn current_option(ini: &mut Ini) -> Option<&mut IniValue> {
    ini.sections.last_mut()?.options.last_mut()
}

/// `[name]` at the start of a line (configparser ignores what follows `]`).
fn header(value: &str) -> Option<&str> {
    let inner = value.strip_prefix('[')?;
    let end = inner.rfind(']')?;
    (end > 0).then(|| &inner[..end])
}

fn error(line: usize, message: impl Into<String>) -> IniError {
    IniError { line, message: message.into() }
}

/// Lines as Python's text mode reads them: `\n`, `\r\n` or a lone `\r` ends one.
fn universal_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\n', '\r']) {
            Some(at) => {
                let skip = if current[at..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&current[at + skip..]).filter(|r| !r.is_empty());
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(ini: &Ini, section: &str) -> Vec<(String, String, usize)> {
        ini.section(section).iter().map(|o| (o.key.clone(), o.value.clone(), o.line)).collect()
    }

    #[test]
    fn reads_options_continuations_and_comments_as_configparser_does() {
        let text = "# top\n[metadata]\nname = x\n\n[flake8]\nMax-Line-Length: 100 ; kept\n\
                    per-file-ignores =\n    a.py: F401\n    # skipped\n\n    b.py: E501\nx=1\n";
        let ini = parse(text).unwrap();
        assert!(ini.has_section("metadata") && ini.has_section("flake8"));
        assert_eq!(
            values(&ini, "flake8"),
            [
                ("max-line-length".into(), "100 ; kept".into(), 6),
                ("per-file-ignores".into(), "\na.py: F401\n\nb.py: E501".into(), 7),
                ("x".into(), "1".into(), 12),
            ]
        );
        // An indented line after a key continues it; `x:1=2` splits at the first sign.
        let ini = parse("[flake8]\nx = 1\n  y = 2\nz:1=2\n").unwrap();
        assert_eq!(values(&ini, "flake8")[0].1, "1\ny = 2");
        assert_eq!(values(&ini, "flake8")[1].1, "1=2");
    }

    #[test]
    fn line_endings_and_bom_do_not_matter() {
        for text in ["[flake8]\r\nx = 1\r\n", "[flake8]\rx = 1\r", "\u{feff}[flake8]\nx = 1"] {
            assert_eq!(values(&parse(text).unwrap(), "flake8"), [("x".into(), "1".into(), 2)]);
        }
    }

    #[test]
    fn refuses_what_configparser_refuses_with_the_line() {
        let line = |text: &str| parse(text).unwrap_err().line;
        assert_eq!(line("key = 1\n[flake8]\n"), 1);
        assert_eq!(line("[flake8]\nnot a pair\n"), 2);
        assert_eq!(line("[flake8]\nx=1\n[flake8]\n"), 3);
        assert_eq!(line("[flake8]\nx=1\nX=2\n"), 3);
        assert_eq!(line("[flake8]\n=1\n"), 2);
        assert_eq!(line("[unclosed\nx=1\n"), 1);
        assert!(parse("").is_ok() && parse("[]]\n").is_ok());
    }
}
