//! Report formats. Each renders a finished run to text; [`write_atomic`]
//! puts it in a file without ever leaving a partial one.

mod codequality;
mod github;
mod json;
mod junit;
mod sarif;
mod text;

use std::io::Write;
use std::path::Path;

use lintgate_engine::diagnostic::Severity;

use crate::args::Format;
use crate::runner::RunOutput;

/// The choices a report depends on besides the run itself.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    pub fail_on: Severity,
    pub color: bool,
    pub show_notes: bool,
    pub statistics: bool,
    pub quiet: bool,
    /// `--fail-on-stale`: stale baseline entries fail the run.
    pub fail_on_stale: bool,
}

pub fn render(format: Format, run: &RunOutput, options: &ReportOptions) -> String {
    match format {
        Format::Text => text::render(run, options),
        Format::Json => json::render(run, options),
        Format::Junit => junit::render(run, options),
        Format::Codequality => codequality::render(run),
        Format::Sarif => sarif::render(run),
        Format::Github => github::render(run),
    }
}

/// Writes `content` to `path` through a temporary file in the same
/// directory and a rename, creating parent directories first.
pub fn write_atomic(path: &Path, content: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        let reason = if dir.is_file() { "it is a file".to_string() } else { e.to_string() };
        std::io::Error::new(
            e.kind(),
            format!("cannot create directory {}: {reason}", dir.display()),
        )
    })?;
    // The temporary file's 0o600 would survive the rename and hide reports
    // from CI artifact servers and other users: give the mode a plain
    // `File::create` leaves, an existing file's own or 0o666 less the umask.
    let existing = std::fs::metadata(path).ok().filter(|m| m.is_file()).map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // `open(2)` applies the umask to this mode.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    if let Some(permissions) = existing {
        file.as_file().set_permissions(permissions)?;
    }
    file.write_all(content.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// "1 error", "2 warnings".
fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}
