//! A pseudo-terminal harness: the release binary on a real pty, its output parsed by vt100
//! into a screen that tests read as a user would.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Builds the release binary once (a no-op when it is up to date) and returns its path.
pub fn release_binary() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
            let status = std::process::Command::new(env!("CARGO"))
                .args(["build", "--release", "--bin", "dossier", "--quiet"])
                .current_dir(manifest)
                .status()
                .expect("cargo runs");
            assert!(status.success(), "release build failed");
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| manifest.join("target"));
            let target = if target.is_absolute() {
                target
            } else {
                manifest.join(target)
            };
            target.join("release").join("dossier")
        })
        .clone()
}

/// A running reader on a pseudo-terminal.
pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// The bytes the program wrote, as written (the first 64 MiB), for sequences the screen
    /// does not show.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    pub home: tempfile::TempDir,
}

impl Session {
    /// Starts `dossier ARGS` at 160×45 in an empty working directory, with its own HOME and
    /// XDG directories; `env` adds variables.
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Session {
        let home = tempfile::tempdir().unwrap();
        Session::start_in(home, args, env)
    }

    /// Starts an interactive bash with job control (for Ctrl-Z and `fg`), at 160×45.
    pub fn start_shell() -> Session {
        let home = tempfile::tempdir().unwrap();
        Session::spawn(
            home,
            "bash",
            &["--norc", "--noprofile", "-i"],
            &[("PS1", "shell$ ")],
        )
    }

    pub fn start_in(home: tempfile::TempDir, args: &[&str], env: &[(&str, &str)]) -> Session {
        let binary = release_binary();
        Session::spawn(home, binary.to_str().unwrap(), args, env)
    }

    fn spawn(
        home: tempfile::TempDir,
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 45,
                cols: 160,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(home.path());
        cmd.env("HOME", home.path());
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        cmd.env("XDG_STATE_HOME", home.path().join("state"));
        cmd.env("XDG_CACHE_HOME", home.path().join("cache"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("DOSSIER_ARTICLES");
        cmd.env_remove("DOSSIER_CATALOGUE");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("dossier starts");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(45).unwrap(),
            std::num::NonZeroU16::new(160).unwrap(),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = parser.clone();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = raw.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut raw = raw_sink.lock().unwrap();
                // Capped: a long session redraws a lot; the tests look at its start.
                if raw.len() < 64 << 20 {
                    raw.extend_from_slice(&buf[..n]);
                }
                drop(raw);
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session {
            parser,
            raw,
            writer,
            child,
            master: pty.master,
            home,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits up to ten seconds for `predicate` to hold on the screen.
    pub fn wait_for(&self, what: &str, predicate: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if predicate(&screen) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until the screen has stopped changing (the last key is drawn), on a busy
    /// machine too.
    pub fn settle(&self) {
        let mut last = self.screen();
        let mut still = 0;
        while still < 3 {
            std::thread::sleep(Duration::from_millis(80));
            let now = self.screen();
            still = if now == last { still + 1 } else { 0 };
            last = now;
        }
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text));
    }

    /// Sends raw bytes as typed keys.
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the reader take each burst as separate key events.
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Waits for the process to end, up to ten seconds; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("dossier did not exit; the screen shows:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Main screen, no mouse reporting, cursor visible (what a shell prompt needs; the shell
    /// sets its own line mode).
    pub fn assert_screen_restored(&self) {
        // Give the reader thread a moment to take the last bytes.
        std::thread::sleep(Duration::from_millis(200));
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
        assert!(!screen.hide_cursor(), "cursor left hidden");
    }

    /// Whether the terminal is back to normal: cooked mode with echo, main screen, no mouse
    /// reporting, cursor visible.
    pub fn assert_terminal_restored(&self) {
        self.assert_screen_restored();
        let termios = self.master.get_termios().expect("termios of the pty");
        use nix::sys::termios::LocalFlags;
        assert!(
            termios.local_flags.contains(LocalFlags::ICANON),
            "terminal left in raw mode (no ICANON)"
        );
        assert!(
            termios.local_flags.contains(LocalFlags::ECHO),
            "terminal left without echo"
        );
    }
}
