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
        .env("XDG_CACHE_HOME", dir.join("cache"))
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

/// The peak resident memory of a running process in KiB (`VmHWM`), if it is still running.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `command` to the end; panics when it is still running after `limit` (and kills it).
/// Peak memory is sampled from `/proc` while it runs: `VmHWM` belongs to the program itself,
/// whereas the `maxrss` of `wait4` also counts the test process it was spawned from.
pub fn run_within(mut command: Command, limit: Duration) -> Finished {
    let start = Instant::now();
    let mut child = command.spawn().expect("start dossier");
    let pid = child.id();
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
    let mut max_rss_kib = 0;
    let status = loop {
        // Sampled before the check for exit, so the last sample is from near the end.
        if let Some(kib) = peak_kib(pid) {
            max_rss_kib = max_rss_kib.max(kib);
        }
        match child.try_wait().expect("wait for dossier") {
            Some(status) => break status,
            None if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "dossier {:?} still running after {limit:?}",
                    command.get_args()
                );
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    };
    Finished {
        code: status.code(),
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
        elapsed: start.elapsed(),
        max_rss_kib,
    }
}
