//! Running one tool process: its own process group, stdout and stderr read
//! at once on two threads (a tool that fills one pipe while we wait on the
//! other would otherwise deadlock), and a timeout that kills the whole
//! group, children included.

use std::ffi::OsString;
use std::io::{self, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

/// More output than this per stream is dropped (and reported): no linter
/// prints that much for a batch it can handle.
pub const MAX_OUTPUT: u64 = 64 * 1024 * 1024;
/// How long killed processes get to close their pipes.
const KILL_GRACE: Duration = Duration::from_secs(2);
/// Longest pause between checks for the process's exit.
const MAX_POLL: Duration = Duration::from_millis(20);

pub struct Spec<'a> {
    /// The executable, as found on `PATH` or below the working directory.
    pub program: &'a Path,
    /// The argv, whose first item the program sees as its name.
    pub argv: &'a [OsString],
    pub cwd: &'a Path,
    pub env: &'a [(String, String)],
    pub timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Exited(i32),
    Signaled(i32),
    TimedOut,
}

#[derive(Debug)]
pub struct Finished {
    pub status: Status,
    pub stdout: Captured,
    pub stderr: Captured,
}

#[derive(Debug, Default)]
pub struct Captured {
    pub bytes: Vec<u8>,
    /// More than [`MAX_OUTPUT`] was printed; the rest was dropped.
    pub truncated: bool,
}

#[derive(Debug)]
pub enum SpawnError {
    NotFound,
    Other(io::Error),
}

pub fn run(spec: &Spec) -> Result<Finished, SpawnError> {
    let mut command = Command::new(spec.program);
    if let Some(name) = spec.argv.first() {
        command.arg0(name);
    }
    command
        .args(spec.argv.iter().skip(1))
        .current_dir(spec.cwd)
        .envs(spec.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = command.spawn().map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => SpawnError::NotFound,
        _ => SpawnError::Other(e),
    })?;
    let outputs = Outputs::start(&mut child);
    let deadline = Instant::now() + spec.timeout;
    let mut outputs = outputs.collect(deadline);
    let exited = if outputs.complete() { wait_until(&mut child, deadline) } else { None };
    let status = match exited {
        Some(status) => status_of(status),
        None => {
            // The leader is not reaped yet, so its pid still names the group.
            kill_group(&mut child);
            outputs = outputs.collect(Instant::now() + KILL_GRACE);
            Status::TimedOut
        }
    };
    let (stdout, stderr) = outputs.finish();
    Ok(Finished { status, stdout, stderr })
}

fn status_of(status: ExitStatus) -> Status {
    match (status.code(), status.signal()) {
        (Some(code), _) => Status::Exited(code),
        (None, Some(signal)) => Status::Signaled(signal),
        (None, None) => Status::Exited(-1),
    }
}

/// Waits for the exit without reaping a process past `deadline`.
fn wait_until(child: &mut Child, deadline: Instant) -> Option<ExitStatus> {
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            Err(_) => return child.wait().ok(),
        }
        let now = Instant::now();
        if now >= deadline {
            return None;
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(MAX_POLL);
    }
}

/// Kills the process group the child leads (and so the children it
/// started), then reaps the child. `kill(1)` does the group kill because
/// lintgate has no unsafe code to call `kill(2)` itself.
fn kill_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    let _ = Command::new("kill")
        .args(["-KILL", "--", &group])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

#[derive(Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

/// The two reader threads and what they have returned so far.
struct Outputs {
    receiver: Receiver<(Stream, Captured)>,
    stdout: Option<Captured>,
    stderr: Option<Captured>,
}

impl Outputs {
    fn start(child: &mut Child) -> Outputs {
        let (sender, receiver) = mpsc::channel();
        let pipes: [(Stream, Option<Box<dyn Read + Send>>); 2] = [
            (Stream::Stdout, child.stdout.take().map(|p| Box::new(p) as _)),
            (Stream::Stderr, child.stderr.take().map(|p| Box::new(p) as _)),
        ];
        for (stream, pipe) in pipes {
            let sender = sender.clone();
            thread::spawn(move || {
                let captured = pipe.map(read_capped).unwrap_or_default();
                let _ = sender.send((stream, captured));
            });
        }
        Outputs { receiver, stdout: None, stderr: None }
    }

    fn complete(&self) -> bool {
        self.stdout.is_some() && self.stderr.is_some()
    }

    /// Takes what the readers finish before `deadline`.
    fn collect(mut self, deadline: Instant) -> Outputs {
        while !self.complete() {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.receiver.recv_timeout(left) {
                Ok((Stream::Stdout, captured)) => self.stdout = Some(captured),
                Ok((Stream::Stderr, captured)) => self.stderr = Some(captured),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        self
    }

    /// A reader still blocked (a process that left the group holds its
    /// pipe) is abandoned: it ends when that process does.
    fn finish(self) -> (Captured, Captured) {
        (self.stdout.unwrap_or_default(), self.stderr.unwrap_or_default())
    }
}

fn read_capped(mut pipe: Box<dyn Read + Send>) -> Captured {
    let mut bytes = Vec::new();
    // A read error (rare on a pipe) ends the output; what came is kept.
    let _ = (&mut pipe).take(MAX_OUTPUT).read_to_end(&mut bytes);
    let dropped = io::copy(&mut pipe, &mut io::sink()).unwrap_or(0);
    Captured { bytes, truncated: dropped > 0 }
}
