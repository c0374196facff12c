//! The terminal the reader borrows: taking it (raw mode, alternate screen, hidden cursor, mouse
//! capture) and giving it back, around stops and at the end, and waiting for input. Waiting
//! notices a terminal that hung up, where the terminal library would spin on `read() = 0`.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;

/// What ended a wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// The terminal has input.
    Input,
    /// A signal arrived.
    Signal,
    Timeout,
    /// The terminal is gone (hung up or closed): no input will ever come.
    Hangup,
}

/// The descriptor keys are read from: standard input when it is a terminal, else `/dev/tty`
/// (as the terminal library chooses).
pub struct Input {
    _tty: Option<File>,
    fd: RawFd,
}

impl Input {
    pub fn open() -> io::Result<Input> {
        // SAFETY: isatty(3) on a descriptor number has no preconditions.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Ok(Input {
                _tty: None,
                fd: libc::STDIN_FILENO,
            });
        }
        let tty = std::fs::OpenOptions::new().read(true).open("/dev/tty")?;
        let fd = tty.as_raw_fd();
        Ok(Input {
            _tty: Some(tty),
            fd,
        })
    }

    /// Waits up to `timeout` for input or a byte on `signals`. A hung-up terminal reports
    /// `Hangup` at once, before any input it may still claim to have.
    pub fn wait(&self, signals: RawFd, timeout: Duration) -> io::Result<Wake> {
        let mut fds = [
            libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: signals,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let millis = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        // Round up, so a wait for 0.4 ms does not spin at 0.
        let millis = if timeout > Duration::from_millis(millis as u64) {
            millis.saturating_add(1)
        } else {
            millis
        };
        // SAFETY: two valid pollfds, their count passed alongside.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, millis) };
        if ready < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok(Wake::Signal)
            } else {
                Err(e)
            };
        }
        let tty = fds[0].revents;
        if tty & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Ok(Wake::Hangup);
        }
        if fds[1].revents != 0 {
            return Ok(Wake::Signal);
        }
        if tty & libc::POLLIN != 0 {
            return Ok(Wake::Input);
        }
        Ok(Wake::Timeout)
    }

    /// Whether the terminal hung up, without waiting.
    pub fn hung_up(&self) -> bool {
        let mut fd = [libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        }];
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(fd.as_mut_ptr(), 1, 0) };
        ready > 0 && fd[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}

/// Turns mouse capture on or off when it differs from what is on.
pub fn sync_mouse(wanted: bool, on: &mut bool) -> io::Result<()> {
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

/// Gives the terminal back as the shell had it: mouse capture off, main screen, cursor shown,
/// cooked mode. Best effort: a terminal that is gone cannot be written to.
pub fn release(mouse_on: bool) {
    let mut out = io::stdout();
    if mouse_on {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Takes the terminal again after a stop and returns a fresh one, drawn whole on the next frame.
pub fn retake(mouse_on: bool) -> io::Result<DefaultTerminal> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        crossterm::cursor::Hide,
        EnableBracketedPaste
    )?;
    if mouse_on {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    fresh_terminal()
}

/// Pasted text arrives as one event, not as keys (a newline in it is no Enter).
pub fn enable_paste() -> io::Result<()> {
    execute!(io::stdout(), EnableBracketedPaste)
}

/// Ctrl-Z or SIGTSTP: give the terminal back, stop, and take it again when continued.
pub fn suspend(terminal: &mut DefaultTerminal, mouse_on: bool) -> io::Result<()> {
    release(mouse_on);
    super::signals::stop_self();
    *terminal = retake(mouse_on)?;
    Ok(())
}

/// A cleared screen and a terminal with empty buffers, so the next frame is drawn whole.
/// (ratatui's own `clear` asks the terminal for the cursor position, which not every terminal
/// answers promptly.)
pub fn fresh_terminal() -> io::Result<DefaultTerminal> {
    execute!(io::stdout(), Clear(ClearType::All))?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
}
