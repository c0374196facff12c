//! Writing files the user keeps (reader state, exports): to a temp file in the same
//! directory, synced, then renamed over the target, so a reader of the file sees the old
//! content or the new, never half of it, whatever happens meanwhile (a crash, a kill -9).
//! Temp files a killed writer left behind are removed once their process is gone.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A temp file this old is left over whoever wrote it (a write takes milliseconds).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temp files of `path` (`.NAME.PID.N.tmp`) whose writer no longer runs, or that
/// are over an hour old: what a writer killed mid-write leaves behind.
pub fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split('.').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if pid != std::process::id() && (old || !running(pid)) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id exists (one of another user counts as running).
fn running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: kill(2) with signal 0 only checks that the process exists.
        if unsafe { libc::kill(pid, 0) } == 0 {
            return true;
        }
        io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Writes `bytes` to `path` through a temp file in the same directory, synced, then renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temp(path, bytes, |temp, path| fs::rename(temp, path))
}

/// Like `write_atomically`, but only when `path` does not exist yet: the temp file is linked
/// into place, which fails (`AlreadyExists`) when the name was taken meanwhile, so a file that
/// appeared in between is never replaced.
pub fn write_new_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temp(path, bytes, |temp, path| {
        fs::hard_link(temp, path)?;
        fs::remove_file(temp)
    })
}

/// An exclusive lock on `NAME.lock` beside `path`, held until the file is dropped; waits up to
/// `wait` for another holder (read-modify-write of a file the user keeps, such as the
/// catalogue, by two processes at once). `TimedOut` when it stays taken.
pub fn lock_beside(path: &Path, wait: std::time::Duration) -> io::Result<fs::File> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock = path.with_file_name(format!("{name}.lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)?;
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let deadline = std::time::Instant::now() + wait;
        loop {
            // SAFETY: flock(2) on a descriptor this function owns.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                return Ok(file);
            }
            if std::time::Instant::now() >= deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("{} is held by another process", lock.display()),
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    #[cfg(not(unix))]
    {
        let _ = wait;
        Ok(file)
    }
}

fn write_via_temp(
    path: &Path,
    bytes: &[u8],
    place: impl FnOnce(&Path, &Path) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per process and per call, so concurrent writers never share a temp file.
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        place(&temp, path)?;
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}
