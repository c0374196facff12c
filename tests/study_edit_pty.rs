//! End to end in a real pseudo-terminal: select words with `v`, tag them, write a note in the
//! popup, quit and start again (the highlight in its tag's colour, the note in the sidebar);
//! a note written by a script standing in for `$EDITOR` (kept at once: a `kill -9` right
//! after loses nothing), and a failing editor that keeps the note as it was; the OSC 52 clipboard sequence written only when the settings turn it on.

mod common;

use std::process::Command;
use std::time::Duration;

use base64::Engine;
use common::pty::{Session, release_binary};

/// Opens the Tages-Anzeiger article (last in the list) and selects its mention of Schoigu.
fn open_on_schoigu(s: &mut Session) {
    s.wait_for_text("Articles 5");
    s.send("G");
    s.send("\r");
    s.wait_for_text("Tages-Anzeiger · 2024-01");
    select_schoigu(s);
}

/// How many times `]` goes from the top of the Tages-Anzeiger article to its mention of
/// Sergei Schoigu, through the two of its title (tests/study_edit.rs reaches it the same way
/// in the app).
const PRESSES_TO_SCHOIGU: usize = 42;

/// Selects the open article's mention of Sergei Schoigu: from the top, a fixed number of
/// `]`, each one drawn before the next is sent, so a slow machine never makes it overshoot.
fn select_schoigu(s: &mut Session) {
    s.send("g");
    s.settle();
    // With attributes: the selection moving within the page changes no letter.
    let drawn = |s: &Session| s.parser.lock().unwrap().screen().contents_formatted();
    for _ in 0..PRESSES_TO_SCHOIGU {
        let before = drawn(s);
        s.send("]");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while drawn(s) == before && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    s.wait_for("Schoigu's mention selected", |screen| {
        screen.contains("┃│ Sergei Schoigu ") || screen.contains("┃│ ✎ Note")
    });
    s.settle();
}

/// `dossier notes --json` in the session's home.
fn notes_json(s: &Session) -> serde_json::Value {
    let out = Command::new(release_binary())
        .args(["notes", "--json"])
        .env("HOME", s.home.path())
        .env("XDG_DATA_HOME", s.home.path().join("data"))
        .env("XDG_CACHE_HOME", s.home.path().join("cache"))
        .env_remove("DOSSIER_ARTICLES")
        .env_remove("DOSSIER_CATALOGUE")
        .current_dir(s.home.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The background colour inside `words` where they show left of the sidebar.
fn background_of(s: &Session, words: &str) -> Option<vt100::Color> {
    let parser = s.parser.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    (0..rows.get()).find_map(|row| {
        let line: String = (0..cols.get())
            .map(|c| {
                let text = screen
                    .cell(row, c)
                    .map_or(String::new(), |x| x.contents().to_string());
                if text.is_empty() {
                    " ".to_string()
                } else {
                    text
                }
            })
            .collect();
        // Left of the sidebar (whose passages quote the same words).
        let reader = line.split("┃│").next().unwrap_or("");
        let at = reader.find(words)?;
        let col = reader[..at].chars().count() as u16;
        // Past the first letter: inside the words, not at a selection's edge.
        screen.cell(row, col + 2).map(|c| c.bgcolor())
    })
}

#[test]
fn words_selected_with_v_tagged_and_noted_in_the_popup_are_there_after_a_restart() {
    let mut s = Session::start(&[], &[]);
    open_on_schoigu(&mut s);
    s.send("v");
    s.wait_for_text(" VISUAL ");
    s.send("w");
    s.send("w");
    s.settle();
    // The status bar names the tags on their keys.
    assert!(s.screen().contains("2 question"), "{}", s.screen());
    s.send("2");
    s.wait_for_text("highlighted #question in paragraph 7");
    s.send("a");
    s.wait_for_text("Note · tagesanzeiger-2024-choe-in-moskau#7");
    s.wait_for_text("ctrl-s keep");
    s.send("Erster Besuch");
    s.send("\r");
    s.send("seit Juli 2023");
    s.send("\x13");
    s.wait_for_text("note kept");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();

    let home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());
    let mut again = Session::start_in(home, &[], &[]);
    again.wait_for_text("Articles 5");
    again.send("G");
    again.send("\r");
    again.wait_for_text("Tages-Anzeiger · 2024-01");
    select_schoigu(&mut again);
    again.settle();
    let screen = again.screen();
    assert!(
        screen.contains("✎ Note #question")
            && screen.contains("Erster Besuch")
            && screen.contains("seit Juli 2023"),
        "the note heads the sidebar after the restart:\n{screen}"
    );
    assert_eq!(
        background_of(&again, "besuchte damals"),
        Some(vt100::Color::Idx(12)),
        "the highlight is drawn in the colour of #question (light blue)"
    );
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    let notes = notes_json(&again);
    assert_eq!(notes[0]["quote"], "Sergei Schoigu besuchte damals");
    assert_eq!(notes[0]["tags"][0], "question");
    assert_eq!(notes[0]["note"], "Erster Besuch\nseit Juli 2023");
}

#[test]
fn a_script_as_editor_writes_the_note_and_a_failing_editor_keeps_it_as_it_was() {
    let home = tempfile::tempdir().unwrap();
    let good = home.path().join("good-editor");
    std::fs::write(
        &good,
        "#!/bin/sh\nprintf 'Aus dem Editor\\nzweite Zeile\\n' > \"$1\"\n",
    )
    .unwrap();
    let bad = home.path().join("bad-editor");
    std::fs::write(&bad, "#!/bin/sh\nprintf 'kaputt' > \"$1\"\nexit 3\n").unwrap();
    for script in [&good, &bad] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let good = good.to_str().unwrap().to_string();
    let mut s = Session::start_in(home, &[], &[("VISUAL", ""), ("EDITOR", &good)]);
    open_on_schoigu(&mut s);
    s.send("E");
    s.wait_for_text("highlighted with a note");
    // The screen is the reader's again, with the note in the sidebar.
    s.wait_for_text("Aus dem Editor");
    assert!(s.screen().contains("Articles 5"));
    // Kept the moment it was written: a kill -9 now loses nothing of it.
    let pid = s.child.process_id().expect("the reader's pid");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    s.wait_exit();

    let home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());
    let bad = home.path().join("bad-editor").to_str().unwrap().to_string();
    let mut again = Session::start_in(home, &[], &[("VISUAL", ""), ("EDITOR", &bad)]);
    again.wait_for_text("Articles 5");
    again.send("G");
    again.send("\r");
    again.wait_for_text("Tages-Anzeiger · 2024-01");
    select_schoigu(&mut again);
    again.send("a");
    again.wait_for_text("ctrl-e $EDITOR");
    again.send("\x05");
    again.wait_for_text("exited with status 3; the note is as it was");
    let screen = again.screen();
    assert!(
        screen.contains("Aus dem Editor") && !screen.contains("kaputt"),
        "the popup keeps the previous text:\n{screen}"
    );
    // Nothing changed: Esc closes at once.
    again.send("\x1b");
    again.settle();
    assert!(!again.screen().contains("ctrl-e $EDITOR"));
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    again.assert_terminal_restored();
    let notes = notes_json(&again);
    assert_eq!(notes[0]["note"], "Aus dem Editor\nzweite Zeile");
}

#[test]
fn y_writes_the_osc52_clipboard_sequence_only_when_the_settings_turn_it_on() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("dossier");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[clipboard]\nosc52 = true\n").unwrap();
    let mut on = Session::start_in(home, &[], &[]);
    open_on_schoigu(&mut on);
    on.send("y");
    on.wait_for_text("copied the quote with its citation");
    std::thread::sleep(Duration::from_millis(200));
    let raw = on.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw).to_string();
    let start = text
        .find("\x1b]52;c;")
        .expect("an OSC 52 sequence was written")
        + 7;
    let end = start
        + text[start..]
            .find('\x07')
            .expect("the sequence ends with BEL");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&text[start..end])
        .unwrap();
    let copied = String::from_utf8(decoded).unwrap();
    assert!(
        copied.starts_with("„Das erste klare Zeichen")
            && copied.contains("Sergei Schoigu besuchte")
            && copied.contains("Tages-Anzeiger, 2024-01, paragraph 7"),
        "{copied}"
    );
    on.send("q");
    assert_eq!(on.wait_exit(), 0);

    let mut off = Session::start(&[], &[]);
    open_on_schoigu(&mut off);
    off.send("y");
    off.wait_for_text("copying is off: set osc52 = true under [clipboard]");
    std::thread::sleep(Duration::from_millis(200));
    let raw = off.raw.lock().unwrap().clone();
    assert!(
        !String::from_utf8_lossy(&raw).contains("\x1b]52"),
        "no clipboard sequence while it is off"
    );
    off.send("q");
    assert_eq!(off.wait_exit(), 0);
}
