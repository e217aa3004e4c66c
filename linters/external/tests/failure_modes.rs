//! How the runner copes with tools that misbehave, using small shell
//! scripts as fake tools: crashes, hangs, garbage, floods of output, odd
//! file names, missing programs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lintgate_engine::checker::{BatchChecker, BatchFile, BatchOutput, CheckerError};
use lintgate_engine::kind::FileKind;
use lintgate_external::{ExternalChecker, resolve};
use tempfile::TempDir;

/// A temporary repository with fake tools in `bin/`.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("bin")).unwrap();
        Repo { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bin/<name>.sh`. Tools are run through `sh`, so that no test
    /// executes a file another test's fork may still hold open for writing.
    fn tool(&self, name: &str, body: &str) {
        std::fs::write(self.root().join("bin").join(format!("{name}.sh")), body).unwrap();
    }

    fn file(&self, name: &str) -> BatchFile {
        let disk_path = self.root().join(name);
        std::fs::write(&disk_path, "x = 1\n").unwrap();
        BatchFile { path: name.to_string(), disk_path, kind: FileKind::Python }
    }

    /// A checker running `bin/<tool>.sh` with the declaration keys in `rest`.
    fn checker(&self, tool: &str, rest: &str) -> ExternalChecker {
        let text = format!(
            "command = [\"sh\", \"{{root}}/bin/{tool}.sh\", \"{{files}}\"]\nfiles = [\"python\"]\n{rest}"
        );
        let table: toml::Table = text.parse().unwrap();
        let declaration = resolve(tool, Some(&table)).unwrap().unwrap();
        ExternalChecker::new(tool, declaration)
    }

    fn run(
        &self,
        checker: &ExternalChecker,
        files: &[BatchFile],
    ) -> Result<BatchOutput, CheckerError> {
        checker.check_batch(self.root(), files)
    }
}

const LINE_PATTERN: &str = r#"pattern = '^(?P<path>.+?):(?P<line>\d+): (?P<message>.*)$'"#;

fn regex_tool(extra: &str) -> String {
    format!("parser = \"regex\"\n{LINE_PATTERN}\n{extra}")
}

#[test]
fn a_crash_is_a_failure_with_the_start_of_stderr() {
    let repo = Repo::new();
    repo.tool(
        "crash",
        "echo 'Traceback (most recent call last):' >&2\necho 'KeyError: x' >&2\nexit 3\n",
    );
    let checker = repo.checker("crash", &regex_tool(""));
    let error = repo.run(&checker, &[repo.file("a.py")]).unwrap_err();
    assert_eq!(
        error.message,
        "`sh {root}/bin/crash.sh {files}` (1 file) exited with status 3; stderr:\n  \
         Traceback (most recent call last):\n  KeyError: x"
    );
}

#[test]
fn a_signal_is_a_failure() {
    let repo = Repo::new();
    repo.tool("killed", "kill -TERM $$\n");
    let checker = repo.checker("killed", &regex_tool(""));
    let error = repo.run(&checker, &[repo.file("a.py")]).unwrap_err();
    assert!(error.message.ends_with("was killed by signal 15"), "{}", error.message);
}

/// Whether `pid` is a live process (a zombie waiting for its parent is not).
fn is_alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            let state = stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next());
            !matches!(state, Some('Z' | 'X'))
        }
        Err(_) => false,
    }
}

#[test]
fn a_hang_is_killed_with_the_children_it_started() {
    let repo = Repo::new();
    // The child keeps stdout open, so reading alone would wait for it too.
    repo.tool("hang", "sleep 300 &\necho $! > \"$(dirname \"$0\")/child.pid\"\nsleep 300\n");
    let checker = repo.checker("hang", &regex_tool("timeout = 1"));
    let started = Instant::now();
    let error = repo.run(&checker, &[repo.file("a.py")]).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(4), "took {:?}", started.elapsed());
    assert!(
        error
            .message
            .ends_with("did not finish within 1 s (`timeout`); it and its children were killed"),
        "{}",
        error.message
    );
    let child: u32 =
        std::fs::read_to_string(repo.root().join("bin/child.pid")).unwrap().trim().parse().unwrap();
    let deadline = Instant::now() + Duration::from_secs(2);
    while is_alive(child) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!is_alive(child), "the child {child} of the hung tool is still running");
}

#[test]
fn garbage_with_a_finding_code_is_a_failure() {
    let repo = Repo::new();
    repo.tool("garbage", "echo 'Segmentation fault (core dumped)?'\nexit 1\n");
    let sarif = repo.checker("garbage", "parser = \"sarif\"");
    let error = repo.run(&sarif, &[repo.file("a.py")]).unwrap_err();
    assert!(
        error
            .message
            .contains("exited with status 1, but its output did not parse: SARIF: not valid JSON"),
        "{}",
        error.message
    );
    let regex = repo.checker("garbage", &regex_tool(""));
    let error = repo.run(&regex, &[repo.file("a.py")]).unwrap_err();
    assert!(
        error
            .message
            .ends_with("exited with status 1, which means findings, but its output has none"),
        "{}",
        error.message
    );
}

#[test]
fn pass_fail_turns_a_finding_code_into_one_finding() {
    let repo = Repo::new();
    repo.tool("check", "echo 'schema: 2 errors'\necho 'details on stderr' >&2\nexit 1\n");
    let text = "command = [\"sh\", \"{root}/bin/check.sh\"]\nfiles = [\"python\"]\n\
                parser = \"pass-fail\"\ndefault-code = \"failed\"";
    let table: toml::Table = text.parse().unwrap();
    let checker = ExternalChecker::new("check", resolve("check", Some(&table)).unwrap().unwrap());
    let output = repo.run(&checker, &[repo.file("a.py")]).unwrap();
    assert_eq!(output.findings.len(), 1);
    let finding = &output.findings[0];
    assert_eq!((finding.path.as_str(), finding.code.as_str()), (".", "check:failed"));
    assert_eq!(finding.message, "schema: 2 errors\ndetails on stderr");
    repo.tool("check", "echo fine\n");
    assert!(repo.run(&checker, &[repo.file("a.py")]).unwrap().findings.is_empty());
}

#[test]
fn ten_megabytes_on_both_streams_do_not_deadlock() {
    let repo = Repo::new();
    // stderr first: a runner reading only stdout would block the tool here.
    repo.tool(
        "flood",
        "head -c 10000000 /dev/zero | tr '\\0' e >&2\n\
         head -c 10000000 /dev/zero | tr '\\0' o\n\
         printf '\\n%s:7: found after the flood\\n' \"$1\"\nexit 1\n",
    );
    let checker = repo.checker("flood", &regex_tool(""));
    let output = repo.run(&checker, &[repo.file("a.py")]).unwrap();
    assert_eq!(output.findings.len(), 1);
    let finding = &output.findings[0];
    assert_eq!((finding.path.as_str(), finding.start.line), ("a.py", 7));
    assert_eq!(finding.message, "found after the flood");
}

const ODD_NAMES: [&str; 5] =
    ["with space.py", "quote'\"s.py", "new\nline.py", "ünïcödé.py", "-dash.py"];

#[test]
fn odd_file_names_arrive_intact() {
    let repo = Repo::new();
    repo.tool("args", "printf '%s\\0' \"$@\" > \"$(dirname \"$0\")/args\"\n");
    let checker = repo.checker("args", &regex_tool("double-dash = true"));
    let files: Vec<BatchFile> = ODD_NAMES.iter().map(|n| repo.file(n)).collect();
    assert!(repo.run(&checker, &files).unwrap().findings.is_empty());
    let args = std::fs::read(repo.root().join("bin/args")).unwrap();
    let args: Vec<String> = args
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8(a.to_vec()).unwrap())
        .collect();
    let mut expected = vec!["--".to_string()];
    expected.extend(ODD_NAMES.iter().map(|n| n.to_string()));
    // A leading dash is made harmless even for tools that reject `--`.
    expected[5] = "./-dash.py".into();
    assert_eq!(args, expected);
}

#[test]
fn findings_come_back_to_the_odd_names_they_are_about() {
    let repo = Repo::new();
    // Per file: each finding names no path, so it belongs to the one file.
    repo.tool("each", "test -f \"$1\" && echo 'looked at it'\nexit 1\n");
    let text = "command = [\"sh\", \"{root}/bin/each.sh\", \"{file}\"]\nfiles = [\"python\"]\n\
                parser = \"regex\"\npattern = '^(?P<message>looked at it)$'";
    let table: toml::Table = text.parse().unwrap();
    let checker = ExternalChecker::new("each", resolve("each", Some(&table)).unwrap().unwrap());
    let files: Vec<BatchFile> = ODD_NAMES.iter().map(|n| repo.file(n)).collect();
    let output = repo.run(&checker, &files).unwrap();
    let mut paths: Vec<&str> = output.findings.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    let mut expected = ODD_NAMES.to_vec();
    expected.sort_unstable();
    assert_eq!(paths, expected);
}

#[test]
fn batches_split_by_max_batch_and_absolute_paths_come_back_relative() {
    let repo = Repo::new();
    repo.tool(
        "batch",
        "echo $# >> \"$(dirname \"$0\")/counts\"\n\
         for f in \"$@\"; do printf '%s:2: checked\\n' \"$PWD/$f\"; done\nexit 1\n",
    );
    let checker = repo.checker("batch", &regex_tool("max-batch = 2"));
    std::fs::create_dir(repo.root().join("src")).unwrap();
    let names = ["a.py", "b.py", "src/c.py", "src/d.py", "e.py"];
    let files: Vec<BatchFile> = names.iter().map(|n| repo.file(n)).collect();
    let output = repo.run(&checker, &files).unwrap();
    let mut paths: Vec<&str> = output.findings.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(paths, ["a.py", "b.py", "e.py", "src/c.py", "src/d.py"]);
    assert!(output.findings.iter().all(|f| f.code == "batch:finding"));
    let counts = std::fs::read_to_string(repo.root().join("bin/counts")).unwrap();
    let mut counts: Vec<&str> = counts.lines().collect();
    counts.sort_unstable();
    assert_eq!(counts, ["1", "2", "2"]);
}

#[test]
fn output_can_be_read_from_a_temporary_file() {
    let repo = Repo::new();
    repo.tool(
        "report",
        "echo 'noise on stdout'\nprintf '%s:4: from the report\\n' \"$2\" > \"$1\"\nexit 1\n",
    );
    let text = "command = [\"sh\", \"{root}/bin/report.sh\", \"{tmpfile}\", \"{files}\"]\n\
                files = [\"python\"]\noutput = \"file\"\n";
    let table: toml::Table = format!("{text}{}", regex_tool("")).parse().unwrap();
    let checker = ExternalChecker::new("report", resolve("report", Some(&table)).unwrap().unwrap());
    let output = repo.run(&checker, &[repo.file("a.py")]).unwrap();
    let found: Vec<(&str, u32, &str)> = output
        .findings
        .iter()
        .map(|f| (f.path.as_str(), f.start.line, f.message.as_str()))
        .collect();
    assert_eq!(found, [("a.py", 4, "from the report")]);
}

fn missing_tool(required: bool) -> ExternalChecker {
    let text = format!(
        "command = [\"lintgate-no-such-tool\", \"{{files}}\"]\nfiles = [\"python\"]\n\
         parser = \"sarif\"\ninstall = \"pip install no-such-tool\"\nrequired = {required}"
    );
    let table: toml::Table = text.parse().unwrap();
    ExternalChecker::new("ghost", resolve("ghost", Some(&table)).unwrap().unwrap())
}

#[test]
fn a_missing_required_tool_is_an_error_that_says_how_to_install_it() {
    let repo = Repo::new();
    let error = repo.run(&missing_tool(true), &[repo.file("a.py")]).unwrap_err();
    assert_eq!(
        error.message,
        "`lintgate-no-such-tool` is not installed or not on PATH, and the ghost checker needs it \
         (install it with `pip install no-such-tool`); set `required = false` in [checkers.ghost] \
         to skip the checker when the tool is missing"
    );
}

#[test]
fn a_missing_optional_tool_is_a_note() {
    let repo = Repo::new();
    let output = repo.run(&missing_tool(false), &[repo.file("a.py")]).unwrap();
    assert!(output.findings.is_empty());
    assert_eq!(output.notes.len(), 1);
    assert_eq!(
        output.notes[0].message,
        "the ghost checker did not run: `lintgate-no-such-tool` is not installed or not on PATH \
         (install it with `pip install no-such-tool`)"
    );
}

#[test]
fn handles_follows_files_and_exclude() {
    let repo = Repo::new();
    let checker = repo.checker("any", &regex_tool("exclude = [\"vendor/**\"]"));
    let file =
        |path: &str, kind| BatchFile { path: path.into(), disk_path: PathBuf::from(path), kind };
    assert!(checker.handles(&file("src/a.py", FileKind::Python)));
    assert!(!checker.handles(&file("vendor/b.py", FileKind::Python)));
    assert!(!checker.handles(&file("run.sh", FileKind::Shell)));
    assert_eq!(checker.name(), "any");
}

#[test]
fn a_working_directory_below_the_root_keeps_paths_repository_relative() {
    let repo = Repo::new();
    repo.tool(
        "where",
        "for f in \"$@\"; do printf '%s:1: seen from %s\\n' \"$f\" \"${PWD##*/}\"; done\nexit 1\n",
    );
    std::fs::create_dir(repo.root().join("sub")).unwrap();
    let checker = repo.checker("where", &regex_tool("cwd = \"sub\""));
    let output = repo.run(&checker, &[repo.file("sub/in.py"), repo.file("out.py")]).unwrap();
    let mut found: Vec<(&str, &str)> =
        output.findings.iter().map(|f| (f.path.as_str(), f.message.as_str())).collect();
    found.sort_unstable();
    assert_eq!(found, [("out.py", "seen from sub"), ("sub/in.py", "seen from sub")]);
    let lost = repo.checker("where", &regex_tool("cwd = \"missing\""));
    let error = repo.run(&lost, &[repo.file("out.py")]).unwrap_err();
    assert!(error.message.starts_with("[checkers.where] cwd: /"), "{}", error.message);
    assert!(error.message.ends_with("/missing is not a directory"), "{}", error.message);
}
