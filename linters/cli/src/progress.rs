//! A progress line on standard error for long local runs: shown only on a
//! terminal, only after a second (short runs never flicker), never in CI
//! (`CI` set) and never when standard output carries a machine report.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

const DELAY: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(100);

/// Counts checked files; draws them while the run lasts.
pub struct Progress {
    pub files: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
    drawer: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the counter; the line is drawn only when `wanted` and the
    /// environment allows it.
    pub fn start(wanted: bool) -> Progress {
        let files = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let allowed = wanted && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let drawer = allowed.then(|| {
            let (files, done) = (files.clone(), done.clone());
            std::thread::spawn(move || draw(&files, &done))
        });
        Progress { files, done, drawer }
    }

    pub fn finish(mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

fn draw(files: &AtomicUsize, done: &AtomicBool) {
    let start = Instant::now();
    while start.elapsed() < DELAY {
        if done.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(TICK);
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} files checked")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    while !done.load(Ordering::Relaxed) {
        bar.set_position(files.load(Ordering::Relaxed) as u64);
        bar.tick();
        std::thread::sleep(TICK);
    }
    bar.finish_and_clear();
}
