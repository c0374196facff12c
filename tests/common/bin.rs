//! Running the `dossier` binary from tests: an isolated environment, a time limit (a hang is
//! a failure, never a stuck test run), and the time and peak memory of one run.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A command for `binary` in `dir`, with HOME and the XDG directories inside `dir` and no
/// `DOSSIER_*` variables, so the developer's own files never leak in.
pub fn command(binary: &Path, dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(binary);
    command
        .args(args)
        .current_dir(dir)
        .env_remove("DOSSIER_ARTICLES")
        .env_remove("DOSSIER_CATALOGUE")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("XDG_STATE_HOME", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// What one run did.
#[derive(Debug)]
pub struct Finished {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub elapsed: Duration,
    /// Peak resident memory of the process, in KiB.
    pub max_rss_kib: u64,
}

impl Finished {
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Runs `command` to the end; panics when it is still running after `limit` (and kills it).
/// The process is waited for with `wait4`, which reports the peak memory of that one child.
pub fn run_within(mut command: Command, limit: Duration) -> Finished {
    let start = Instant::now();
    let mut child = command.spawn().expect("start dossier");
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().expect("stdout piped");
    let mut err = child.stderr.take().expect("stderr piped");
    let out_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = out.read_to_end(&mut bytes);
        bytes
    });
    let err_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = err.read_to_string(&mut text);
        text
    });
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut status = 0;
        // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waiting for a child of this process with valid out-pointers.
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        let _ = sender.send((waited, status, usage.ru_maxrss as u64));
    });
    let Ok((waited, status, max_rss_kib)) = receiver.recv_timeout(limit) else {
        let _ = child.kill();
        panic!(
            "dossier {:?} still running after {limit:?}",
            command.get_args()
        );
    };
    let elapsed = start.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    // Reaped by wait4 already; dropping a `Child` neither waits nor kills.
    drop(child);
    Finished {
        code,
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
        elapsed,
        max_rss_kib,
    }
}
