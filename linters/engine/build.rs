//! Turns `rules/**/*.md` into the rule registry (`$OUT_DIR/rules.rs`), so
//! each rule's description file is the single source of its metadata.

#[path = "build/rule_doc.rs"]
mod rule_doc;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules_dir = manifest.join("../../rules");
    println!("cargo::rerun-if-changed={}", rules_dir.display());
    println!("cargo::rerun-if-changed=build/rule_doc.rs");

    let mut docs = Vec::new();
    for path in rule_files(&rules_dir) {
        let text = fs::read_to_string(&path).unwrap_or_else(|e| fail(&path, &e.to_string()));
        let doc = rule_doc::parse(&text).unwrap_or_else(|e| fail(&path, &e));
        let family = path.parent().and_then(Path::file_name).unwrap().to_string_lossy();
        let stem = path.file_stem().unwrap().to_string_lossy();
        if doc.code != stem {
            fail(&path, &format!("file is named {stem} but its code is {}", doc.code));
        }
        docs.push((family.into_owned(), doc));
    }
    docs.sort_by(|a, b| a.1.code.cmp(&b.1.code));
    for pair in docs.windows(2) {
        if pair[0].1.name == pair[1].1.name {
            panic!(
                "rules {} and {} share the name {}",
                pair[0].1.code, pair[1].1.code, pair[0].1.name
            );
        }
    }

    let mut out = String::from("pub static RULES: &[Rule] = &[\n");
    for (family, d) in &docs {
        let bytes = |b: &Option<Vec<u8>>| match b {
            Some(b) => format!("Some(&{b:?})"),
            None => "None".to_string(),
        };
        writeln!(
            out,
            "    Rule {{ code: {:?}, name: {:?}, family: {:?}, checker: {:?}, \
             severity: Severity::{}, enabled: {}, fix: FixAvailability::{}, since: {:?}, \
             summary: {:?}, body: {:?}, example_file: {:?}, no_example: {:?}, \
             example: {}, use_instead: {} }},",
            d.code,
            d.name,
            family,
            d.checker,
            capitalize(&d.severity),
            d.enabled,
            capitalize(&d.fix),
            d.since,
            d.summary,
            d.body,
            d.example_file,
            d.no_example,
            bytes(&d.example),
            bytes(&d.use_instead),
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("rules.rs");
    fs::write(dest, out).unwrap();
}

fn rule_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for family in fs::read_dir(dir).unwrap_or_else(|e| fail(dir, &e.to_string())) {
        let family = family.unwrap().path();
        if !family.is_dir() {
            continue;
        }
        println!("cargo::rerun-if-changed={}", family.display());
        for entry in fs::read_dir(&family).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn fail(path: &Path, message: &str) -> ! {
    panic!("{}: {message}", path.display())
}
