//! Signals the reader answers, noted by a handler that only sets a flag and writes a byte to a
//! socket the event loop waits on; the loop does the work (restore, save, stop, repaint).
//! A termination signal the reader was started with ignored (`nohup`, `trap '' HUP`) stays
//! ignored.

use std::io::{self, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::SigId;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

/// What a signal asks of the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT (the number): restore, save, exit 128 + n.
    Terminate(i32),
    /// SIGTSTP from outside (`kill -TSTP`): give the terminal back, then stop.
    Stop,
    /// SIGCONT: resumed, perhaps after a stop we could not prepare for; take the terminal again.
    Continue,
}

const TERMINATING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// The installed handlers; dropping it unregisters them.
pub struct Signals {
    wake: UnixStream,
    flags: Vec<(i32, Arc<AtomicBool>)>,
    ids: Vec<SigId>,
}

/// Whether `signal` is ignored in this process (inherited from the parent).
fn ignored(signal: i32) -> bool {
    // SAFETY: sigaction(2) with a null new action only reads the current one into `old`.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    }
}

impl Signals {
    /// Installs the handlers: termination signals not ignored at start, SIGTSTP, SIGCONT, and
    /// SIGWINCH (only to wake the loop; the terminal library reports the new size).
    pub fn install() -> io::Result<Signals> {
        let (wake, notify) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        notify.set_nonblocking(true)?;
        let mut signals = Signals {
            wake,
            flags: Vec::new(),
            ids: Vec::new(),
        };
        let mut wanted: Vec<i32> = TERMINATING
            .into_iter()
            .chain([SIGTSTP])
            .filter(|&s| !ignored(s))
            .collect();
        wanted.push(SIGCONT);
        for signal in wanted {
            let flag = Arc::new(AtomicBool::new(false));
            signals
                .ids
                .push(signal_hook::flag::register(signal, flag.clone())?);
            signals.flags.push((signal, flag));
        }
        for signal in signals
            .flags
            .iter()
            .map(|(s, _)| *s)
            .chain([SIGWINCH])
            .collect::<Vec<_>>()
        {
            let id = signal_hook::low_level::pipe::register(signal, notify.try_clone()?)?;
            signals.ids.push(id);
        }
        Ok(signals)
    }

    /// The descriptor that becomes readable when a signal arrived.
    pub fn fd(&self) -> RawFd {
        self.wake.as_raw_fd()
    }

    /// The signals that arrived since the last call, the first termination first.
    pub fn take(&self) -> Vec<Signal> {
        let mut sink = [0u8; 64];
        while matches!((&self.wake).read(&mut sink), Ok(n) if n > 0) {}
        let mut out = Vec::new();
        for (signal, flag) in &self.flags {
            if flag.swap(false, Ordering::SeqCst) {
                out.push(match *signal {
                    SIGTSTP => Signal::Stop,
                    SIGCONT => Signal::Continue,
                    n => Signal::Terminate(n),
                });
            }
        }
        out.sort_by_key(|s| !matches!(s, Signal::Terminate(_)));
        out
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Stops this process as SIGTSTP would have (the handler replaced that default); returns once
/// it is continued.
pub fn stop_self() {
    // SAFETY: raising a signal on our own process has no memory-safety preconditions.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raised_termination_signal_is_reported_and_wakes_the_socket() {
        let signals = Signals::install().unwrap();
        signal_hook::low_level::raise(SIGQUIT).unwrap();
        let mut fds = [libc::pollfd {
            fd: signals.fd(),
            events: libc::POLLIN,
            revents: 0,
        }];
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 1, 1000) };
        assert_eq!(ready, 1, "the wake socket became readable");
        assert_eq!(signals.take(), [Signal::Terminate(SIGQUIT)]);
        assert!(signals.take().is_empty(), "taken once");
    }
}
