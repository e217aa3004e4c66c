//! Which shell a script is for, and whether errexit (`set -e`) is on.

use std::path::Path;

use lintgate_engine::kind::shebang_interpreter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sh,
    Dash,
    Bash,
    Ksh,
    /// busybox's ash: POSIX sh with a few extensions.
    Busybox,
}

impl Dialect {
    pub fn from_name(name: &str) -> Option<Dialect> {
        Some(match name {
            "sh" | "ash" => Dialect::Sh,
            "dash" => Dialect::Dash,
            "bash" => Dialect::Bash,
            "ksh" | "ksh88" | "ksh93" | "mksh" | "pdksh" => Dialect::Ksh,
            "busybox" => Dialect::Busybox,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Sh => "sh",
            Dialect::Dash => "dash",
            Dialect::Bash => "bash",
            Dialect::Ksh => "ksh",
            Dialect::Busybox => "busybox",
        }
    }

    /// Whether only POSIX features may be used (bashisms are findings).
    pub fn is_posix(self) -> bool {
        matches!(self, Dialect::Sh | Dialect::Dash | Dialect::Busybox)
    }
}

/// What the first line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shebang {
    None,
    Shell {
        dialect: Dialect,
        errexit: bool,
    },
    /// A shebang for a shell we do not lint (zsh, fish, ...).
    Other(String),
}

pub fn read_shebang(text: &str) -> Shebang {
    let Some(interpreter) = shebang_interpreter(text.as_bytes()) else {
        return Shebang::None;
    };
    let line = text.lines().next().unwrap_or_default();
    // `#!/bin/busybox sh` names the applet after the program.
    let interpreter = if interpreter == "busybox" { "busybox" } else { interpreter };
    match Dialect::from_name(interpreter) {
        Some(dialect) => {
            let errexit = line
                .split_whitespace()
                .skip(1)
                .any(|w| w.starts_with('-') && !w.starts_with("--") && w[1..].contains('e'));
            Shebang::Shell { dialect, errexit }
        }
        None => Shebang::Other(interpreter.to_string()),
    }
}

/// The dialect implied by a file name, for scripts without a shebang.
pub fn from_extension(path: &Path) -> Option<Dialect> {
    match path.extension()?.to_str()? {
        "bash" => Some(Dialect::Bash),
        "ksh" => Some(Dialect::Ksh),
        "dash" => Some(Dialect::Dash),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shebangs() {
        let shell = |d, e| Shebang::Shell { dialect: d, errexit: e };
        assert_eq!(read_shebang("#!/bin/sh -e\n"), shell(Dialect::Sh, true));
        assert_eq!(read_shebang("#!/bin/bash -xe\n"), shell(Dialect::Bash, true));
        assert_eq!(read_shebang("#!/usr/bin/env bash\n"), shell(Dialect::Bash, false));
        assert_eq!(read_shebang("#!/bin/busybox sh\n"), shell(Dialect::Busybox, false));
        assert_eq!(read_shebang("#!/usr/bin/env -S bash -e\n"), shell(Dialect::Bash, true));
        assert_eq!(read_shebang("#!/bin/zsh\n"), Shebang::Other("zsh".into()));
        assert_eq!(read_shebang("echo hi\n"), Shebang::None);
    }
}
