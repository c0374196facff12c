//! End to end in a real pseudo-terminal: highlight the sentence about Sergei Schoigu with `H`,
//! quit, start again (the highlight is drawn), and export it with its citation.

mod common;

use std::process::Command;
use std::time::Duration;

use common::pty::{Session, release_binary};

/// Opens the Tages-Anzeiger article (last in the list) and selects its mention of Schoigu
/// (the sidebar then shows his summary).
fn open_on_schoigu(s: &mut Session) {
    s.wait_for_text("Articles 5");
    s.send("G");
    s.send("\r");
    s.wait_for_text("Tages-Anzeiger · 2024-01");
    for _ in 0..120 {
        settle(s);
        // The sidebar's heading names the selected mention's entity.
        if s.screen().lines().any(|l| l.contains("┃│ Sergei Schoigu ")) {
            return;
        }
        s.send("]");
    }
    panic!("never reached Schoigu:\n{}", s.screen());
}

/// Waits until the screen has stopped changing (the last key is drawn), on a busy machine too.
fn settle(s: &Session) {
    let mut last = s.screen();
    let mut still = 0;
    while still < 3 {
        std::thread::sleep(Duration::from_millis(80));
        let now = s.screen();
        still = if now == last { still + 1 } else { 0 };
        last = now;
    }
}

#[test]
fn a_highlight_made_in_the_reader_is_there_after_a_restart_and_exported_with_its_citation() {
    let mut s = Session::start(&[], &[]);
    open_on_schoigu(&mut s);
    s.send("H");
    s.wait_for_text("highlighted a sentence of paragraph 7");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();

    let home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());
    let data = home.path().join("data");
    let mut again = Session::start_in(home, &[], &[]);
    again.wait_for_text("Articles 5");
    // The reader reopens the last article; find the sentence to bring it on screen.
    again.send("G");
    again.send("\r");
    again.wait_for_text("Tages-Anzeiger · 2024-01");
    again.send("\x06");
    again.send("Das erste klare");
    again.send("\r");
    settle(&again);
    {
        let parser = again.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let line_of = |row: u16| -> String {
            (0..cols.get())
                .map(|c| {
                    // One character per cell: an empty cell reads as a space.
                    let text = screen
                        .cell(row, c)
                        .map_or(String::new(), |x| x.contents().to_string());
                    if text.is_empty() {
                        " ".to_string()
                    } else {
                        text
                    }
                })
                .collect()
        };
        let place = |words: &str| {
            (0..rows.get()).find_map(|row| {
                let line = line_of(row);
                let at = line.find(words)?;
                Some((row, line[..at].chars().count() as u16))
            })
        };
        let (row, col) = place("Das erste klare Zeichen").expect("the sentence is on screen");
        // "Zeichen": inside the highlight, past the find's hit on "Das erste klare".
        let inside = screen.cell(row, col + 16).unwrap();
        assert_eq!(inside.contents(), "Z");
        assert_ne!(
            inside.bgcolor(),
            vt100::Color::Default,
            "the highlight is drawn after the restart"
        );
        let (row, col) = place("Aber der rege").expect("the sentence before is on screen");
        let outside = screen.cell(row, col).unwrap();
        assert_eq!(
            outside.bgcolor(),
            vt100::Color::Default,
            "only the sentence is highlighted"
        );
    }
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let export = Command::new(release_binary())
        .arg("export")
        .env("HOME", again.home.path())
        .env("XDG_DATA_HOME", &data)
        .env_remove("DOSSIER_ARTICLES")
        .env_remove("DOSSIER_CATALOGUE")
        .current_dir(again.home.path())
        .output()
        .unwrap();
    assert!(export.status.success());
    let md = String::from_utf8(export.stdout).unwrap();
    assert!(md.contains("> Das erste klare Zeichen"), "{md}");
    assert!(
        md.contains("Putins Verteidigungsminister Sergei Schoigu"),
        "{md}"
    );
    assert!(md.contains("Tages-Anzeiger, 2024-01, paragraph 7"), "{md}");
}
