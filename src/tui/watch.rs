//! The user's keymap and settings, the articles and the catalogue, reloaded while the reader
//! runs. A change is applied only once the files have stopped changing (same size, time and
//! inode for `SETTLE`), so a file being written is never applied half-written; a broken edit
//! keeps the last good version in force. Changed articles or catalogue are read again whole:
//! the rows the index holds at once, then brought up to date by a background sync (`fill`).
//! The articles directory is looked at
//! less often the longer a look takes (a large directory is not listed twice a second).

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use super::app::App;
use super::effect::Status;
use super::fill::Fill;

/// The user's files the reader reloads when they change.
#[derive(Clone, Debug, Default)]
pub struct Watch {
    pub keys: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub no_color: bool,
    /// Where the articles and the catalogue come from: read again on `reload` and when a file
    /// there is added, changed or removed.
    pub inputs: Option<crate::paths::Inputs>,
}

/// How often the watched files are looked at.
const WATCH_EVERY: Duration = Duration::from_millis(500);
/// How often they are looked at while a change settles.
const WHILE_SETTLING: Duration = Duration::from_millis(100);
/// How long a changed file must stay the same before it is read.
pub const SETTLE: Duration = Duration::from_millis(400);

/// A file's modification time, length and inode, to notice edits (None: absent).
type Stamp = Option<(SystemTime, u64, u64)>;

fn stamp(path: &Option<PathBuf>) -> Stamp {
    let meta = std::fs::metadata(path.as_ref()?).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((meta.modified().ok()?, meta.len(), inode))
}

/// The articles directory's look is at most this share of the time (a look that takes 10 ms
/// comes every 500 ms, one that takes 100 ms every 2 s).
const DIRECTORY_SHARE: u32 = 20;

/// A fingerprint of the articles directory (every `*.md` with its modification time and
/// length) and one of the catalogue file; each changes when any of its files does.
fn corpus_stamp(inputs: &Option<crate::paths::Inputs>) -> Option<(u64, Stamp)> {
    use crate::paths::Origin;
    use std::hash::{Hash, Hasher};
    let inputs = inputs.as_ref()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    if let Origin::Disk(dir, _) = &inputs.articles
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        let mut files: Vec<_> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".md"))
            .map(|e| {
                let meta = e.metadata().ok();
                (
                    e.file_name(),
                    meta.as_ref().and_then(|m| m.modified().ok()),
                    meta.map(|m| m.len()),
                )
            })
            .collect();
        files.sort();
        files.hash(&mut hasher);
    }
    let catalogue = match &inputs.catalogue {
        Origin::Disk(file, _) => stamp(&Some(file.clone())),
        _ => None,
    };
    Some((hasher.finish(), catalogue))
}

/// One watched file or directory: what was applied, what was seen last and since when.
#[derive(Clone, Debug)]
struct Slot<S = Stamp> {
    applied: S,
    seen: S,
    since: Instant,
}

impl<S: PartialEq + Copy> Slot<S> {
    fn new(now: S, at: Instant) -> Slot<S> {
        Slot {
            applied: now,
            seen: now,
            since: at,
        }
    }

    /// Whether the file changed since it was applied and has been still for `SETTLE`.
    fn settled(&mut self, now: S, at: Instant) -> bool {
        if now != self.seen {
            self.seen = now;
            self.since = at;
        }
        if self.seen == self.applied || at.duration_since(self.since) < SETTLE {
            return false;
        }
        self.applied = self.seen;
        true
    }

    fn settling(&self) -> bool {
        self.seen != self.applied
    }
}

type CorpusStamp = Option<(u64, Stamp)>;

/// Watches the keymap, the settings, the articles and the catalogue.
pub struct Watcher {
    watch: Watch,
    keys: Slot,
    config: Slot,
    /// The articles and the catalogue as last looked at.
    corpus: Option<Slot<CorpusStamp>>,
    /// When the articles are looked at next, and how long the last look took.
    next_corpus: Instant,
    corpus_took: Duration,
    /// The index's sync, started when articles on an index change.
    fill: Fill,
}

impl Watcher {
    pub fn new(watch: Watch) -> Watcher {
        let now = Instant::now();
        Watcher {
            keys: Slot::new(stamp(&watch.keys), now),
            config: Slot::new(stamp(&watch.config), now),
            corpus: Some(Slot::new(corpus_stamp(&watch.inputs), now)),
            next_corpus: now,
            corpus_took: Duration::ZERO,
            fill: Fill::default(),
            watch,
        }
    }

    /// The index's sync (see `fill`).
    pub fn fill(&mut self) -> &mut Fill {
        &mut self.fill
    }

    /// When to look again.
    pub fn interval(&self) -> Duration {
        let settling = self.corpus.as_ref().is_some_and(Slot::settling);
        if self.keys.settling() || self.config.settling() || settling {
            WHILE_SETTLING
        } else {
            WATCH_EVERY
        }
    }

    /// The articles and the catalogue as they are now, and when to look at them next.
    fn corpus_now(&mut self, at: Instant) -> CorpusStamp {
        let started = Instant::now();
        let now = corpus_stamp(&self.watch.inputs);
        self.corpus_took = started.elapsed();
        self.next_corpus = at + self.corpus_took * DIRECTORY_SHARE;
        now
    }

    /// Reloads what changed and settled; whether the status bar changed. A sync of the index
    /// is started when articles on an index changed.
    pub fn look(&mut self, app: &mut App, at: Instant) -> bool {
        let mut changed = false;
        if self.keys.settled(stamp(&self.watch.keys), at) {
            changed = true;
            let path = self.watch.keys.as_deref().filter(|p| p.exists());
            match crate::config::load_keymap(path) {
                Ok((keymap, _)) => {
                    app.set_keymap(keymap);
                    app.set_status(Status::info("keymap reloaded"));
                }
                Err(errors) => app.set_status(Status::error(first_problem("keymap", &errors.0))),
            }
        }
        if self.config.settled(stamp(&self.watch.config), at) {
            changed = true;
            let path = self.watch.config.as_deref().filter(|p| p.exists());
            match crate::config::load_settings(path, self.watch.no_color) {
                Ok(options) => {
                    app.apply_options(options);
                    app.set_status(Status::info("settings reloaded"));
                }
                Err(problems) => {
                    app.set_status(Status::error(first_problem("settings", &problems)))
                }
            }
        }
        let settling = self.corpus.as_ref().is_some_and(Slot::settling);
        if at >= self.next_corpus || settling {
            let now = self.corpus_now(at);
            match &mut self.corpus {
                None => self.corpus = Some(Slot::new(now, at)),
                Some(slot) => {
                    if slot.settled(now, at) {
                        changed = true;
                        self.reload_corpus(app);
                    }
                }
            }
        }
        changed
    }

    /// Writes `job` to the catalogue the reader reads (the user's copy of the bundled one,
    /// made on the first change and read from then on), then reads everything again, so the
    /// marks, the sidebar and the passages follow. A refused change leaves all as it was and
    /// says why in the status line.
    pub fn curate(&mut self, job: &super::curation::CatalogueJob, app: &mut App) {
        use crate::corpus::catalogue_edit::edit_catalogue;
        use crate::paths::{Origin, Reason};
        let Some(inputs) = &mut self.watch.inputs else {
            app.curated(job, false);
            app.set_status(Status::error("no catalogue file to change"));
            return;
        };
        let Some(target) = crate::cli::catalogue::edit_target(inputs, &crate::paths::process_env)
        else {
            app.curated(job, false);
            app.set_status(Status::error(
                "no catalogue file to change: set HOME or XDG_CONFIG_HOME, or use --catalogue FILE",
            ));
            return;
        };
        match edit_catalogue(&target.path, target.seed, |editor| job.apply(editor)) {
            Ok(said) => {
                if matches!(inputs.catalogue, Origin::Bundled) {
                    inputs.catalogue = Origin::Disk(target.path.clone(), Reason::Xdg);
                }
                self.reload_corpus(app);
                app.curated(job, true);
                app.set_status(Status::info(format!(
                    "{said}; kept in {}",
                    crate::corpus::sanitize::visible(&target.path.display().to_string())
                )));
            }
            Err(e) => {
                app.curated(job, false);
                app.set_status(Status::error(super::curation::refusal(&e)));
            }
        }
    }

    /// Reads the articles and the catalogue again and puts them in force (`reload`); a broken
    /// catalogue leaves the corpus shown as it is and says why. Articles on an index are shown
    /// as the index holds them, and a sync brings it up to date with the new catalogue.
    pub fn reload_corpus(&mut self, app: &mut App) {
        if self.watch.inputs.is_none() {
            app.set_status(Status::info("nothing to reload"));
            return;
        }
        let at = Instant::now();
        let now = self.corpus_now(at);
        self.corpus = Some(Slot::new(now, at));
        let Some(inputs) = &self.watch.inputs else {
            return;
        };
        let cache_dir = crate::paths::cache_dir(&crate::paths::process_env);
        // A sync that runs holds the index's lock and works with the old catalogue.
        self.fill.stop();
        match crate::shelf::Shelf::open_at_once(inputs, cache_dir.as_deref()) {
            Ok(shelf) => {
                let count = shelf.len();
                let skipped = shelf.skipped().len();
                app.replace_shelf(shelf);
                let note = if skipped > 0 {
                    format!(", {skipped} could not be loaded (`dossier check` lists them)")
                } else {
                    String::new()
                };
                app.set_status(Status::info(format!("reloaded: {count} articles{note}")));
                self.fill.start(app);
            }
            Err(problem) => app.set_status(Status::error(format!(
                "not reloaded, the articles shown stay: {problem}"
            ))),
        }
    }
}

fn first_problem(what: &str, problems: &[crate::diag::Diagnostic]) -> String {
    let more = problems.len().saturating_sub(1);
    let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
    let tail = if more > 0 {
        format!(" (+{more} more)")
    } else {
        String::new()
    };
    format!("{what} not reloaded, the last good one stays: {first}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(base: Instant, ms: u64) -> Instant {
        base + Duration::from_millis(ms)
    }

    fn stamp_of(len: u64) -> Stamp {
        Some((SystemTime::UNIX_EPOCH + Duration::from_secs(len), len, 1))
    }

    #[test]
    fn a_file_still_growing_is_not_applied_until_it_stays_the_same() {
        let t = Instant::now();
        let mut slot = Slot::new(stamp_of(0), t);
        // Written a byte every 50 ms: never still for long enough.
        for i in 1..40 {
            assert!(!slot.settled(stamp_of(i), at(t, i * 50)), "byte {i}");
        }
        assert!(slot.settling());
        assert!(!slot.settled(stamp_of(39), at(t, 39 * 50 + 300)));
        assert!(slot.settled(stamp_of(39), at(t, 39 * 50 + 450)));
        assert!(!slot.settling());
        assert!(!slot.settled(stamp_of(39), at(t, 5000)), "applied once");
    }

    #[test]
    fn a_file_put_back_as_it_was_is_not_applied_again() {
        let t = Instant::now();
        let mut slot = Slot::new(stamp_of(3), t);
        assert!(!slot.settled(stamp_of(4), at(t, 100)));
        assert!(!slot.settled(stamp_of(3), at(t, 200)));
        assert!(!slot.settled(stamp_of(3), at(t, 2000)));
    }
}
