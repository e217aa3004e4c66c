//! `lintgate lint`: discover, check, report, and decide the exit status.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lintgate_engine::changes;
use lintgate_engine::config::Config;
use lintgate_engine::diagnostic::{Note, Severity};
use lintgate_engine::kind::{self, FileKind, PathClass};
use lintgate_engine::selector::{SelectionLayer, Selector};

use crate::args::{ColorChoice, Format, LintArgs};
use crate::baseline;
use crate::discovery::{Candidate, DiscoveryError, Found, Sink, Walk};
use crate::progress::Progress;
use crate::report::{self, ReportOptions};
use crate::runner::cache::{self, ResultCache};
use crate::runner::{self, BaselineCounts, RunContext, RunOutput};
use crate::scope::Scope;
use crate::settings::{Resolver, absolute, display_path, project_root};
use crate::shard::{self, Shard};
use crate::{Status, UsageError, checkers};

/// Parsers recurse: a 100,000-deep expression needs far more than the
/// default 2 MiB. Only the pages a deep file touches are ever committed.
const WORKER_STACK: usize = 1 << 30;

/// A finished check, before baseline, reports and exit status.
pub struct Checked {
    pub output: RunOutput,
    pub root: PathBuf,
    /// The repository root's configuration.
    pub root_config: Config,
    /// Every file of the repository was linted (no paths below the root,
    /// changed-file selection, shard or standard input), so a baseline entry
    /// nothing matched is stale.
    pub whole_repository: bool,
}

pub fn run(args: LintArgs) -> Result<Status, UsageError> {
    let Some(Checked { mut output, root, root_config, whole_repository }) = check(&args)? else {
        return Ok(Status::Clean);
    };
    let baseline = match (&args.baseline, args.no_baseline) {
        (_, true) => None,
        (Some(file), _) => Some(absolute(&std::env::current_dir()?, file)),
        (None, false) => root_config.baseline.clone(),
    };
    let applied = match &baseline {
        Some(file) => Some(apply_baseline(file, &root, &mut output, whole_repository)?),
        None => None,
    };
    let fail_on =
        args.fail_on.map(Severity::from).or(root_config.fail_on).unwrap_or(Severity::Warning);
    let options = ReportOptions {
        fail_on,
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
        show_notes: args.show_notes,
        statistics: args.statistics,
        quiet: args.quiet,
        fail_on_stale: args.fail_on_stale,
    };
    crate::print_stdout(&report::render(args.format, &output, &options))?;
    let mut status = status_of(&output, fail_on, args.exit_zero);
    if args.fail_on_stale && applied.is_some_and(|a| a.stale > 0) && status == Status::Clean {
        status = Status::Findings;
    }
    let file_options = ReportOptions { color: false, ..options };
    for target in &args.report {
        let content = report::render(target.format, &output, &file_options);
        if let Err(e) = report::write_atomic(&target.path, &content) {
            eprintln!("lintgate: error: cannot write report {}: {e}", target.path.display());
            status = Status::Error;
        }
    }
    for failure in &output.failures {
        eprintln!("lintgate: error: {failure}");
    }
    Ok(status)
}

/// Hides the baseline's findings from `output` and records the counts.
fn apply_baseline(
    file: &Path,
    root: &Path,
    output: &mut RunOutput,
    whole_repository: bool,
) -> Result<BaselineCounts, UsageError> {
    let shown = display_path(root, file);
    let text = baseline::read(file, &shown).map_err(UsageError)?;
    let baseline = baseline::parse_file(&text, &shown).map_err(UsageError)?;
    let renames = match &baseline.commit {
        Some(commit) => changes::renames_since(root, commit).unwrap_or_else(|e| {
            let note =
                format!("renames since the baseline's commit {commit} are not followed: {e}");
            output.notes.push(Note::new(&shown, note));
            Vec::new()
        }),
        None => Vec::new(),
    };
    let applied =
        baseline::apply(&baseline, &mut output.diagnostics, &renames, whole_repository, root);
    for path in &applied.missing_files {
        output
            .notes
            .push(Note::new(&shown, format!("lists findings in `{path}`, which no longer exists")));
    }
    let counts = BaselineCounts { hidden: applied.hidden, stale: applied.stale.len() };
    output.baseline = Some(counts);
    Ok(counts)
}

/// Runs the checks `args` ask for: discovery, checkers, `--new-only`.
/// `None` for `--show-files`, which only lists the files.
pub fn check(args: &LintArgs) -> Result<Option<Checked>, UsageError> {
    let cwd = std::env::current_dir()?;
    let root = project_root(&cwd);
    let resolver = Arc::new(Resolver::new(
        &cwd,
        &args.config_source,
        command_line_layer(args)?,
        checkers::sections(),
    )?);
    let jobs = match args.jobs {
        Some(0) => return Err(UsageError("--jobs must be at least 1".into())),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let stdin_file = match &args.stdin_filename {
        Some(name) => {
            if !(args.paths.is_empty() || args.paths == [PathBuf::from("-")]) {
                return Err(UsageError(
                    "--stdin-filename lints standard input: pass `-` as the only path".into(),
                ));
            }
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            Some((stdin_candidate(&resolver, &root, &absolute(&cwd, name), &bytes)?, bytes))
        }
        None => None,
    };
    if stdin_file.is_none() && args.paths.iter().any(|p| p == Path::new("-")) {
        return Err(UsageError("reading standard input (`-`) needs --stdin-filename PATH".into()));
    }
    if let Some(missing) =
        args.paths.iter().find(|p| *p != Path::new("-") && !absolute(&cwd, p).exists())
    {
        return Err(UsageError(format!("path not found: {}", missing.display())));
    }
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let shard = args.shard.as_deref().map(|s| Shard::parse(s, &env)).transpose()?;
    let mut scope = Scope::resolve(args, &root, &cwd)?;
    if let Some((candidate, bytes)) = &stdin_file {
        scope.contents.insert(candidate.path.clone(), bytes.clone());
    }
    // Changed files are linted as a directory walk would find them: the
    // configuration's exclusions apply to them.
    let (paths, force_exclude): (Vec<PathBuf>, bool) = match &scope.files {
        Some(files) => (files.clone(), true),
        None if args.paths.is_empty() => (vec![cwd.clone()], args.force_exclude),
        None => (args.paths.iter().map(|p| absolute(&cwd, p)).collect(), args.force_exclude),
    };
    let listed = scope.files.is_some();
    let whole_repository =
        !listed && stdin_file.is_none() && shard.is_none() && paths == [root.clone()];
    let walk = Walk { root: &root, resolver: &resolver, force_exclude, jobs, listed };
    let discover_all = |sink: Sink| match &stdin_file {
        Some((candidate, _)) => {
            sink(vec![Found::File(candidate.clone())]);
            Ok(())
        }
        None if paths.is_empty() => Ok(()),
        None => walk.stream(&paths, sink).map_err(|e| match e {
            DiscoveryError::NotFound(path) => {
                UsageError(format!("path not found: {}", path.display()))
            }
            DiscoveryError::Config(e) => UsageError(e.to_string()),
        }),
    };
    let discover = |sink: Sink| match shard {
        Some(shard) => sharded(discover_all, shard, sink),
        None => discover_all(sink),
    };
    if args.show_files {
        show_files(discover)?;
        return Ok(None);
    }
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(jobs).stack_size(WORKER_STACK).build()?;
    let root_settings = resolver.for_dir(&root)?;
    let checkers = checkers::configured(&root_settings.config, args.online).map_err(UsageError)?;
    let progress = Progress::start(args.format == Format::Text && !args.quiet);
    let mut cache_notes = Vec::new();
    let cache = if args.no_cache || stdin_file.is_some() {
        None
    } else {
        let dir = cache::location(&root, root_settings.config.cache_dir.as_deref());
        ResultCache::open(&root, &dir).map_err(|note| cache_notes.push(Note::new(".", note))).ok()
    };
    let context = RunContext {
        root: &root,
        root_settings: &root_settings,
        contents: &scope.contents,
        repo_checkers: shard.is_none_or(|s| s.is_first()),
        progress: Some(&*progress.files),
        cache: cache.as_ref(),
    };
    let output = pool.install(|| runner::run(discover, &checkers, &context));
    progress.finish();
    let mut output = output?;
    output.notes.append(&mut scope.notes);
    output.notes.append(&mut cache_notes);
    if let Some(cache) = &cache {
        output.notes.extend(cache.finish(whole_repository && output.failures.is_empty()));
    }
    let hidden = scope.keep_new(&mut output.diagnostics);
    if hidden > 0 {
        let note =
            format!("{hidden} finding(s) on lines not changed since the merge base (--new-only)");
        output.notes.push(Note::new(".", note));
    }
    Ok(Some(Checked { output, root, root_config: root_settings.config.clone(), whole_repository }))
}

/// Discovers everything, then passes on this shard's part (see [`crate::shard`]).
fn sharded(
    discover: impl FnOnce(Sink) -> Result<(), UsageError>,
    shard: Shard,
    sink: Sink,
) -> Result<(), UsageError> {
    let all = std::sync::Mutex::new(Vec::new());
    discover(&|batch| all.lock().unwrap_or_else(|p| p.into_inner()).extend(batch))?;
    let all = all.into_inner().unwrap_or_else(|p| p.into_inner());
    let sizes: Vec<(String, u64)> = all
        .iter()
        .filter_map(|found| match found {
            Found::File(c) => Some((c.display.clone(), c.path.metadata().map_or(0, |m| m.len()))),
            _ => None,
        })
        .collect();
    let assigned = shard::assign(&sizes, shard.total);
    let mine: Vec<Found> = all
        .into_iter()
        .filter(|found| match found {
            Found::File(c) => assigned.get(&c.display) == Some(&shard.index),
            Found::Unreadable(u) => shard::of_path(&u.display, shard.total) == shard.index,
            Found::Note(_) => shard.is_first(),
        })
        .collect();
    sink(mine);
    Ok(())
}

/// `--show-files`: each file that would be linted, with its kind, sorted.
fn show_files(discover: impl FnOnce(Sink) -> Result<(), UsageError>) -> Result<Status, UsageError> {
    let files = std::sync::Mutex::new(Vec::new());
    discover(&|batch| {
        let mut files = files.lock().unwrap_or_else(|p| p.into_inner());
        for found in batch {
            if let Found::File(c) = found {
                files.push((c.display, c.kind));
            }
        }
    })?;
    let mut files = files.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort();
    let listing: String =
        files.into_iter().map(|(path, kind)| format!("{kind}\t{path}\n")).collect();
    crate::print_stdout(&listing)?;
    Ok(Status::Clean)
}

fn status_of(output: &RunOutput, fail_on: Severity, exit_zero: bool) -> Status {
    if !output.failures.is_empty() {
        Status::Error
    } else if output.diagnostics.iter().any(|d| d.severity >= fail_on) && !exit_zero {
        Status::Findings
    } else {
        Status::Clean
    }
}

fn command_line_layer(args: &LintArgs) -> Result<SelectionLayer, UsageError> {
    let parse = |flag: &str, list: &[String]| -> Result<Vec<Selector>, UsageError> {
        list.iter()
            .filter(|s| !s.is_empty())
            .map(|s| Selector::parse(s.trim()).map_err(|e| UsageError(format!("{flag}: {e}"))))
            .collect()
    };
    Ok(SelectionLayer {
        select: args.select.as_deref().map(|s| parse("--select", s)).transpose()?,
        extend_select: parse("--extend-select", &args.extend_select)?,
        ignore: parse("--ignore", &args.ignore)?,
    })
}

/// Standard input stands for the file at `path`, which need not exist.
fn stdin_candidate(
    resolver: &Resolver,
    root: &Path,
    path: &Path,
    bytes: &[u8],
) -> Result<Candidate, UsageError> {
    let display = display_path(root, path);
    let kind = match kind::classify_path(Path::new(&display)) {
        PathClass::Kind(kind) => kind,
        PathClass::NeedsShebang => kind::classify_shebang(bytes).unwrap_or(FileKind::Other),
        PathClass::Unknown => FileKind::Other,
    };
    let settings = resolver.for_dir(path.parent().unwrap_or(root))?;
    Ok(Candidate { path: path.to_path_buf(), display, kind, settings })
}
