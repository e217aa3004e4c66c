//! Inputs that must be handled without panics, hangs or silent skips:
//! unreadable files and directories, symlink loops, huge files, FIFOs,
//! and what pushes the parsers to their limits.

mod common;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::process::Command;

use common::{BIN, Repo, run_command};

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// Runs lintgate as an unprivileged user when the tests run as root, since
/// root reads files whatever their permissions.
fn lint_unprivileged(repo: &Repo, args: &[&str]) -> common::Run {
    if !is_root() {
        return repo.lint(args);
    }
    std::fs::set_permissions(repo.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = Command::new("setpriv");
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN])
        .args(args)
        .current_dir(repo.path());
    run_command(&mut command, None, repo.path())
}

#[test]
fn unreadable_file_and_directory_are_findings_and_the_rest_is_checked() {
    let repo = Repo::new();
    repo.write("ok.py", "<<<<<<< HEAD\n");
    let secret = repo.write("secret.py", "x = 1\n");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    repo.write("locked/inner.py", "x = 1\n");
    std::fs::set_permissions(repo.path().join("locked"), std::fs::Permissions::from_mode(0o000))
        .unwrap();
    let run = lint_unprivileged(
        &repo,
        &["lint", "--format", "json", "--color", "never", "--select", "LG"],
    );
    assert_eq!(run.status, 1, "{}", run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let summary: Vec<(String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().into(), f["code"].as_str().unwrap().into()))
        .collect();
    let expected: Vec<(String, String)> =
        [("locked", "LG002"), ("ok.py", "LG005"), ("secret.py", "LG002")]
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .to_vec();
    assert_eq!(summary, expected, "{}", run.stdout);
    assert!(run.stdout.contains("Permission denied"), "{}", run.stdout);
    std::fs::set_permissions(repo.path().join("locked"), std::fs::Permissions::from_mode(0o755))
        .unwrap();
}

#[test]
fn symlinks_are_not_followed_and_loops_do_not_hang() {
    let repo = Repo::new();
    let outside = Repo::new();
    outside.write("elsewhere.py", "<<<<<<< HEAD\n");
    repo.write("src/a.py", "x = 1\n");
    symlink(repo.path().join("src"), repo.path().join("src/loop")).unwrap();
    symlink(outside.path(), repo.path().join("outside")).unwrap();
    symlink(outside.path().join("elsewhere.py"), repo.path().join("link.py")).unwrap();
    let run = repo.lint(&["lint", "--show-notes"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    for note in [
        "note: link.py: symbolic link not followed",
        "note: outside: symbolic link not followed",
        "note: src/loop: symbolic link not followed",
    ] {
        assert!(run.stdout.contains(note), "missing `{note}` in\n{}", run.stdout);
    }
    assert!(run.stdout.contains("1 file checked"), "{}", run.stdout);
    // Named explicitly, a link is followed.
    assert_eq!(repo.lint(&["lint", "link.py"]).status, 1);
}

#[test]
fn huge_files_are_skipped_with_a_note_and_large_ones_checked() {
    let repo = Repo::new();
    let mut huge = vec![b'x'; 50 * 1024 * 1024];
    huge.extend_from_slice(b"\n<<<<<<< HEAD\n");
    repo.write("huge.py", &huge);
    let mut large = vec![b'y'; 5 * 1024 * 1024];
    large.extend_from_slice(b"\n<<<<<<< HEAD\n");
    repo.write("large.py", &large);
    let run = repo.lint(&["lint", "--show-notes", "--format", "json", "--select", "LG"]);
    assert_eq!(run.status, 1, "{}", run.transcript());
    let out: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(out["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(out["diagnostics"][0]["path"], "large.py");
    assert_eq!(out["notes"][0]["path"], "huge.py");
    assert!(out["notes"][0]["message"].as_str().unwrap().contains("over the 10 MiB size limit"));
}

#[test]
fn a_fifo_is_a_finding_not_a_hang() {
    let repo = Repo::new();
    let status = Command::new("mkfifo").arg(repo.path().join("pipe.py")).status().unwrap();
    assert!(status.success());
    repo.write("ok.py", "x = 1\n");
    // Walked: not a regular file, so not a candidate.
    assert_eq!(repo.lint(&["lint"]).status, 0);
    // Named: reported, not read.
    let run = repo.lint(&["lint", "pipe.py", "ok.py"]);
    assert_eq!(run.status, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("error[LG002]: cannot read the file: not a regular file"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_megabyte_one_liner_and_deep_nesting_are_checked_without_overflow() {
    let repo = Repo::new();
    let mut line = String::from("#!/bin/bash\n");
    while line.len() < 1024 * 1024 {
        line.push_str("echo $x; ");
    }
    line.push('\n');
    repo.write("long.sh", &line);
    let depth = 5000;
    let nested = format!("#!/bin/sh\n{}echo $y{}\n", "(".repeat(depth), ")".repeat(depth));
    repo.write("deep.sh", &nested);
    let run = repo.lint(&["lint", "--format", "json", "--select", "SC2086,LG201"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let count =
        |path: &str| findings.as_array().unwrap().iter().filter(|f| f["path"] == path).count();
    assert!(count("long.sh") > 100_000, "every `$x` on the long line is found");
    // tree-sitter-bash gives up on 5,000 levels: one parse error, no crash.
    assert_eq!(count("deep.sh"), 1, "{}", run.stdout);
}

#[test]
fn python_deep_nesting_and_a_five_megabyte_line_are_checked() {
    let repo = Repo::new();
    let depth = 10_000;
    repo.write("lists.py", format!("x = {}{}\nprint(y)\n", "[".repeat(depth), "]".repeat(depth)));
    repo.write("unary.py", format!("x = {}1\nprint(y)\n", "-".repeat(depth)));
    repo.write("calls.py", format!("x = {}0{}\nprint(y)\n", "f(".repeat(depth), ")".repeat(depth)));
    repo.write("long.py", format!("import os\nx = \"{}\"\n", "a".repeat(5 * 1024 * 1024)));
    let run = repo.lint(&["lint", "--format", "json", "--select", "F821,F401,E501"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes = |path: &str| -> Vec<String> {
        findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"] == path)
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    // The whole tree is visited: the name after the deep line is still read.
    for deep in ["lists.py", "unary.py", "calls.py"] {
        assert!(codes(deep).contains(&"F821".to_string()), "{deep}: {}", run.stdout);
    }
    assert_eq!(codes("long.py"), ["F401", "E501"], "{}", run.stdout);
}

#[test]
fn markdown_deep_nesting_big_tables_odd_links_and_broken_input_are_checked() {
    let repo = Repo::new();
    let deep_lists: String = (0..1000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
    repo.write("lists.md", format!("# Lists\n\n{deep_lists}\n# Again\n"));
    repo.write("quotes.md", format!("# Quotes\n\n{} deep\n\n# Again\n", ">".repeat(1000)));
    let row = format!("| {} |\n", ["cell"; 20].join(" | "));
    let table = row.repeat(5 * 1024 * 1024 / row.len());
    repo.write(
        "table.md",
        format!("# Table\n\n| {} |\n|{}\n{table}", ["h"; 20].join(" | "), "---|".repeat(20)),
    );
    repo.write("paragraph.md", format!("# Long\n\n{}\n", "word ".repeat(2_000_000)));
    repo.write("fence.md", "# Fence\n\n```sh\nnever closed\n");
    repo.write("front.md", "---\ntitle: [unclosed\n# Not a heading\n");
    repo.write("html.md", "# HTML\n\n<div>\n# not a heading, inside HTML\n\n</div>\n");
    repo.write("crlf.md", "# CRLF\r\n\r\nText  \r\n");
    repo.write("links.md", "# Links\n\n[a](my%20file.md) <https://example.com> [dir](sub/) [é](%C3%A9t%C3%A9.md) [up](../../../../../../../../../../x)\n\n[linked](linked.md) [dir link](docs) [dangling](dangling.md)\n");
    // Link targets behind symlinks count as there; a dangling one does not.
    symlink(repo.path().join("my file.md"), repo.path().join("linked.md")).unwrap();
    symlink(repo.path().join("sub"), repo.path().join("docs")).unwrap();
    symlink(repo.path().join("nowhere.md"), repo.path().join("dangling.md")).unwrap();
    repo.write("my file.md", "# File\n");
    repo.write("été.md", "# Été\n");
    std::fs::create_dir_all(repo.path().join("sub")).unwrap();
    repo.write("bad-utf8.md", b"# Bytes\n\n\xff\xfe\n".as_slice());
    // Shapes that once crashed or took quadratic time: an e-mail-like word
    // after a multibyte character, a line of list markers, a line of
    // comments, many links to missing fragments.
    repo.write("email.md", format!("# Mail\n\né@example.com {}@example.com\n", "é".repeat(90)));
    repo.write("markers.md", format!("# Markers\n\n{}x `a\ncode`\n", "- ".repeat(50_000)));
    repo.write("comments.md", format!("# Comments\n\n{}\n", "x <!-- a -->".repeat(50_000)));
    let fragments: String =
        (0..5_000).map(|i| format!("## H{i}\n\n[x](#missing-{i})\n\n")).collect();
    repo.write("fragments.md", format!("# Fragments\n\n{fragments}"));
    let run = repo.lint(&["lint", "--format", "json", "--select", "MD,LG"]);
    assert!(run.status <= 1, "{}", run.transcript());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes = |path: &str| -> Vec<String> {
        let mut codes: Vec<String> = findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"] == path)
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        codes.dedup();
        codes
    };
    // Deeply nested files are read to the end: the heading after the nesting is found.
    assert!(codes("lists.md").contains(&"MD025".to_string()), "{}", run.stdout);
    assert!(codes("quotes.md").contains(&"MD025".to_string()), "{}", run.stdout);
    assert!(codes("paragraph.md").contains(&"MD013".to_string()));
    assert_eq!(codes("links.md"), ["LG403", "LG401"], "{}", run.stdout);
    assert!(run.stdout.contains("dangling.md does not exist"), "{}", run.stdout);
    assert_eq!(codes("bad-utf8.md"), ["LG003"]);
    for checked in ["email.md", "markers.md", "comments.md"] {
        assert!(!codes(checked).contains(&"LG004".to_string()), "{checked}: {}", run.stdout);
    }
    assert!(codes("fragments.md").contains(&"MD051".to_string()));
    assert!(codes("crlf.md").is_empty(), "CRLF line ends are not trailing spaces: {}", run.stdout);
    // Markdown-looking text inside an HTML block is not a heading: only the
    // HTML element itself is reported.
    assert_eq!(codes("html.md"), ["MD033"], "{}", run.stdout);
}
