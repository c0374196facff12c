//! End to end in a real pseudo-terminal: highlight the sentence about Sergei Schoigu with `H`,
//! quit, start again (the highlight is drawn), and export it with its citation. Then the whole
//! study run: a note on the highlight, a paragraph inserted above it in the article file while
//! the reader shows it (the highlight stays on the same words; the note re-attaches), the quote
//! deleted from the file (the note is flagged, not lost), two readers annotating at once (both
//! kept), and the timeline of Putin with the 2019 meeting before the 2023 one.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::pty::{Session, release_binary};
use serde_json::Value;

const ARTICLE: &str = "tagesanzeiger-2024-choe-in-moskau";
/// The sentence `H` highlights on the mention of Schoigu.
const SENTENCE: &str = "Das erste klare Zeichen für die vertieften Beziehungen gab es im Juli 2023: Putins Verteidigungsminister Sergei Schoigu besuchte damals Pyongyang und besichtigte dort eine Waffenausstellung mit Raketen, die Nordkorea nach internationalen Regeln gar nicht haben dürfte.";
const NOTE: &str = "Erstes klares Zeichen: Schoigu in Pjöngjang";

/// Opens the Tages-Anzeiger article (last in the list) and selects its mention of Schoigu
/// (the sidebar then shows his summary).
fn open_on_schoigu(s: &mut Session) {
    s.wait_for_text("Articles 5");
    s.send("G");
    s.send("\r");
    s.wait_for_text("Tages-Anzeiger · 2024-01");
    for _ in 0..120 {
        s.settle();
        // The sidebar's heading names the selected mention's entity.
        if s.screen().lines().any(|l| l.contains("┃│ Sergei Schoigu ")) {
            return;
        }
        s.send("]");
    }
    panic!("never reached Schoigu:\n{}", s.screen());
}

/// Waits until the screen has stopped changing (the last key is drawn), on a busy machine too.
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
    again.settle();
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

/// A home with a copy of the bundled articles (`./articles`) and catalogue
/// (`./config/entities.toml`), which the reader and the commands started in it use.
fn home_with_articles() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(home.path().join("articles")).unwrap();
    for entry in std::fs::read_dir(root.join("articles")).unwrap() {
        let path = entry.unwrap().path();
        let to = home.path().join("articles").join(path.file_name().unwrap());
        std::fs::copy(&path, to).unwrap();
    }
    std::fs::create_dir(home.path().join("config")).unwrap();
    std::fs::copy(
        root.join("config/entities.toml"),
        home.path().join("config/entities.toml"),
    )
    .unwrap();
    home
}

/// `dossier ARGS` in `home` as the reader there sees it; stdout, or a panic with stderr.
fn dossier(home: &Path, args: &[&str]) -> String {
    let done = Command::new(release_binary())
        .args(args)
        .current_dir(home)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("DOSSIER_ARTICLES")
        .env_remove("DOSSIER_CATALOGUE")
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "dossier {args:?}: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    String::from_utf8(done.stdout).unwrap()
}

fn notes(home: &Path) -> Vec<Value> {
    let json: Value = serde_json::from_str(&dossier(home, &["notes", "--json"])).unwrap();
    json.as_array().unwrap().clone()
}

/// Rewrites the article file as an editor would: the new text in a temporary file, renamed
/// over the old one.
fn edit_article(home: &Path, change: impl Fn(&str) -> String) {
    let path = home.join("articles").join(format!("{ARTICLE}.md"));
    let old = std::fs::read_to_string(&path).unwrap();
    let new = change(&old);
    assert_ne!(old, new, "the edit changed the file");
    let tmp = home.join(format!("{ARTICLE}.md.tmp"));
    std::fs::write(&tmp, new).unwrap();
    std::fs::rename(tmp, path).unwrap();
}

/// Finds `words` with the reader's find and says whether the cell `offset` characters into
/// them is drawn with a background (a highlight), and whether the first cell of `before` is.
fn highlighted_after_find(s: &mut Session, words: &str, offset: u16, before: &str) -> (bool, bool) {
    s.send("\x06");
    s.send(words);
    s.send("\r");
    s.settle();
    let parser = s.parser.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let line_of = |row: u16| -> String {
        (0..cols.get())
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
            .collect()
    };
    let place = |words: &str| {
        (0..rows.get()).find_map(|row| {
            let line = line_of(row);
            let at = line.find(words)?;
            Some((row, line[..at].chars().count() as u16))
        })
    };
    let (row, col) =
        place(words).unwrap_or_else(|| panic!("{words:?} on screen:\n{}", screen.contents()));
    let inside = screen.cell(row, col + offset).unwrap().bgcolor() != vt100::Color::Default;
    let (row, col) =
        place(before).unwrap_or_else(|| panic!("{before:?} on screen:\n{}", screen.contents()));
    let outside = screen.cell(row, col).unwrap().bgcolor() != vt100::Color::Default;
    (inside, outside)
}

/// Waits until `notes --json` satisfies `ok`, for a reader's write to land.
fn wait_for_notes(home: &Path, what: &str, ok: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = notes(home);
        if ok(&found) {
            return found;
        }
        assert!(Instant::now() < deadline, "{what}: {found:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_note_on_a_highlight_follows_its_words_when_the_file_changes_and_is_flagged_when_they_go() {
    let home = home_with_articles();
    let dir = home.path().to_path_buf();
    let mut s = Session::start_in(home, &[], &[]);
    open_on_schoigu(&mut s);
    s.send("H");
    s.wait_for_text("highlighted a sentence of paragraph 7");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // The note on the highlight.
    let made = notes(&dir);
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(made[0]["quote"], SENTENCE);
    let id = made[0]["id"].to_string();
    dossier(&dir, &["note", "edit", &id, "--note", NOTE]);

    // Restarted, the reader draws the highlight; an exported Markdown cites it.
    let home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());
    let mut again = Session::start_in(home, &[], &[]);
    again.wait_for_text("Tages-Anzeiger · 2024-01");
    let (inside, outside) =
        highlighted_after_find(&mut again, "Das erste klare Zeichen", 16, "Aber der rege");
    assert!(
        inside && !outside,
        "the highlight is drawn after the restart, on its sentence only"
    );
    let md = dossier(&dir, &["export"]);
    assert!(
        md.contains("> Das erste klare Zeichen für die vertieften Beziehungen"),
        "{md}"
    );
    assert!(md.contains(NOTE), "{md}");
    assert!(md.contains("Tages-Anzeiger, 2024-01, paragraph 7"), "{md}");

    // A paragraph inserted above the quote while the reader shows it: the reader reloads, the
    // highlight stays on the same words, and the note is found again one paragraph down.
    edit_article(&dir, |text| {
        text.replacen(
            "Aber der rege Austausch",
            "Ein eingefügter Absatz über etwas anderes.\n\nAber der rege Austausch",
            1,
        )
    });
    again.wait_for_text("Ein eingefügter Absatz");
    let (inside, outside) =
        highlighted_after_find(&mut again, "Das erste klare Zeichen", 16, "Aber der rege");
    assert!(
        inside && !outside,
        "after the edit the highlight is on the same words"
    );
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    again.assert_terminal_restored();
    let moved = notes(&dir);
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["status"], "moved");
    assert_eq!(moved[0]["paragraph"], 8);
    assert_eq!(moved[0]["quote"], SENTENCE);
    assert_eq!(moved[0]["note"], NOTE);
    let md = dossier(&dir, &["export"]);
    assert!(md.contains("Tages-Anzeiger, 2024-01, paragraph 8"), "{md}");

    // The quote deleted from the file: the note is kept, flagged orphaned, and still exported.
    edit_article(&dir, |text| text.replacen(SENTENCE, "", 1));
    let orphaned = notes(&dir);
    assert_eq!(orphaned.len(), 1, "the note is not lost");
    assert_eq!(orphaned[0]["status"], "orphaned");
    assert_eq!(orphaned[0]["note"], NOTE);
    assert_eq!(orphaned[0]["quote"], SENTENCE);
    let md = dossier(&dir, &["export"]);
    assert!(md.contains(NOTE), "{md}");
    assert!(
        md.contains("Not found in the current text of the article"),
        "{md}"
    );
}

#[test]
fn two_readers_annotating_at_once_both_keep_their_annotations() {
    let home = home_with_articles();
    let dir = home.path().to_path_buf();
    let articles = dir.join("articles");
    let catalogue = dir.join("config/entities.toml");
    let data = dir.join("data");
    let args = [
        "--articles",
        articles.to_str().unwrap(),
        "--catalogue",
        catalogue.to_str().unwrap(),
    ];
    let mut first = Session::start_in(home, &args, &[]);
    let mut second = Session::start(&args, &[("XDG_DATA_HOME", data.to_str().unwrap())]);
    open_on_schoigu(&mut first);
    second.wait_for_text("Articles 5");
    second.send("\r");
    second.wait_for_text("VICE · 2015");
    // Past the six mentions of the title and lead to the first of the body: a highlight is
    // made in a paragraph.
    second.send("]]]]]]]");
    // Both running: each marks a sentence, turn about.
    first.send("H");
    second.send("H");
    first.wait_for_text("highlighted a sentence of paragraph 7");
    second.wait_for_text("highlighted a sentence of paragraph");
    second.send("M");
    second.wait_for_text("bookmarked a sentence of paragraph");
    let found = wait_for_notes(&dir, "three annotations", |n| n.len() == 3);
    first.send("q");
    second.send("q");
    assert_eq!(first.wait_exit(), 0);
    assert_eq!(second.wait_exit(), 0);
    let articles: Vec<&str> = found
        .iter()
        .map(|n| n["article"].as_str().unwrap())
        .collect();
    assert!(articles.contains(&ARTICLE), "{found:?}");
    assert!(
        articles.contains(&"vice-2015-kim-besucht-moskau"),
        "{found:?}"
    );
    assert!(found.iter().any(|n| n["kind"] == "bookmark"), "{found:?}");
    assert_eq!(notes(&dir).len(), 3, "all kept after both quit");
}

#[test]
fn the_timeline_of_putin_lists_the_april_2019_meeting_before_the_september_2023_one() {
    let home = home_with_articles();
    let plain = dossier(home.path(), &["timeline", "--entity", "putin"]);
    let line = |date: &str, needle: &str| {
        plain
            .lines()
            .position(|l| l.starts_with(date) && l.contains(needle))
            .unwrap_or_else(|| panic!("no {date} {needle} in\n{plain}"))
    };
    assert!(line("2019-04", "Wladiwostok") < line("2023-09", "Wostotschny"));
}
