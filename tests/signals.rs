//! Signals and a lost terminal: the release binary in a pseudo-terminal is sent SIGTERM, SIGHUP,
//! SIGINT, SIGQUIT, SIGTSTP, or loses its terminal with SIGHUP ignored. Each time the terminal
//! is given back, the reading state is saved, and the exit status is the conventional one.

mod common;

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::{Session, release_binary};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// The reading state the reader saved in `home`, as JSON.
fn saved_state(home: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(home.join("state/dossier/state.json"))
        .expect("the reading state was saved");
    serde_json::from_str(&text).expect("the state is whole JSON")
}

/// The top block saved for the article whose id starts with `prefix`.
fn saved_top_block(home: &Path, prefix: &str) -> Option<u64> {
    let state = saved_state(home);
    let articles = state.get("articles")?.as_object()?;
    articles
        .iter()
        .find(|(id, _)| id.starts_with(prefix))
        .and_then(|(_, a)| a.get("top_block")?.as_u64())
}

/// Opens the fourth article (the Wikipedia one, long) and pages down in it, which saves
/// nothing by itself: only the end of the reader can save the new place.
fn open_and_scroll(s: &mut Session) {
    s.wait_for_text("Articles 5");
    for key in ["j", "j", "j", "\r"] {
        s.send(key);
    }
    s.wait_for_text("Wikipedia · 2023-12");
    s.send("2");
    for _ in 0..4 {
        s.send(" ");
    }
}

fn assert_terminal_taken(s: &Session) {
    let parser = s.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(
        screen.alternate_screen(),
        "the reader is on the alternate screen"
    );
    assert_ne!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture is on"
    );
    assert!(screen.hide_cursor(), "the cursor is hidden");
}

#[test]
fn each_termination_signal_restores_the_terminal_saves_and_exits_128_plus_n() {
    for signal in [
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGINT,
        Signal::SIGQUIT,
    ] {
        let mut s = Session::start(&[], &[]);
        open_and_scroll(&mut s);
        assert_terminal_taken(&s);
        let pid = s.child.process_id().expect("a pid");
        kill(Pid::from_raw(pid as i32), signal).unwrap();
        let code = s.wait_exit();
        assert_eq!(code, 128 + signal as u32, "{signal}: exit status 128 + n");
        s.assert_terminal_restored();
        let top = saved_top_block(s.home.path(), "wikipedia");
        assert!(
            top.is_some_and(|t| t > 0),
            "{signal}: the place in the article was saved, got {top:?}"
        );
    }
}

/// The pid of the shell's child (the reader started from it).
fn child_of(parent: u32) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) {
                return pid;
            }
        }
        assert!(Instant::now() < deadline, "no child of {parent}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_external_sigtstp_gives_the_terminal_back_and_fg_repaints_the_reader() {
    let mut s = Session::start_shell();
    s.wait_for_text("shell$");
    s.send(&format!("'{}'\r", release_binary().display()));
    s.wait_for_text("Articles 5");
    s.send("\r");
    s.wait_for_text("min read");
    assert_terminal_taken(&s);
    let reader = child_of(s.child.process_id().expect("the shell's pid"));
    kill(Pid::from_raw(reader as i32), Signal::SIGTSTP).unwrap();
    s.wait_for_text("Stopped");
    s.assert_screen_restored();
    s.send("fg\r");
    s.wait_for("the reader repainted", |screen| {
        screen.contains("min read") && screen.contains("Articles 5")
    });
    assert_terminal_taken(&s);
    s.send("q");
    s.wait_for("the prompt", |screen| screen.trim_end().ends_with("shell$"));
    s.assert_screen_restored();
    s.send("exit\r");
    s.wait_exit();
}

/// Reads what the reader wrote until `text` shows, feeding a screen (the reader blocks if
/// nobody reads its terminal).
fn read_until(master: &mut std::fs::File, screen: &mut vt100::Parser, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = [0u8; 8192];
    while !screen.screen().contents().contains(text) {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {text:?}:\n{}",
            screen.screen().contents()
        );
        match master.read(&mut buf) {
            Ok(n) if n > 0 => screen.process(&buf[..n]),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

#[test]
fn a_closed_terminal_with_sighup_ignored_ends_the_reader_having_saved() {
    let size = nix::pty::Winsize {
        ws_row: 40,
        ws_col: 120,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pty = nix::pty::openpty(&size, None).unwrap();
    let home = tempfile::tempdir().unwrap();
    let slave: OwnedFd = pty.slave;
    // openpty(3) does not set close-on-exec: the reader must not inherit the master, or the
    // terminal would never go away.
    // SAFETY: fcntl(2) on descriptors we own.
    unsafe {
        libc::fcntl(pty.master.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC);
        libc::fcntl(slave.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC);
    }
    let mut command = Command::new(release_binary());
    command
        .current_dir(home.path())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("TERM", "xterm-256color")
        .env_remove("DOSSIER_ARTICLES")
        .env_remove("DOSSIER_CATALOGUE")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            // As under `nohup`: a session of its own on this terminal, SIGHUP ignored.
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            libc::signal(libc::SIGHUP, libc::SIG_IGN);
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    let mut master = std::fs::File::from(pty.master);
    // SAFETY: fcntl(2) on a descriptor we own.
    unsafe {
        let flags = libc::fcntl(master.as_raw_fd(), libc::F_GETFL);
        libc::fcntl(master.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
    }
    let nz = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut screen = vt100::Parser::new(nz(40), nz(120), 0);
    read_until(&mut master, &mut screen, "Articles 5");
    for key in ["j", "j", "j", "\r"] {
        master.write_all(key.as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }
    read_until(&mut master, &mut screen, "Wikipedia · 2023-12");
    for key in ["2", " ", " ", " "] {
        master.write_all(key.as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }
    std::thread::sleep(Duration::from_millis(300));
    let mut buf = [0u8; 65536];
    while matches!(master.read(&mut buf), Ok(n) if n > 0) {}
    // The terminal goes away.
    drop(master);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the reader did not notice its terminal was gone (spinning on read() = 0?)");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        status.code(),
        Some(1),
        "a lost terminal exits with status 1 ({status:?})"
    );
    let top = saved_top_block(home.path(), "wikipedia");
    assert!(
        top.is_some_and(|t| t > 0),
        "the place in the article was saved, got {top:?}"
    );
}
