//! A sync of the index on a thread of its own, so a reader can show what the index already
//! holds while the rest is built: it takes the writer's lock (waiting for another process that
//! holds it, and saying so), opens its own connection, and reports its progress and its end
//! as messages. Readers on other connections see each committed batch (WAL). `cancel` stops
//! it between files: what was committed stays, and the next sync finishes the work.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use super::store::{open_connection, sync_error, try_lock};
use super::sync::{Progress, SyncReport, sync_until};
use super::{schema, write::Recent};
use crate::corpus::catalogue::Catalogue;
use crate::corpus::files::Links;
use crate::diag::Diagnostic;

/// How often the lock is tried again while another process holds it.
const LOCK_POLL: Duration = Duration::from_millis(100);

/// What a background sync tells its owner, in order.
#[derive(Debug)]
pub enum Event {
    /// Another process holds the writer's lock (it is building the index): this sync waits
    /// for it; the rows that process commits can be read meanwhile.
    Waiting,
    /// The lock is taken; the sync begins.
    Started,
    Progress(Progress),
    /// The sync ended: what it did and the files it could not index this time, or why it
    /// failed (the index stays as it was committed).
    Finished(Result<(SyncReport, Vec<Diagnostic>), String>),
    /// Stopped by `cancel` (or by its owner going away); what was committed stays.
    Cancelled,
}

/// What a background sync works on.
#[derive(Clone, Debug)]
pub struct Job {
    pub dir: PathBuf,
    pub cache_dir: PathBuf,
    pub catalogue: Catalogue,
    pub links: Links,
}

/// A running background sync. Dropping it stops the sync (without waiting).
pub struct BackgroundSync {
    events: Receiver<Event>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    ended: bool,
}

impl BackgroundSync {
    /// Starts syncing `job` on a new thread.
    pub fn start(job: Job) -> BackgroundSync {
        let (sender, events) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let thread = std::thread::Builder::new()
            .name("dossier-sync".into())
            .spawn(move || run(&job, &flag, &sender));
        let (thread, ended) = match thread {
            Ok(handle) => (Some(handle), false),
            Err(e) => {
                // Without a thread there is no sync: say so as its end.
                let (sender, receiver) = channel();
                let _ = sender.send(Event::Finished(Err(format!(
                    "cannot start the index's sync: {e}"
                ))));
                return BackgroundSync {
                    events: receiver,
                    cancel,
                    thread: None,
                    ended: false,
                };
            }
        };
        BackgroundSync {
            events,
            cancel,
            thread,
            ended,
        }
    }

    /// The events that arrived since the last call, in order.
    pub fn events(&mut self) -> Vec<Event> {
        let events: Vec<Event> = self.events.try_iter().collect();
        if events
            .iter()
            .any(|e| matches!(e, Event::Finished(_) | Event::Cancelled))
        {
            self.ended = true;
        }
        events
    }

    /// Whether the sync has reported its end.
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// Asks the sync to stop soon; the events still say when it has.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Stops the sync and waits for it up to `patience` (the batch being written is
    /// committed); whether it ended in time. A sync that does not end in time is left to the
    /// process's end, which SQLite survives as it survives a crash (the open transaction is
    /// rolled back).
    pub fn stop(mut self, patience: Duration) -> bool {
        self.cancel();
        if self.ended {
            return true;
        }
        let deadline = std::time::Instant::now() + patience;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(Event::Finished(_) | Event::Cancelled) => break,
                Ok(_) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => return false,
            }
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.ended = true;
        true
    }
}

impl Drop for BackgroundSync {
    fn drop(&mut self) {
        self.cancel();
    }
}

fn run(job: &Job, cancel: &AtomicBool, events: &Sender<Event>) {
    let send = |event| {
        // The owner went away: stop.
        if events.send(event).is_err() {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let ended = match sync_job(job, cancel, &send) {
        Ok(Some(done)) => Event::Finished(Ok(done)),
        Ok(None) => Event::Cancelled,
        Err(message) => Event::Finished(Err(message)),
    };
    let _ = events.send(ended);
}

/// The sync itself; `None` when it was cancelled.
fn sync_job(
    job: &Job,
    cancel: &AtomicBool,
    send: &(dyn Fn(Event) + Sync),
) -> Result<Option<(SyncReport, Vec<Diagnostic>)>, String> {
    let path = schema::index_path(&job.cache_dir, &job.dir);
    let lock_path = path.with_extension("lock");
    let shown = |e: &dyn std::fmt::Display, p: &Path| format!("{}: {e}", p.display());
    std::fs::create_dir_all(&job.cache_dir).map_err(|e| shown(&e, &job.cache_dir))?;
    let mut said_waiting = false;
    let _lock = loop {
        if cancel.load(Ordering::Relaxed) {
            return Ok(None);
        }
        match try_lock(&lock_path).map_err(|e| shown(&e, &lock_path))? {
            Some(lock) => break lock,
            None => {
                if !said_waiting {
                    said_waiting = true;
                    send(Event::Waiting);
                }
                std::thread::sleep(LOCK_POLL);
            }
        }
    };
    send(Event::Started);
    let gate = test_gate::Gate::from_env(cancel);
    gate.pass(0);
    let mut conn = open_connection(&path).map_err(|e| e.to_string())?;
    let commits = std::sync::atomic::AtomicUsize::new(0);
    let progress = |p: Progress| {
        send(Event::Progress(p));
        if let Progress::Indexed { .. } = p {
            gate.pass(commits.fetch_add(1, Ordering::Relaxed) + 1);
        }
    };
    let mut recent = Recent::new();
    match sync_until(
        &mut conn,
        &job.dir,
        &job.catalogue,
        job.links,
        &progress,
        cancel,
        &mut recent,
    ) {
        Ok(done) => Ok(Some(done)),
        Err(super::sync::SyncError::Cancelled) => Ok(None),
        Err(error) => Err(sync_error(&path, error).to_string()),
    }
}

/// A hook for the tests of the reader's start: with `DOSSIER_TEST_SYNC_GATE` naming a file,
/// the sync waits before it begins and after each committed batch until the file holds a
/// number larger than the batches committed so far (`1` lets the first batch through, a large
/// number all of them), so a test orders what it sees by events instead of by time.
mod test_gate {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    pub struct Gate<'a> {
        file: Option<PathBuf>,
        cancel: &'a AtomicBool,
    }

    impl Gate<'_> {
        pub fn from_env(cancel: &AtomicBool) -> Gate<'_> {
            Gate {
                file: std::env::var_os("DOSSIER_TEST_SYNC_GATE").map(PathBuf::from),
                cancel,
            }
        }

        /// Waits until `passed` batches may be followed by another (or the sync is stopped).
        pub fn pass(&self, passed: usize) {
            let Some(file) = &self.file else { return };
            while !self.cancel.load(Ordering::Relaxed) {
                let allowed: usize = std::fs::read_to_string(file)
                    .ok()
                    .and_then(|t| t.trim().parse().ok())
                    .unwrap_or(0);
                if allowed > passed {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}
