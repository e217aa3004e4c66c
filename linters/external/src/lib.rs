//! lintgate's external checkers: tools such as ruff, pylint or ShellCheck
//! declared as data ([`declaration`]), run on batches of files in their own
//! process groups ([`run`]), their outputs read by [`parsers`].
//!
//! The CLI builds one [`ExternalChecker`] per enabled `[checkers.<name>]`
//! table with [`ExternalChecker::from_config`] and schedules them as batch
//! checkers.

mod builtin;
pub mod declaration;
pub mod parsers;
pub mod run;
mod selection;
mod severity;
mod text;

use std::path::Path;

use lintgate_engine::checker::{BatchChecker, BatchFile, BatchOutput, CheckerError};

pub use self::declaration::{Declaration, OutputStream, RunMode, builtin_names, resolve};
pub use self::selection::FileSelection;
pub use self::severity::SeverityMap;

pub struct ExternalChecker {
    /// Leaked once per checker: [`BatchChecker::name`] wants a `'static`
    /// name and checkers live for the whole run.
    name: &'static str,
    declaration: Declaration,
}

impl ExternalChecker {
    pub fn new(name: &str, declaration: Declaration) -> ExternalChecker {
        ExternalChecker { name: Box::leak(name.to_string().into_boxed_str()), declaration }
    }

    /// One checker per enabled table of `[checkers]`, in the order written.
    /// `Err` names the checker and key at fault.
    pub fn from_config(checkers: &toml::Table) -> Result<Vec<ExternalChecker>, String> {
        let declarations = declaration::resolve_all(checkers)?;
        Ok(declarations.into_iter().map(|(name, d)| ExternalChecker::new(&name, d)).collect())
    }

    pub fn declaration(&self) -> &Declaration {
        &self.declaration
    }

    /// The first line with a digit that `version-command` prints (run in
    /// `root`), if it runs.
    pub fn version(&self, root: &Path) -> Option<String> {
        run::version(&self.declaration, root)
    }
}

impl BatchChecker for ExternalChecker {
    fn name(&self) -> &'static str {
        self.name
    }

    fn handles(&self, file: &BatchFile) -> bool {
        self.declaration.files.matches(file)
    }

    fn check_batch(&self, root: &Path, files: &[BatchFile]) -> Result<BatchOutput, CheckerError> {
        match run::run(self.name, &self.declaration, root, files) {
            Ok(ran) => Ok(BatchOutput { findings: ran.findings, notes: ran.notes }),
            Err(failure) => Err(CheckerError { message: failure.message }),
        }
    }
}
