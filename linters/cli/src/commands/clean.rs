//! `lintgate clean`: remove the result cache.

use lintgate_engine::selector::SelectionLayer;

use crate::runner::cache;
use crate::settings::{Resolver, display_path, project_root};
use crate::{Status, UsageError, checkers};

pub fn run(config_source: &crate::args::ConfigSource) -> Result<Status, UsageError> {
    let cwd = std::env::current_dir()?;
    let root = project_root(&cwd);
    let resolver =
        Resolver::new(&cwd, config_source, SelectionLayer::default(), checkers::sections())?;
    let settings = resolver.for_dir(&root)?;
    let dir = cache::location(&root, settings.config.cache_dir.as_deref());
    let shown = display_path(&root, &dir);
    if !dir.exists() {
        eprintln!("no result cache at {shown}");
        return Ok(Status::Clean);
    }
    // Only ever delete a directory lintgate made.
    if !dir.join("CACHEDIR.TAG").is_file() {
        return Err(UsageError(format!(
            "{shown} is not a lintgate result cache (no CACHEDIR.TAG); not removed"
        )));
    }
    std::fs::remove_dir_all(&dir).map_err(|e| UsageError(format!("cannot remove {shown}: {e}")))?;
    eprintln!("removed the result cache {shown}");
    Ok(Status::Clean)
}
