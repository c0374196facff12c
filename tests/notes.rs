//! Notes, highlights and bookmarks from the command line: stored in the user database, found
//! again after the article's file changes, exported with citations; two writers at once and
//! `kill -9` lose nothing that was committed.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::bin::{command, run_within};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const ARTICLE: &str = "tagesanzeiger-2024-choe-in-moskau";
const SCHOIGU: &str = "Putins Verteidigungsminister Sergei Schoigu besuchte damals Pyongyang";

/// A directory with a copy of the bundled articles and catalogue; HOME and XDG inside it.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        fs::create_dir(dir.path().join("articles")).unwrap();
        for entry in fs::read_dir(root.join("articles")).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(
                &path,
                dir.path().join("articles").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
        fs::create_dir(dir.path().join("config")).unwrap();
        fs::copy(
            root.join("config/entities.toml"),
            dir.path().join("config/entities.toml"),
        )
        .unwrap();
        Sandbox { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn article_file(&self) -> PathBuf {
        self.path().join("articles").join(format!("{ARTICLE}.md"))
    }

    /// Runs dossier with `args`; returns stdout, panicking with stderr on failure.
    fn ok(&self, args: &[&str]) -> String {
        let done = run_within(
            command(Path::new(BIN), self.path(), args),
            Duration::from_secs(60),
        );
        assert_eq!(done.code, Some(0), "dossier {args:?}: {}", done.stderr);
        done.stdout_text()
    }

    /// Runs dossier with `args` expecting exit 1; returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        let done = run_within(
            command(Path::new(BIN), self.path(), args),
            Duration::from_secs(60),
        );
        assert_eq!(
            done.code,
            Some(1),
            "dossier {args:?} should fail: {}",
            done.stdout_text()
        );
        done.stderr
    }

    fn notes(&self) -> Vec<Value> {
        let json: Value = serde_json::from_str(&self.ok(&["notes", "--json"])).unwrap();
        json.as_array().unwrap().clone()
    }

    fn add_schoigu_note(&self) {
        self.ok(&[
            "note",
            "add",
            ARTICLE,
            "--quote",
            SCHOIGU,
            "--note",
            "Erstes klares Zeichen",
            "--tag",
            "waffen",
        ]);
    }
}

#[test]
fn a_note_is_listed_with_every_field_and_the_database_is_under_xdg_data_home() {
    let s = Sandbox::new();
    s.add_schoigu_note();
    assert!(s.path().join("dossier/user.db").is_file());
    let notes = s.notes();
    assert_eq!(notes.len(), 1);
    let n = &notes[0];
    assert_eq!(n["article"], ARTICLE);
    assert_eq!(n["paragraph"], 7);
    assert_eq!(n["quote"], SCHOIGU);
    assert_eq!(n["note"], "Erstes klares Zeichen");
    assert_eq!(n["tags"], serde_json::json!(["waffen"]));
    assert_eq!(n["status"], "attached");
    assert!(n["id"].is_i64());
    let created = n["created"].as_str().unwrap();
    assert!(created.ends_with('Z') && created.len() == 20, "{created}");
    assert_eq!(n["updated"], n["created"]);
    assert!(
        n["entities"]
            .as_array()
            .unwrap()
            .contains(&"sergei-schoigu".into())
    );
}

#[test]
fn markdown_export_has_quote_note_source_date_and_paragraph() {
    let s = Sandbox::new();
    s.add_schoigu_note();
    let md = s.ok(&["export"]);
    assert!(md.contains(&format!("> {SCHOIGU}")), "{md}");
    assert!(md.contains("Erstes klares Zeichen"), "{md}");
    assert!(
        md.contains("„Russland und Nordkorea: Da haben sich zwei gefunden“, Tages-Anzeiger, 2024-01, paragraph 7"),
        "{md}"
    );
    assert!(md.contains("## Russland und Nordkorea"), "{md}");
}

#[test]
fn json_export_carries_the_citation_fields() {
    let s = Sandbox::new();
    s.add_schoigu_note();
    let rows: Value = serde_json::from_str(&s.ok(&["export", "--format", "json"])).unwrap();
    let row = &rows[0];
    assert_eq!(
        row["title"],
        "Russland und Nordkorea: Da haben sich zwei gefunden"
    );
    assert_eq!(row["source"], "Tages-Anzeiger");
    assert_eq!(row["date"], "2024-01");
    assert_eq!(row["paragraph"], 7);
    assert_eq!(row["quote"], SCHOIGU);
}

#[test]
fn export_groups_by_entity_and_filters_by_entity_tag_and_article() {
    let s = Sandbox::new();
    s.add_schoigu_note();
    s.ok(&[
        "note",
        "add",
        "vice",
        "--quote",
        "Putin traf sich bereits 2002",
        "--tag",
        "treffen",
    ]);
    let by_entity = s.ok(&["export", "--group", "entity"]);
    assert!(by_entity.contains("## Sergei Schoigu"), "{by_entity}");
    let schoigu = s.ok(&["export", "--entity", "schoigu"]);
    assert!(
        schoigu.contains(SCHOIGU) && !schoigu.contains("bereits 2002"),
        "{schoigu}"
    );
    let tagged = s.ok(&["export", "--tag", "treffen"]);
    assert!(
        tagged.contains("bereits 2002") && !tagged.contains(SCHOIGU),
        "{tagged}"
    );
    let vice = s.ok(&["notes", "--article", "vice"]);
    assert_eq!(vice.lines().count(), 1, "{vice}");
    let text = s.ok(&["notes", "--text", "ERSTES klares"]);
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn export_to_a_file_replaces_it_whole() {
    let s = Sandbox::new();
    s.add_schoigu_note();
    let target = s.path().join("notes.md");
    fs::write(
        &target,
        "old content that is much longer than nothing ".repeat(100),
    )
    .unwrap();
    let said = s.ok(&["export", "-o", target.to_str().unwrap()]);
    assert!(said.contains("exported 1 annotation"), "{said}");
    let written = fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("# Notes from dossier") && !written.contains("old content"));
    let leftovers: Vec<_> = fs::read_dir(s.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_paragraph_inserted_above_reattaches_the_note_to_the_same_words() {
    let s = Sandbox::new();
    s.add_schoigu_note();
    let text = fs::read_to_string(s.article_file()).unwrap();
    let at = text.find("Aber der rege Austausch").unwrap();
    let edited = format!("{}Ein neuer Absatz davor.\n\n{}", &text[..at], &text[at..]);
    fs::write(s.article_file(), edited).unwrap();
    let n = &s.notes()[0];
    assert_eq!(n["status"], "moved");
    assert_eq!(n["paragraph"], 8);
    assert_eq!(n["quote"], SCHOIGU);
    let md = s.ok(&["export"]);
    assert!(
        md.contains("paragraph 8") && md.contains("made in paragraph 7"),
        "{md}"
    );
}

#[test]
fn a_deleted_quote_is_flagged_orphaned_and_kept() {
    let s = Sandbox::new();
    s.add_schoigu_note();
    let text = fs::read_to_string(s.article_file()).unwrap();
    fs::write(s.article_file(), text.replace(SCHOIGU, "Jemand reiste")).unwrap();
    let notes = s.notes();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["status"], "orphaned");
    assert_eq!(notes[0]["note"], "Erstes klares Zeichen");
    let md = s.ok(&["export"]);
    assert!(
        md.contains(SCHOIGU) && md.contains("Not found in the current text"),
        "{md}"
    );
    // The article gone altogether: still kept, still flagged.
    fs::remove_file(s.article_file()).unwrap();
    assert_eq!(s.notes()[0]["status"], "orphaned");
}

#[test]
fn a_quote_not_in_the_article_or_in_several_paragraphs_is_refused_with_advice() {
    let s = Sandbox::new();
    let missing = s.fails(&["note", "add", ARTICLE, "--quote", "Das steht nirgends"]);
    assert!(
        missing.contains("not in article") && missing.contains(ARTICLE),
        "{missing}"
    );
    let several = s.fails(&["note", "add", ARTICLE, "--quote", "Kim"]);
    assert!(
        several.contains("--paragraph") && several.contains("2, "),
        "{several}"
    );
    s.ok(&["note", "add", ARTICLE, "--quote", "Kim", "--paragraph", "7"]);
    assert_eq!(s.notes()[0]["paragraph"], 7);
    let bad_tag = s.fails(&[
        "note",
        "add",
        ARTICLE,
        "--quote",
        SCHOIGU,
        "--tag",
        "zwei worte",
    ]);
    assert!(bad_tag.contains("tag"), "{bad_tag}");
    assert_eq!(s.notes().len(), 1, "a refused note stores nothing");
}

#[test]
fn notes_are_edited_and_removed_by_id() {
    let s = Sandbox::new();
    s.add_schoigu_note();
    let id = s.notes()[0]["id"].as_i64().unwrap().to_string();
    s.ok(&[
        "note",
        "edit",
        &id,
        "--note",
        "Zweite Fassung\nmit zwei Zeilen",
        "--tag",
        "a",
        "--tag",
        "b",
    ]);
    let n = &s.notes()[0];
    assert_eq!(n["note"], "Zweite Fassung\nmit zwei Zeilen");
    assert_eq!(n["tags"], serde_json::json!(["a", "b"]));
    s.ok(&["note", "rm", &id]);
    assert!(s.notes().is_empty());
    assert!(s.fails(&["note", "rm", &id]).contains("no annotation"));
}

#[test]
fn control_characters_in_a_note_never_reach_the_output() {
    let s = Sandbox::new();
    s.ok(&[
        "note",
        "add",
        ARTICLE,
        "--quote",
        SCHOIGU,
        "--note",
        "a\u{1b}]0;PWNED\u{7}b",
    ]);
    let listed = s.ok(&["notes"]);
    let exported = s.ok(&["export"]);
    for out in [listed, exported] {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    }
}

#[test]
fn two_processes_writing_at_once_keep_every_note() {
    let s = Sandbox::new();
    // Create the database first, so the racing starts on the writes.
    s.ok(&["notes"]);
    let per_writer = 12;
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let dir = s.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..per_writer {
                    let note = format!("writer {w} note {i}");
                    let args = ["note", "add", ARTICLE, "--quote", SCHOIGU, "--note", &note];
                    let done = run_within(
                        command(Path::new(BIN), &dir, &args),
                        Duration::from_secs(60),
                    );
                    assert_eq!(done.code, Some(0), "{}", done.stderr);
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let mut notes: Vec<String> = s
        .notes()
        .iter()
        .map(|n| n["note"].as_str().unwrap().to_string())
        .collect();
    notes.sort();
    let mut expected: Vec<String> = (0..2)
        .flat_map(|w| (0..per_writer).map(move |i| format!("writer {w} note {i}")))
        .collect();
    expected.sort();
    assert_eq!(notes, expected);
}

#[test]
fn kill_9_in_the_middle_of_writes_loses_nothing_committed_and_leaves_a_sound_database() {
    let s = Sandbox::new();
    s.ok(&["notes"]);
    let mut confirmed = Vec::new();
    for i in 0..30u64 {
        let note = format!("note {i}");
        let args = ["note", "add", ARTICLE, "--quote", SCHOIGU, "--note", &note];
        let mut child = command(Path::new(BIN), s.path(), &args).spawn().unwrap();
        // Kill at a different moment each time: before, during and after the transaction.
        std::thread::sleep(Duration::from_millis(i * 17 % 400));
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(child.id() as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
        let status = child.wait().unwrap();
        if status.success() {
            confirmed.push(note);
        }
    }
    // Killed at once, the first never got to write; the late kills found them done.
    assert!(!confirmed.contains(&"note 0".to_string()));
    assert!(!confirmed.is_empty(), "no write finished within 400 ms");
    let stored: Vec<String> = s
        .notes()
        .iter()
        .map(|n| n["note"].as_str().unwrap().to_string())
        .collect();
    for note in &confirmed {
        assert!(stored.contains(note), "{note} was confirmed but is gone");
    }
    let db = rusqlite::Connection::open(s.path().join("dossier/user.db")).unwrap();
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn timeline_for_putin_lists_the_april_2019_meeting_before_the_september_2023_one() {
    let s = Sandbox::new();
    let rows: Value =
        serde_json::from_str(&s.ok(&["timeline", "--entity", "putin", "--json"])).unwrap();
    let rows = rows.as_array().unwrap();
    let first = |date: &str, needle: &str| {
        rows.iter()
            .position(|r| r["date"] == date && r["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no {date} {needle}"))
    };
    let april = first("2019-04", "Wladiwostok");
    let september = first("2023-09", "Wostotschny");
    assert!(april < september);
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "in time order");
    assert!(rows.iter().all(|r| r["entity"] == "wladimir-putin"));
    let passage = rows
        .iter()
        .find(|r| {
            r["text"]
                .as_str()
                .unwrap()
                .starts_with("Im April 2019 trafen sich Putin")
        })
        .expect("the sentence of the Wikipedia article");
    assert_eq!(
        passage["article"],
        "wikipedia-nordkoreanisch-russische-beziehungen"
    );
    assert_eq!(passage["precision"], "month");
    assert!(passage["paragraph"].as_u64().unwrap() >= 1);
    let plain = s.ok(&["timeline", "--entity", "Wladimir Putin"]);
    assert!(plain.lines().any(|l| l.starts_with("2019-04")), "{plain}");
}

#[test]
fn timeline_entity_is_an_id_a_name_or_an_alias_and_a_shared_alias_is_ambiguous() {
    let s = Sandbox::new();
    let by_alias = s.ok(&["timeline", "--entity", "schoigu"]);
    assert!(by_alias.contains("2023-07"), "{by_alias}");
    let ambiguous = s.fails(&["timeline", "--entity", "kim"]);
    assert!(
        ambiguous.contains("ambiguous") && ambiguous.contains("kim-jong-un"),
        "{ambiguous}"
    );
}

#[test]
fn timeline_of_the_whole_corpus_is_in_time_order_without_footnote_retrieval_dates() {
    let s = Sandbox::new();
    let rows: Value = serde_json::from_str(&s.ok(&["timeline", "--json"])).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() > 20, "{} rows", rows.len());
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(
        rows.iter()
            .all(|r| !r["text"].as_str().unwrap().contains("abgerufen am")),
        "reference blocks are left out"
    );
    // A sentence of an article with no entity asked for: no entity; a fact: its entity.
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "passage" && r["entity"].is_null())
    );
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "fact" && r["entity"].is_string())
    );
    // "im Juli 2023" is a month, not also the year 2023 for the same sentence.
    let juli: Vec<&Value> = rows
        .iter()
        .filter(|r| r["text"].as_str().unwrap().contains("gab es im Juli 2023"))
        .collect();
    assert_eq!(juli.len(), 1, "{juli:?}");
    assert_eq!(juli[0]["date"], "2023-07");
}
