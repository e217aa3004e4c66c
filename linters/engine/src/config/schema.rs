//! What a checker's configuration table (`[python]`, `[shell]`, ...) may
//! hold. Each checker crate declares its [`SectionSpec`]; keys it does not
//! declare are errors.

#[derive(Debug, Clone, Copy)]
pub enum OptionKind {
    String,
    Integer,
    Boolean,
    StringList,
    /// An integer or a float (`max-drop = 0.5`).
    Number,
    /// A table of strings (`[coverage.path-map]`).
    StringTable,
    /// A table the checker reads itself (`[markdown.rules]`); the function
    /// says what is wrong with one, naming the key.
    Table(fn(&toml::Table) -> Result<(), String>),
}

impl OptionKind {
    pub fn describe(self) -> &'static str {
        match self {
            OptionKind::String => "a string",
            OptionKind::Integer => "an integer",
            OptionKind::Boolean => "true or false",
            OptionKind::StringList => "a list of strings",
            OptionKind::Number => "a number",
            OptionKind::StringTable => "a table of strings",
            OptionKind::Table(_) => "a table",
        }
    }

    pub fn accepts(self, value: &toml::Value) -> bool {
        match (self, value) {
            (OptionKind::String, toml::Value::String(_))
            | (OptionKind::Integer, toml::Value::Integer(_))
            | (OptionKind::Boolean, toml::Value::Boolean(_))
            | (OptionKind::Number, toml::Value::Integer(_) | toml::Value::Float(_)) => true,
            (OptionKind::StringTable, toml::Value::Table(items)) => {
                items.values().all(|i| i.is_str())
            }
            (OptionKind::StringList, toml::Value::Array(items)) => items.iter().all(|i| i.is_str()),
            (OptionKind::Table(_), toml::Value::Table(_)) => true,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub doc: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct SectionSpec {
    /// The table name, also the checker's name (`python`).
    pub name: &'static str,
    pub options: &'static [OptionSpec],
}
