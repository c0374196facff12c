//! The reader: three panes in the terminal (ratatui + crossterm).
//!
//! `run` owns the terminal: raw mode, alternate screen and mouse capture are undone on quit, on
//! error, on panic, on SIGTERM/SIGHUP/SIGINT/SIGQUIT, around Ctrl-Z and SIGTSTP, and when the
//! terminal hangs up. Its event loop is the reader's only I/O: it draws, reads events (a burst
//! is taken whole, resizes in it coalesced to the last size), answers signals, reloads edited
//! keymaps and settings, saves the reading state, and performs the `Effect`s each input
//! returns. The screen is redrawn after events, never in a busy loop; only key presses count.
//!
//! The first frame is drawn from what the articles' index holds, before anything else is
//! read; the index is then brought up to date in the background (`fill`), the list filling as
//! batches are committed. Quitting stops that sync (what was committed stays) after the
//! terminal is given back.

pub mod app;
pub mod curation;
pub mod effect;
pub mod fill;
pub mod geometry;
pub mod layout;
pub mod mouse;
pub mod nav;
pub mod notes;
pub mod overlay;
pub mod panes;
pub mod prompt;
pub mod signals;
pub mod state;
pub mod study;
pub mod takeaway;
pub mod term;
pub mod textarea;
pub mod theme;
pub mod ui;
pub mod watch;

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

use crate::config::key::Key;
use crate::config::palette::ColorDepth;
use crate::userdata::UserData;
use app::App;
use effect::{Effect, Status};
use signals::{Signal, Signals};
use term::{Input, Wake};
pub use watch::Watch;

/// The most events taken in one burst before the screen is drawn again.
const BURST_EVENTS: usize = 4096;
/// The longest a burst is read before the screen is drawn again.
const BURST_TIME: Duration = Duration::from_millis(50);

/// How the reader ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A termination signal (its number).
    Signal(i32),
    /// The terminal hung up or closed (with SIGHUP ignored): no input will come.
    Hangup,
}

impl Ending {
    /// The process's exit status: 0 on quit, 128 + n for signal n, 1 for a lost terminal.
    pub fn exit_status(self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(n) => u8::try_from(128 + n).unwrap_or(255),
            Ending::Hangup => 1,
        }
    }
}

/// What the reader starts with: everything loaded and checked before the terminal is touched.
pub struct Start {
    pub shelf: crate::shelf::Shelf,
    pub keymap: crate::config::keymap::Keymap,
    pub options: crate::config::settings::Options,
    /// Warnings to show in the status bar at once.
    pub notes: Vec<String>,
    /// Where positions are remembered between sessions; `None` remembers nothing.
    pub state_dir: Option<PathBuf>,
    /// Where the user database (highlights, notes) lives; `None` keeps none.
    pub data_dir: Option<PathBuf>,
}

/// Runs the reader until the user quits, a termination signal arrives or the terminal hangs
/// up; the terminal is given back and the reading state saved in every case. `watch` names the
/// files reloaded on change.
pub fn run(start: Start, watch: Watch) -> io::Result<Ending> {
    let Start {
        shelf,
        keymap,
        options,
        mut notes,
        state_dir,
        data_dir,
    } = start;
    let mut app = App::new(shelf, keymap, options, (80, 24));
    fill::Fill::announce(&mut app);
    let env = |name| std::env::var(name).ok();
    app.set_colors(ColorDepth::from_env(
        env("COLORTERM").as_deref(),
        env("TERM").as_deref(),
    ));
    let mut saver = state::Saver::default();
    if let Some(dir) = &state_dir {
        let loaded = saver.load(dir);
        app.restore(
            loaded.remembered,
            loaded.last_article.as_ref().map(|k| k.as_str()),
        );
        notes.splice(0..0, loaded.warning);
    }
    let userdata = open_userdata(&mut app, data_dir.as_deref());
    if !notes.is_empty() {
        app.set_status(Status::error(notes.join(" · ")));
    }
    let signals = Signals::install()?;
    let input = Input::open()?;
    let terminal = ratatui::try_init()?;
    term::enable_paste()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        term::release(true);
        previous(info);
    }));
    let mut reader = Reader {
        terminal,
        app,
        mouse_on: false,
        signals: &signals,
        input: &input,
        saver,
        state_dir: state_dir.as_ref(),
        save_failed: false,
        userdata,
        reload_asked: false,
        curation: None,
    };
    let mut watcher = watch::Watcher::new(watch);
    let result = (|| {
        let size = reader.terminal.size()?;
        reader.app.resize(size.width, size.height);
        reader.event_loop(&mut watcher)
    })();
    term::release(reader.mouse_on);
    // After the terminal is back: the batch being written is committed, the rest is left to
    // the next start.
    watcher.fill().stop();
    // Given back above; the terminal's own drop would show the cursor again and, on a terminal
    // that is gone, fail and report it on a standard error that is gone too (a panic).
    let Reader {
        terminal,
        mut app,
        mut saver,
        ..
    } = reader;
    std::mem::forget(terminal);
    if let Some(dir) = &state_dir {
        let (remembered, last) = app.snapshot();
        if let Err(e) = saver.save(dir, &remembered, last.as_ref()) {
            // The terminal may be gone: a failed message must not stop the exit.
            let _ = writeln!(
                io::stderr(),
                "dossier: cannot save reader state in {}: {e}",
                dir.display()
            );
        }
    }
    result
}

/// The event loop's state: the terminal, the app and what performing effects needs.
struct Reader<'a> {
    terminal: DefaultTerminal,
    app: App,
    mouse_on: bool,
    signals: &'a Signals,
    input: &'a Input,
    saver: state::Saver,
    state_dir: Option<&'a PathBuf>,
    save_failed: bool,
    userdata: Option<UserData>,
    /// `reload` was asked for; the event loop does it with the watcher.
    reload_asked: bool,
    /// A change of the catalogue asked for; the event loop makes it with the watcher.
    curation: Option<curation::CatalogueJob>,
}

/// Opens the user database and gives the app its annotations; a database that cannot be
/// opened leaves the reader working, and highlighting says why it cannot keep anything.
fn open_userdata(app: &mut App, dir: Option<&std::path::Path>) -> Option<UserData> {
    let Some(dir) = dir else {
        app.set_notes_unavailable("no data directory (set XDG_DATA_HOME or HOME)".into());
        return None;
    };
    let opened = UserData::open_in(dir).and_then(|db| db.all().map(|all| (db, all)));
    match opened {
        Ok((db, all)) => {
            app.set_annotations(all);
            Some(db)
        }
        Err(e) => {
            app.set_notes_unavailable(e.to_string());
            None
        }
    }
}

impl Reader<'_> {
    /// Stores the app's queued annotation changes, one transaction each, and gives it the
    /// stored list again.
    fn store_notes(&mut self) {
        let queued = self.app.take_queued_notes();
        let Some(db) = &mut self.userdata else {
            return;
        };
        for change in &queued {
            let done = match change {
                notes::Change::Add(new) => db.add(new).map(|_| true),
                notes::Change::Note(id, text) => db.set_note(*id, text),
                notes::Change::Tags(id, tags) => db.set_tags(*id, tags),
            };
            match done {
                Ok(true) => {}
                Ok(false) => self.app.set_status(Status::error(
                    "not kept: the annotation was removed meanwhile (by another dossier?)",
                )),
                Err(e) => self.app.set_status(Status::error(format!("not kept: {e}"))),
            }
        }
        match db.all() {
            Ok(all) => self.app.set_annotations(all),
            Err(e) => self.app.set_status(Status::error(e.to_string())),
        }
    }

    /// Gives the terminal to the external editor for the outbox's note and takes it back;
    /// the text (or why there is none) goes to the app. Stops and continues that happened
    /// meanwhile were the editor's; a termination signal ends the reader.
    fn external_edit(&mut self) -> io::Result<Option<Ending>> {
        let Some(job) = self.app.desk().outbox.edit.take() else {
            return Ok(None);
        };
        term::release(self.mouse_on);
        let result = takeaway::edit_outside(&job.text);
        self.terminal = term::retake(self.mouse_on)?;
        for signal in self.signals.take() {
            if let Signal::Terminate(n) = signal {
                return Ok(Some(Ending::Signal(n)));
            }
        }
        study::edited(&mut self.app.desk(), job.into, result);
        let effects = std::mem::take(self.app.desk().effects);
        for effect in effects {
            if let Some(ending) = self.perform(effect)? {
                return Ok(Some(ending));
            }
        }
        Ok(None)
    }

    fn event_loop(&mut self, watcher: &mut watch::Watcher) -> io::Result<Ending> {
        let mut next_watch = Instant::now() + watcher.interval();
        let mut dirty = true;
        let mut first_frame = true;
        // For the start-up benchmark: end once the first frame is on the terminal.
        let exit_after_first_frame = std::env::var_os("DOSSIER_EXIT_AFTER_FIRST_FRAME")
            .is_some_and(|v| !v.is_empty() && v != "0");
        // Fault injection for the robustness tests: a panic halfway through a frame, after the
        // panes are drawn, to prove the terminal is given back.
        let inject_panic = std::env::var_os("DOSSIER_INJECT_PANIC").is_some_and(|v| v == "draw");
        // The terminal library still holds events of a burst cut short.
        let mut backlog = false;
        // Input said ready but no event came (bytes of an unfinished sequence): wait a little
        // before looking again rather than spin.
        let mut empty_bursts = 0u32;
        loop {
            for signal in self.signals.take() {
                match signal {
                    Signal::Terminate(n) => return Ok(Ending::Signal(n)),
                    Signal::Stop => term::suspend(&mut self.terminal, self.mouse_on)?,
                    Signal::Continue => self.terminal = term::retake(self.mouse_on)?,
                }
                dirty = true;
            }
            term::sync_mouse(self.app.mouse_capture(), &mut self.mouse_on)?;
            if dirty {
                self.fit(true)?;
                let app = &mut self.app;
                self.terminal.draw(|frame| {
                    ui::draw(app, frame);
                    if inject_panic {
                        panic!(
                            "injected panic in the middle of drawing (DOSSIER_INJECT_PANIC=draw)"
                        );
                    }
                })?;
                dirty = false;
                if std::mem::take(&mut first_frame) {
                    if exit_after_first_frame {
                        return Ok(Ending::Quit);
                    }
                    watcher.fill().start(&mut self.app);
                }
            }
            // Sleep until input, a signal, a flash ending, or the next look at the watched files.
            let mut deadline = next_watch;
            if let Some(flash) = self.app.next_deadline() {
                deadline = deadline.min(flash);
            }
            if let Some(look) = watcher.fill().deadline(Instant::now()) {
                deadline = deadline.min(look);
            }
            let wake = if backlog {
                Wake::Input
            } else {
                let timeout = deadline.saturating_duration_since(Instant::now());
                self.input.wait(self.signals.fd(), timeout)?
            };
            let now = Instant::now();
            if now >= next_watch {
                dirty |= watcher.look(&mut self.app, now);
                next_watch = now + watcher.interval();
            }
            dirty |= watcher.fill().look(&mut self.app, now);
            dirty |= self.app.tick(now);
            match wake {
                Wake::Hangup => {
                    // A SIGHUP sent with the hang-up says how to end, if it is handled.
                    std::thread::sleep(Duration::from_millis(20));
                    let signal = self.signals.take().into_iter().find_map(|s| match s {
                        Signal::Terminate(n) => Some(Ending::Signal(n)),
                        _ => None,
                    });
                    return Ok(signal.unwrap_or(Ending::Hangup));
                }
                Wake::Signal | Wake::Timeout => continue,
                Wake::Input => {}
            }
            let events;
            (events, backlog) = self.burst()?;
            if events.is_empty() {
                empty_bursts += 1;
                if empty_bursts > 2 {
                    std::thread::sleep(Duration::from_millis(10));
                }
                continue;
            }
            empty_bursts = 0;
            dirty = true;
            if let Some(ending) = self.handle(events)? {
                return Ok(ending);
            }
            if std::mem::take(&mut self.reload_asked) {
                watcher.reload_corpus(&mut self.app);
            }
            if let Some(job) = self.curation.take() {
                watcher.curate(&job, &mut self.app);
            }
        }
    }

    /// The events the terminal has now, up to `BURST_EVENTS` or `BURST_TIME`; whether more
    /// are waiting. Stops at a hang-up, where the terminal library would spin.
    fn burst(&self) -> io::Result<(Vec<Event>, bool)> {
        let started = Instant::now();
        let mut events = Vec::new();
        loop {
            // (A zero timeout would not look at the terminal at all.)
            if self.input.hung_up() || !event::poll(Duration::from_micros(1))? {
                return Ok((events, false));
            }
            events.push(event::read()?);
            if events.len() >= BURST_EVENTS || started.elapsed() >= BURST_TIME {
                return Ok((events, true));
            }
        }
    }

    /// Applies a burst in order. Resizes are not applied one by one: the terminal's size at
    /// the moment is, once, before the next key or click or the next frame (sizes a storm of
    /// resizes passed through are never laid out).
    fn handle(&mut self, events: Vec<Event>) -> io::Result<Option<Ending>> {
        let mut resized = false;
        for event in events {
            let effects = match event {
                Event::Resize(..) => {
                    resized = true;
                    continue;
                }
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    self.fit(std::mem::take(&mut resized))?;
                    self.app.handle_key(Key::from_event(&key))
                }
                Event::Mouse(mouse) => {
                    self.fit(std::mem::take(&mut resized))?;
                    self.app.handle_mouse(mouse)
                }
                Event::Paste(text) => {
                    self.fit(std::mem::take(&mut resized))?;
                    self.app.paste(&text)
                }
                _ => continue,
            };
            for effect in effects {
                if let Some(ending) = self.perform(effect)? {
                    return Ok(Some(ending));
                }
            }
        }
        Ok(None)
    }

    /// Lays the app out for the terminal's present size, if `resized` and it differs.
    fn fit(&mut self, resized: bool) -> io::Result<()> {
        if resized {
            let size = self.terminal.size()?;
            if (size.width, size.height) != self.app.size() {
                self.app.resize(size.width, size.height);
            }
        }
        Ok(())
    }

    fn perform(&mut self, effect: Effect) -> io::Result<Option<Ending>> {
        match effect {
            Effect::Quit => return Ok(Some(Ending::Quit)),
            Effect::Suspend => term::suspend(&mut self.terminal, self.mouse_on)?,
            Effect::Redraw => self.terminal = term::fresh_terminal()?,
            Effect::StoreNotes => self.store_notes(),
            Effect::ExternalEdit => return self.external_edit(),
            Effect::Clipboard => {
                if let Some(text) = self.app.desk().outbox.clipboard.take() {
                    // Between frames, through the terminal's own writer.
                    let backend = self.terminal.backend_mut();
                    backend.write_all(&takeaway::osc52(&text))?;
                    backend.flush()?;
                }
            }
            Effect::Export => {
                if let Some(job) = self.app.desk().outbox.export.take() {
                    let outcome = takeaway::export(self.app.shelf(), &job);
                    study::exported(&mut self.app.desk(), outcome);
                }
            }
            Effect::Reload => self.reload_asked = true,
            Effect::EditCatalogue => self.curation = self.app.take_catalogue_job(),
            Effect::Save => {
                if let Some(dir) = self.state_dir {
                    let (remembered, last) = self.app.snapshot();
                    if let Err(e) = self.saver.save(dir, &remembered, last.as_ref())
                        && !self.save_failed
                    {
                        self.save_failed = true;
                        self.app.set_status(Status::error(format!(
                            "cannot save reader state in {}: {e}",
                            dir.display()
                        )));
                    }
                }
            }
        }
        Ok(None)
    }
}
