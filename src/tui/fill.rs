//! The list filling while the index is brought up to date: the reader draws its first frame
//! from what the index holds, then a sync runs on a thread of its own (`BackgroundSync`). Each
//! batch it commits is taken into the shelf (rows appear in order; ids, the selection, the
//! filter, the history and the open article stay), the status bar says how far it is, and its
//! end is taken in whole (changed articles read again, removed ones gone). When another
//! process holds the index's lock, the rows it commits are picked up by polling the index's
//! data version. Errors go to the status line; the reader goes on with the rows it has.

use std::time::{Duration, Instant};

use super::app::App;
use super::effect::Status;
use crate::store::sqlite::Progress;
use crate::store::sqlite::background::{BackgroundSync, Event};

/// How often events are looked for while a sync runs.
const LOOK_EVERY: Duration = Duration::from_millis(100);
/// Committed rows are taken in at most this often (the first batch at once).
const REFRESH_EVERY: Duration = Duration::from_millis(700);
/// How often the index is polled while another process builds it.
const POLL_EVERY: Duration = Duration::from_millis(500);
/// How long the end of a sync stays in the status bar.
const SHOW_END: Duration = Duration::from_secs(4);
/// How long quitting waits for a sync to stop (it commits the batch it is writing); one that
/// takes longer is ended with the process, which SQLite takes as it takes a crash.
const STOP_PATIENCE: Duration = Duration::from_secs(1);

/// A running (or ended) sync of the shelf's index.
#[derive(Default)]
pub struct Fill {
    sync: Option<BackgroundSync>,
    /// Another process holds the lock: its commits are polled for.
    elsewhere: bool,
    /// Another process held the lock during this sync (its rows may not all be taken in).
    shared: bool,
    /// The index's data version when last looked at.
    version: Option<i64>,
    next_poll: Option<Instant>,
    /// Rows were committed since the shelf last took them in.
    pending: bool,
    /// When the shelf last took rows in (`None`: not yet during this sync).
    refreshed: Option<Instant>,
    /// When the end's message leaves the status bar.
    clear_at: Option<Instant>,
}

impl Fill {
    /// Says in the status bar (and in an empty list) that the index is being checked or
    /// built, before the first frame; nothing for a shelf without an index.
    pub fn announce(app: &mut App) {
        if !app.shelf().library().syncs() {
            return;
        }
        let text = if app.shelf().is_empty() {
            "building the index…"
        } else {
            "checking for changes…"
        };
        app.set_shelf_activity(Some(text.to_string()));
    }

    /// Starts bringing the shelf's index up to date (stopping a sync that runs, which
    /// commits what it has); nothing for a shelf without an index.
    pub fn start(&mut self, app: &mut App) {
        if let Some(running) = self.sync.take() {
            running.stop(STOP_PATIENCE);
        }
        *self = Fill::default();
        self.sync = app.shelf().library().background_sync();
        if self.sync.is_some() && app.shelf().activity().is_none() {
            Fill::announce(app);
        }
    }

    /// Whether a sync runs.
    pub fn running(&self) -> bool {
        self.sync.as_ref().is_some_and(|s| !s.ended())
    }

    /// When to look again (`None`: nothing to look for).
    pub fn deadline(&self, now: Instant) -> Option<Instant> {
        if self.running() {
            Some(now + LOOK_EVERY)
        } else {
            self.clear_at
        }
    }

    /// Takes in what the sync reported; whether the screen changed.
    pub fn look(&mut self, app: &mut App, now: Instant) -> bool {
        let mut changed = false;
        if self.clear_at.is_some_and(|at| now >= at) {
            self.clear_at = None;
            app.set_shelf_activity(None);
            changed = true;
        }
        let Some(sync) = &mut self.sync else {
            return changed;
        };
        let mut ended = None;
        for event in sync.events() {
            changed = true;
            match event {
                Event::Waiting => {
                    self.elsewhere = true;
                    self.shared = true;
                    self.version = app.shelf().library().store().data_version();
                    self.next_poll = Some(now + POLL_EVERY);
                    app.set_shelf_activity(Some(elsewhere(app.shelf().len())));
                }
                Event::Started => self.elsewhere = false,
                Event::Progress(Progress::Scanned { files, to_read }) => {
                    let text = if to_read == 0 {
                        format!("checked {} files", thousands(files))
                    } else {
                        format!("building the index… 0 of {}", thousands(to_read))
                    };
                    app.set_shelf_activity(Some(text));
                }
                Event::Progress(Progress::Indexed { done, total }) => {
                    self.pending = true;
                    app.set_shelf_activity(Some(format!(
                        "building the index… {} of {}",
                        thousands(done),
                        thousands(total)
                    )));
                }
                Event::Finished(result) => ended = Some(Some(result)),
                Event::Cancelled => ended = Some(None),
            }
        }
        if self.elsewhere && self.next_poll.is_some_and(|at| now >= at) {
            self.next_poll = Some(now + POLL_EVERY);
            let version = app.shelf().library().store().data_version();
            if version != self.version {
                self.version = version;
                self.pending = true;
            }
        }
        match ended {
            Some(Some(result)) => {
                self.end(app, result, now);
                return true;
            }
            Some(None) => {
                // Stopped on request: what was committed is shown.
                self.sync = None;
                let _ = app.refresh_shelf(true, false);
                app.set_shelf_activity(None);
                return true;
            }
            None => {}
        }
        let due = self
            .refreshed
            .is_none_or(|at| now.duration_since(at) >= REFRESH_EVERY);
        if self.pending && due {
            self.pending = false;
            self.refreshed = Some(now);
            if let Err(e) = app.refresh_shelf(false, false) {
                app.set_status(Status::error(format!("the index cannot be read: {e}")));
            }
            if self.elsewhere {
                app.set_shelf_activity(Some(elsewhere(app.shelf().len())));
            }
            changed = true;
        }
        changed
    }

    /// The sync ended: its changes are taken in whole and said.
    fn end(
        &mut self,
        app: &mut App,
        result: Result<
            (
                crate::store::sqlite::SyncReport,
                Vec<crate::diag::Diagnostic>,
            ),
            String,
        >,
        now: Instant,
    ) {
        self.sync = None;
        self.elsewhere = false;
        let (report, problems) = match result {
            Ok(done) => done,
            Err(why) => {
                // What was committed is shown; the next start finishes the work.
                let _ = app.refresh_shelf(true, false);
                app.set_shelf_activity(Some("index not up to date".to_string()));
                app.set_status(Status::error(format!(
                    "the index was not brought up to date (the articles shown are what it \
                     holds): {why}"
                )));
                return;
            }
        };
        let reread = report.updated + report.relinked > 0;
        let changed = reread || report.added + report.removed > 0;
        // A sync that found nothing to do leaves the rows shown as they are.
        if (changed || self.shared || self.refreshed.is_some())
            && let Err(e) = app.refresh_shelf(true, reread)
        {
            app.set_status(Status::error(format!("the index cannot be read: {e}")));
        }
        let changes = [
            (report.added, "added"),
            (report.updated, "changed"),
            (report.removed, "removed"),
            (report.relinked, "linked again"),
        ];
        let said: Vec<String> = changes
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{} {what}", thousands(*n)))
            .collect();
        let text = if said.is_empty() {
            "index up to date".to_string()
        } else {
            format!("index up to date: {}", said.join(", "))
        };
        app.set_shelf_activity(Some(text));
        self.clear_at = Some(now + SHOW_END);
        let unread: Vec<&crate::diag::Diagnostic> = problems
            .iter()
            .filter(|p| p.severity == crate::diag::Severity::Error)
            .collect();
        if let Some(first) = unread.first() {
            let more = match unread.len() - 1 {
                0 => String::new(),
                n => format!(" (+{n} more)"),
            };
            app.set_status(Status::error(format!("not indexed: {first}{more}")));
        }
    }

    /// Stops a running sync, waiting a little for it to commit the batch it writes.
    pub fn stop(&mut self) {
        if let Some(sync) = self.sync.take() {
            sync.stop(STOP_PATIENCE);
        }
    }
}

fn elsewhere(rows: usize) -> String {
    format!(
        "another dossier is building the index… {} articles so far",
        thousands(rows)
    )
}

/// 12345 as "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped_by_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
