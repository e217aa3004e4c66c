//! F521-F525: `"...".format(...)` whose fields and arguments disagree.
//! The format string is split the way Python's `string.Formatter().parse`
//! splits it, with its error messages, since F521 quotes them.

use rustc_hash::FxHashSet;

use crate::codes::{Code, Report};
use crate::syntax::Ranged;
use crate::syntax::ast::{self, Expr};

pub const CODES: &[Code] = &[Code::F521, Code::F522, Code::F523, Code::F524, Code::F525];

/// A replacement field: its name (`0`, `name.attr`, empty) and its format spec.
struct Field {
    name: String,
    spec: String,
}

/// The fields of a format string, or the reason Python rejects it.
fn fields(format: &str) -> Result<Vec<Field>, &'static str> {
    let chars: Vec<char> = format.chars().collect();
    let mut fields = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Literal text runs to the first brace.
        let Some(offset) = chars[i..].iter().position(|&c| c == '{' || c == '}') else { break };
        let brace = chars[i + offset];
        i += offset + 1;
        let next = chars.get(i).copied();
        if brace == '}' && next != Some('}') {
            return Err("Single '}' encountered in format string");
        }
        if next.is_none() {
            return Err("Single '{' encountered in format string");
        }
        if next == Some(brace) {
            i += 1; // `{{` or `}}`: a literal brace
            continue;
        }
        fields.push(field(&chars, &mut i)?);
    }
    Ok(fields)
}

/// The field after a `{`, up to and past its closing `}`.
fn field(chars: &[char], i: &mut usize) -> Result<Field, &'static str> {
    let start = *i;
    let mut last = '\0';
    while *i < chars.len() {
        last = chars[*i];
        *i += 1;
        match last {
            '{' => return Err("unexpected '{' in field name"),
            // An index may hold `:`, `!` and `}`.
            '[' => *i += chars[*i..].iter().position(|&c| c == ']').unwrap_or(chars.len() - *i),
            '}' | ':' | '!' => break,
            _ => {}
        }
    }
    let name: String = chars[start..*i - 1].iter().collect();
    if last != '!' && last != ':' {
        if last != '}' {
            return Err("expected '}' before end of string");
        }
        return Ok(Field { name, spec: String::new() });
    }
    if last == '!' {
        if *i >= chars.len() {
            return Err("end of string while looking for conversion specifier");
        }
        *i += 1; // the conversion character, whatever it is
        if *i < chars.len() {
            let after = chars[*i];
            *i += 1;
            if after == '}' {
                return Ok(Field { name, spec: String::new() });
            }
            if after != ':' {
                return Err("expected ':' after conversion specifier");
            }
        }
    }
    // The spec runs to the `}` that balances the field's `{`.
    let spec_start = *i;
    let mut depth = 1;
    while *i < chars.len() {
        let c = chars[*i];
        *i += 1;
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let spec = chars[spec_start..*i - 1].iter().collect();
                    return Ok(Field { name, spec });
                }
            }
            _ => {}
        }
    }
    Err("unmatched '{' in format spec")
}

/// Python's `int()` of a field name: `0`, ` 1`, `+2`, `1_0`.
fn as_index(name: &str) -> Option<i128> {
    let trimmed = name.trim();
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let well_formed = !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.ends_with(|c: char| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_')
        && !digits.contains("__");
    if !well_formed {
        return None;
    }
    trimmed.replace('_', "").parse().ok()
}

#[derive(PartialEq, Eq, Hash, PartialOrd, Ord, Clone)]
enum Key {
    Index(i128),
    Name(String),
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Key::Index(n) => write!(f, "{n}"),
            Key::Name(name) => f.write_str(name),
        }
    }
}

/// Automatic (`{}`) or manual (`{0}`) numbering, once one is seen.
#[derive(Default)]
struct Numbering {
    automatic: Option<bool>,
    next: i128,
    keys: FxHashSet<Key>,
}

impl Numbering {
    /// Records a field's key; `Err` when it mixes numbering styles.
    fn add(&mut self, name: &str) -> Result<(), ()> {
        let first = name.split(['.', '[']).next().unwrap_or_default();
        let key = if first.is_empty() {
            if self.automatic == Some(false) {
                return Err(());
            }
            self.automatic = Some(true);
            self.next += 1;
            Key::Index(self.next - 1)
        } else if let Some(index) = as_index(first) {
            if self.automatic == Some(true) {
                return Err(());
            }
            self.automatic = Some(false);
            Key::Index(index)
        } else {
            Key::Name(first.to_string())
        };
        self.keys.insert(key);
        Ok(())
    }
}

pub fn check(report: &mut Report, call: &ast::ExprCall) {
    let Expr::Attribute(attribute) = &*call.func else { return };
    let Expr::StringLiteral(string) = &*attribute.value else { return };
    if attribute.attr.as_str() != "format" || !report.any_enabled(CODES) {
        return;
    }
    let range = call.range();
    let invalid = |report: &mut Report, reason: &str| {
        report.push(
            Code::F521,
            format!("`.format` call has invalid format string: {reason}"),
            range,
        );
    };
    let mut numbering = Numbering::default();
    let fields = match fields(string.value.to_str()) {
        Ok(fields) => fields,
        Err(reason) => return invalid(report, reason),
    };
    for field in fields {
        let mixed = numbering.add(&field.name);
        // A spec may hold fields of its own (`{:{width}}`), one level deep.
        let nested = match mixed {
            Ok(()) if !field.spec.is_empty() => match self::fields(&field.spec) {
                Ok(nested) => nested,
                Err(reason) => return invalid(report, reason),
            },
            _ => Vec::new(),
        };
        let mut mixed = mixed.is_err();
        for inner in nested {
            if inner.spec.contains('{') {
                return invalid(report, "Max string recursion exceeded");
            }
            if numbering.add(&inner.name).is_err() {
                mixed = true;
                break;
            }
        }
        if mixed {
            report.push(Code::F525, "`.format` call mixes automatic and manual numbering", range);
            return;
        }
    }
    let arguments = &call.arguments;
    if arguments.args.iter().any(Expr::is_starred_expr)
        || arguments.keywords.iter().any(|k| k.arg.is_none())
    {
        return;
    }
    let given: FxHashSet<Key> = (0..arguments.args.len() as i128)
        .map(Key::Index)
        .chain(
            arguments.keywords.iter().filter_map(|k| Some(Key::Name(k.arg.as_ref()?.to_string()))),
        )
        .collect();
    let list = |keys: Vec<&Key>| {
        let mut keys: Vec<String> = keys.into_iter().map(Key::to_string).collect();
        keys.sort_unstable();
        keys.join(", ")
    };
    let unused: Vec<&Key> = given.iter().filter(|k| !numbering.keys.contains(k)).collect();
    let (positions, names): (Vec<&Key>, Vec<&Key>) =
        unused.into_iter().partition(|k| matches!(k, Key::Index(_)));
    if !positions.is_empty() {
        report.push(
            Code::F523,
            format!("`.format` call has unused arguments at position(s): {}", list(positions)),
            range,
        );
    }
    if !names.is_empty() {
        report.push(
            Code::F522,
            format!("`.format` call has unused named argument(s): {}", list(names)),
            range,
        );
    }
    let missing: Vec<&Key> = numbering.keys.iter().filter(|k| !given.contains(k)).collect();
    if !missing.is_empty() {
        report.push(
            Code::F524,
            format!("`.format` call is missing argument(s) for placeholder(s): {}", list(missing)),
            range,
        );
    }
}
