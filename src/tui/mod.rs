//! The reader: three panes in the terminal (ratatui + crossterm).
//!
//! `run` owns the terminal: raw mode, alternate screen and mouse capture are undone on quit, on
//! error, on panic and around Ctrl-Z. The screen is redrawn after events, never in a busy loop;
//! only key presses count, not releases.

pub mod action;
pub mod app;
pub mod history;
pub mod key;
pub mod keymap;
pub mod layout;
mod mouse;
pub mod panes;
pub mod sidebar;
pub mod state;
pub mod theme;
pub mod ui;

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;

use app::App;
use key::Key;

/// Runs the reader until the user quits. `state_dir` is where positions are remembered.
pub fn run(mut app: App, state_dir: Option<PathBuf>) -> io::Result<()> {
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
        event_loop(&mut terminal, &mut app, &mut mouse_on, state_dir.as_ref())
    })();
    if mouse_on {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    if let Some(dir) = &state_dir {
        let (remembered, last) = app.snapshot();
        if let Err(e) = state::save(dir, &remembered, last.as_deref()) {
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
) -> io::Result<()> {
    let mut saved_article = app.reader.as_ref().map(|r| r.article);
    let mut save_failed = false;
    loop {
        sync_mouse(app.mouse, mouse_on)?;
        terminal.draw(|frame| ui::draw(app, frame))?;
        let event = match app.next_deadline() {
            Some(deadline) => {
                let timeout = deadline.saturating_duration_since(Instant::now());
                if event::poll(timeout)? {
                    Some(event::read()?)
                } else {
                    None
                }
            }
            None => Some(event::read()?),
        };
        match event {
            None => {
                app.tick(Instant::now());
            }
            Some(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                app.handle_key(Key::from_event(&key))
            }
            Some(Event::Mouse(mouse)) => app.handle_mouse(mouse),
            Some(Event::Resize(width, height)) => app.resize(width, height),
            Some(_) => continue,
        }
        app.tick(Instant::now());
        if app.quit {
            return Ok(());
        }
        if app.suspend {
            app.suspend = false;
            suspend(terminal, *mouse_on)?;
        }
        if app.clear_screen {
            app.clear_screen = false;
            *terminal = fresh_terminal()?;
        }
        let open = app.reader.as_ref().map(|r| r.article);
        if open != saved_article {
            saved_article = open;
            if let Some(dir) = state_dir {
                let (remembered, last) = app.snapshot();
                if let Err(e) = state::save(dir, &remembered, last.as_deref())
                    && !save_failed
                {
                    save_failed = true;
                    app.message = Some((
                        format!("cannot save reader state in {}: {e}", dir.display()),
                        true,
                    ));
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
