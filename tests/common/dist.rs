//! The release artefacts, built once per test binary by the real
//! `cargo xtask dist` (maturin and the release profile), and a `PATH` that
//! has no Rust toolchain on it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::project_dir;

pub struct Dist {
    pub dir: PathBuf,
    pub version: &'static str,
    pub wheel: PathBuf,
    /// `lintgate-<version>-x86_64-unknown-linux-gnu.tar.gz`
    pub tarball: String,
}

impl Dist {
    pub fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.join(name)).unwrap()
    }
}

/// Runs `cargo xtask dist` into `target/dist-tests/<test binary>/` once.
pub fn dist() -> &'static Dist {
    static DIST: OnceLock<Dist> = OnceLock::new();
    DIST.get_or_init(|| {
        let exe = std::env::current_exe().unwrap();
        let stem = exe.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = project_dir().join("target/dist-tests").join(stem);
        let output = Command::new(env!("CARGO"))
            .args(["xtask", "dist", "--out"])
            .arg(&dir)
            .current_dir(project_dir())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "cargo xtask dist failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let version = lintgate_engine::VERSION;
        let wheel = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "whl"))
            .expect("a wheel in dist/");
        Dist {
            dir,
            version,
            wheel,
            tarball: format!("lintgate-{version}-x86_64-unknown-linux-gnu.tar.gz"),
        }
    })
}

/// `PATH` without cargo, rustc or the freshly built lintgate: only the
/// system's directories, plus `extra` in front.
pub fn path_without_rust(extra: &[&Path]) -> OsString {
    let mut dirs: Vec<PathBuf> = extra.iter().map(|p| p.to_path_buf()).collect();
    dirs.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(PathBuf::from));
    let path = std::env::join_paths(dirs).unwrap();
    for tool in ["cargo", "rustc", "lintgate"] {
        let found = std::env::split_paths(&path).map(|d| d.join(tool)).find(|p| p.exists());
        assert!(found.is_none(), "{tool} is on the test PATH: {found:?}");
    }
    path
}
