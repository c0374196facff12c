//! The reader: three panes in the terminal (ratatui + crossterm).
//!
//! `run` owns the terminal: raw mode, alternate screen and mouse capture are undone on quit, on
//! error, on panic and around Ctrl-Z. Its event loop is the reader's only I/O: it draws, reads
//! events, reloads edited keymaps and settings, saves the reading state, and performs the
//! `Effect`s each input returns. The screen is redrawn after events, never in a busy loop; only
//! key presses count, not releases.

pub mod app;
pub mod effect;
pub mod geometry;
pub mod layout;
pub mod mouse;
pub mod nav;
pub mod overlay;
pub mod panes;
pub mod prompt;
pub mod state;
pub mod theme;
pub mod ui;

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;

use crate::config::key::Key;
use app::App;
use effect::{Effect, Status};

/// The user's files the reader reloads when they change.
#[derive(Clone, Debug, Default)]
pub struct Watch {
    pub keys: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub no_color: bool,
}

/// How often the watched files are looked at.
const WATCH_EVERY: Duration = Duration::from_millis(500);

/// A file's modification time and length, to notice edits (None: the file is absent).
fn stamp(path: &Option<PathBuf>) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path.as_ref()?).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl Watch {
    /// Reloads what changed since `stamps`; a broken edit leaves the last good version in force
    /// and says what is wrong in the status bar.
    fn reload(
        &self,
        app: &mut App,
        stamps: &mut [Option<(std::time::SystemTime, u64)>; 2],
    ) -> bool {
        let now = [stamp(&self.keys), stamp(&self.config)];
        if now == *stamps {
            return false;
        }
        if now[0] != stamps[0] {
            stamps[0] = now[0];
            match crate::config::load_keymap(self.keys.as_deref().filter(|p| p.exists())) {
                Ok((keymap, _)) => {
                    app.set_keymap(keymap);
                    app.set_status(Status::info("keymap reloaded"));
                }
                Err(errors) => app.set_status(Status::error(first_problem("keymap", &errors.0))),
            }
        }
        if now[1] != stamps[1] {
            stamps[1] = now[1];
            match crate::config::load_settings(
                self.config.as_deref().filter(|p| p.exists()),
                self.no_color,
            ) {
                Ok(options) => {
                    app.apply_options(options);
                    app.set_status(Status::info("settings reloaded"));
                }
                Err(problems) => {
                    app.set_status(Status::error(first_problem("settings", &problems)))
                }
            }
        }
        true
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

/// What the reader starts with: everything loaded and checked before the terminal is touched.
pub struct Start {
    pub corpus: crate::corpus::Corpus,
    pub keymap: crate::config::keymap::Keymap,
    pub options: crate::config::settings::Options,
    /// Warnings to show in the status bar at once.
    pub notes: Vec<String>,
    /// Where positions are remembered between sessions; `None` remembers nothing.
    pub state_dir: Option<PathBuf>,
}

/// Runs the reader until the user quits. `watch` names the files reloaded on change.
pub fn run(start: Start, watch: Watch) -> io::Result<()> {
    let Start {
        corpus,
        keymap,
        options,
        mut notes,
        state_dir,
    } = start;
    let mut app = App::new(corpus, keymap, options, (80, 24));
    if let Some(dir) = &state_dir {
        let loaded = state::load(dir);
        app.restore(
            loaded.remembered,
            loaded.last_article.as_ref().map(|k| k.as_str()),
        );
        notes.splice(0..0, loaded.warning);
    }
    if !notes.is_empty() {
        app.set_status(Status::error(notes.join(" · ")));
    }
    let mut terminal = ratatui::try_init()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut mouse_on = false;
    let result = (|| {
        let size = terminal.size()?;
        app.resize(size.width, size.height);
        event_loop(
            &mut terminal,
            &mut app,
            &mut mouse_on,
            state_dir.as_ref(),
            &watch,
        )
    })();
    if mouse_on {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    if let Some(dir) = &state_dir {
        let (remembered, last) = app.snapshot();
        if let Err(e) = state::save(dir, &remembered, last.as_ref()) {
            eprintln!(
                "dossier: cannot save reader state in {}: {e}",
                dir.display()
            );
        }
    }
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mouse_on: &mut bool,
    state_dir: Option<&PathBuf>,
    watch: &Watch,
) -> io::Result<()> {
    let mut save_failed = false;
    let mut stamps = [stamp(&watch.keys), stamp(&watch.config)];
    let mut next_watch = Instant::now() + WATCH_EVERY;
    let mut dirty = true;
    // Fault injection for the robustness tests: a panic halfway through a frame, after the
    // panes are drawn, to prove the terminal is given back.
    let inject_panic = std::env::var_os("DOSSIER_INJECT_PANIC").is_some_and(|v| v == "draw");
    loop {
        sync_mouse(app.mouse_capture(), mouse_on)?;
        if dirty {
            let size = terminal.size()?;
            if (size.width, size.height) != app.size() {
                app.resize(size.width, size.height);
            }
            terminal.draw(|frame| {
                ui::draw(app, frame);
                if inject_panic {
                    panic!("injected panic in the middle of drawing (DOSSIER_INJECT_PANIC=draw)");
                }
            })?;
            dirty = false;
        }
        // Sleep until an event, a flash ending, or the next look at the watched files.
        let mut deadline = next_watch;
        if let Some(flash) = app.next_deadline() {
            deadline = deadline.min(flash);
        }
        let timeout = deadline.saturating_duration_since(Instant::now());
        let event = if event::poll(timeout)? {
            Some(event::read()?)
        } else {
            None
        };
        let now = Instant::now();
        if now >= next_watch {
            next_watch = now + WATCH_EVERY;
            dirty |= watch.reload(app, &mut stamps);
        }
        dirty |= app.tick(now);
        let effects = match event {
            Some(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                app.handle_key(Key::from_event(&key))
            }
            Some(Event::Mouse(mouse)) => app.handle_mouse(mouse),
            Some(Event::Resize(width, height)) => {
                app.resize(width, height);
                Vec::new()
            }
            _ => continue,
        };
        dirty = true;
        for effect in effects {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Suspend => suspend(terminal, *mouse_on)?,
                Effect::Redraw => *terminal = fresh_terminal()?,
                Effect::Save => {
                    if let Some(dir) = state_dir {
                        let (remembered, last) = app.snapshot();
                        if let Err(e) = state::save(dir, &remembered, last.as_ref())
                            && !save_failed
                        {
                            save_failed = true;
                            app.set_status(Status::error(format!(
                                "cannot save reader state in {}: {e}",
                                dir.display()
                            )));
                        }
                    }
                }
            }
        }
    }
}

fn sync_mouse(wanted: bool, on: &mut bool) -> io::Result<()> {
    if wanted != *on {
        if wanted {
            execute!(io::stdout(), EnableMouseCapture)?;
        } else {
            execute!(io::stdout(), DisableMouseCapture)?;
        }
        *on = wanted;
    }
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop, and take it again when resumed.
fn suspend(terminal: &mut DefaultTerminal, mouse_on: bool) -> io::Result<()> {
    if mouse_on {
        execute!(io::stdout(), DisableMouseCapture)?;
    }
    execute!(io::stdout(), LeaveAlternateScreen, crossterm::cursor::Show)?;
    disable_raw_mode()?;
    io::stdout().flush()?;
    #[cfg(unix)]
    // SAFETY: raising a signal on our own process has no memory-safety preconditions.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, crossterm::cursor::Hide)?;
    if mouse_on {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    *terminal = fresh_terminal()?;
    Ok(())
}

/// A cleared screen and a terminal with empty buffers, so the next frame is drawn whole.
/// (ratatui's own `clear` asks the terminal for the cursor position, which not every terminal
/// answers promptly.)
fn fresh_terminal() -> io::Result<DefaultTerminal> {
    execute!(io::stdout(), Clear(ClearType::All))?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
}
