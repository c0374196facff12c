//! The reader's rows while the index is brought up to date behind it: the shelf opens at once
//! with what the index holds, a background sync reports its batches before its end, and rows
//! taken in later sort into place while the selection, the filter, the open article and the
//! history keep naming what they named; a changed open article is read again and a removed one
//! closes saying so.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dossier::config::keymap::Keymap;
use dossier::config::settings::Options;
use dossier::library::Library;
use dossier::paths::{Inputs, Origin, Reason};
use dossier::shelf::Shelf;
use dossier::store::sqlite::Progress;
use dossier::store::sqlite::background::Event;
use dossier::tui::app::App;
use dossier::tui::effect::Status;
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn write(dir: &Path, key: &str, title: &str, date: &str, body: &str) {
    let text = format!(
        "+++\ntitle = \"{title}\"\ndate = \"{date}\"\nsource = \"Archiv\"\n+++\n\n{body}\n"
    );
    std::fs::write(dir.join(format!("{key}.md")), text).unwrap();
}

fn sandbox() -> (TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    (root, dir)
}

fn inputs(root: &TempDir) -> Inputs {
    Inputs {
        articles: Origin::Disk(root.path().join("articles"), Reason::Flag),
        catalogue: Origin::Disk(Path::new(ROOT).join("config/entities.toml"), Reason::Flag),
        keys: None,
        config: None,
        follow_links: false,
    }
}

fn cache(root: &TempDir) -> PathBuf {
    root.path().join("cache")
}

/// Brings the index up to date, as another command would.
fn sync_now(root: &TempDir) {
    Library::open(&inputs(root), Some(&cache(root)), &|_| {}).expect("the index syncs");
}

fn app(root: &TempDir) -> App {
    let shelf = Shelf::open_at_once(&inputs(root), Some(&cache(root))).expect("the shelf opens");
    let options = Options {
        palette: None,
        ..Options::default()
    };
    App::new(shelf, Keymap::defaults(), options, (160, 45))
}

fn titles(a: &App) -> Vec<String> {
    a.list()
        .hits()
        .iter()
        .map(|h| a.shelf().row(h.article).unwrap().title.clone())
        .collect()
}

fn selected_title(a: &App) -> String {
    let hit = &a.list().hits()[a.list().selected()];
    a.shelf().row(hit.article).unwrap().title.clone()
}

fn open_title(a: &App) -> Option<String> {
    a.reader().open().map(|o| o.body().front.title.clone())
}

#[test]
fn a_shelf_opened_at_once_on_a_new_index_is_empty_and_reads_no_file() {
    let (root, dir) = sandbox();
    write(&dir, "a", "Alpha", "2020-01-01", "Text.");
    let a = app(&root);
    assert_eq!(a.shelf().len(), 0, "nothing is read before the sync");
    assert!(a.list().hits().is_empty());
    assert!(a.shelf().library().syncs());
}

#[test]
fn rows_that_arrive_sort_in_between_and_selection_open_article_and_history_stay() {
    let (root, dir) = sandbox();
    write(&dir, "b", "Beta", "2021-01-01", "Zweiter Text.");
    write(&dir, "d", "Delta", "2023-01-01", "Vierter Text.");
    sync_now(&root);
    let mut a = app(&root);
    assert_eq!(titles(&a), ["Beta", "Delta"]);
    // Open Beta, then Delta from the list: the history holds Beta.
    a.press("enter").unwrap();
    a.press("1 j enter").unwrap();
    assert_eq!(open_title(&a).as_deref(), Some("Delta"));
    let delta = a.reader().article().unwrap();

    write(&dir, "a", "Alpha", "2020-01-01", "Erster Text.");
    write(&dir, "c", "Gamma", "2022-01-01", "Dritter Text.");
    sync_now(&root);
    let changes = a.refresh_shelf(true, false).unwrap();
    assert_eq!(changes.added, 2);
    assert_eq!(titles(&a), ["Alpha", "Beta", "Gamma", "Delta"]);
    assert_eq!(
        selected_title(&a),
        "Delta",
        "the selection follows its article"
    );
    assert_eq!(a.reader().article(), Some(delta), "ids do not change");
    assert_eq!(open_title(&a).as_deref(), Some("Delta"));
    // Back still leads to Beta; the list moves from Delta up to the new Gamma.
    a.press("ctrl-o").unwrap();
    assert_eq!(open_title(&a).as_deref(), Some("Beta"));
    a.press("1 k").unwrap();
    assert_eq!(
        selected_title(&a),
        "Gamma",
        "the list moves in article order"
    );
}

#[test]
fn the_filter_stays_and_is_applied_to_rows_that_arrive() {
    let (root, dir) = sandbox();
    write(&dir, "b", "Bericht Moskau", "2021-01-01", "Text.");
    write(&dir, "x", "Anderes", "2021-06-01", "Text.");
    sync_now(&root);
    let mut a = app(&root);
    a.press("/").unwrap();
    a.type_text("moskau");
    a.press("enter").unwrap();
    assert_eq!(titles(&a), ["Bericht Moskau"]);
    write(&dir, "a", "Moskau früher", "2019-01-01", "Text.");
    write(&dir, "z", "Nichts davon", "2018-01-01", "Text.");
    sync_now(&root);
    a.refresh_shelf(true, false).unwrap();
    assert_eq!(a.list().query(), "moskau", "the filter text stays");
    let mut found = titles(&a);
    found.sort();
    assert_eq!(found, ["Bericht Moskau", "Moskau früher"]);
    assert_eq!(selected_title(&a), "Bericht Moskau");
}

#[test]
fn a_changed_open_article_is_read_again_and_a_removed_one_closes_saying_so() {
    let (root, dir) = sandbox();
    write(&dir, "a", "Alpha", "2020-01-01", "Alter Wortlaut.");
    write(&dir, "b", "Beta", "2021-01-01", "Text.");
    sync_now(&root);
    let mut a = app(&root);
    a.press("enter").unwrap();
    let text = |a: &App| {
        let open = a.reader().open().unwrap();
        open.body()
            .blocks
            .iter()
            .map(|b| b.text.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(text(&a).contains("Alter Wortlaut"));
    write(
        &dir,
        "a",
        "Alpha",
        "2020-01-01",
        "Neuer Wortlaut, länger als vorher.",
    );
    sync_now(&root);
    a.refresh_shelf(true, true).unwrap();
    assert!(
        text(&a).contains("Neuer Wortlaut"),
        "no stale body: {}",
        text(&a)
    );

    std::fs::remove_file(dir.join("a.md")).unwrap();
    sync_now(&root);
    let changes = a.refresh_shelf(true, false).unwrap();
    assert_eq!(changes.removed.len(), 1);
    assert_eq!(a.reader().article(), None, "the gone article is closed");
    assert!(
        matches!(a.status(), Some(Status::Error(s)) if s.contains("gone")),
        "{:?}",
        a.status()
    );
    assert_eq!(titles(&a), ["Beta"]);
    // Back to the gone article does not panic.
    a.press("ctrl-o ctrl-o").unwrap();
}

#[test]
fn a_background_sync_reports_its_first_batch_before_its_end_and_the_rows_are_readable_then() {
    let (root, dir) = sandbox();
    for i in 0..450 {
        write(
            &dir,
            &format!("n{i:03}"),
            &format!("Nummer {i:03}"),
            &format!("2020-{:02}-01", 1 + i % 12),
            "Wladimir Putin in Moskau.",
        );
    }
    let mut a = app(&root);
    assert_eq!(a.shelf().len(), 0);
    let mut sync = a.shelf().library().background_sync().expect("an index");
    let mut seen = Vec::new();
    let mut first_rows = None;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let events = sync.events();
        let mut ended = false;
        for event in events {
            match &event {
                Event::Progress(Progress::Indexed { done, total }) if first_rows.is_none() => {
                    assert!(done < total, "the first batch is not the whole build");
                    a.refresh_shelf(false, false).unwrap();
                    first_rows = Some(a.shelf().len());
                }
                Event::Finished(result) => {
                    assert!(result.is_ok(), "{result:?}");
                    ended = true;
                }
                _ => {}
            }
            seen.push(format!("{event:?}"));
        }
        if ended {
            break;
        }
        assert!(Instant::now() < deadline, "the sync ended: {seen:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
    let first_rows = first_rows.expect("a batch was reported before the end");
    assert!(first_rows >= 200, "{first_rows} rows after the first batch");
    assert!(seen[0].starts_with("Started"), "{seen:?}");
    a.refresh_shelf(true, false).unwrap();
    assert_eq!(a.shelf().len(), 450);
    let order: Vec<&str> = a
        .shelf()
        .order()
        .iter()
        .map(|&id| a.shelf().row(id).unwrap().date.as_str())
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "rows in date order");
}

#[test]
fn following_a_mention_after_rows_arrived_goes_to_the_next_article_in_article_order() {
    let (root, dir) = sandbox();
    let body = "Wladimir Putin sprach in Moskau.";
    write(&dir, "b", "Beta", "2021-01-01", body);
    write(&dir, "d", "Delta", "2023-01-01", body);
    sync_now(&root);
    let mut a = app(&root);
    // Gamma arrives after Beta and Delta got their ids, and sorts between them.
    write(&dir, "c", "Gamma", "2022-01-01", body);
    sync_now(&root);
    a.refresh_shelf(true, false).unwrap();
    assert_eq!(titles(&a), ["Beta", "Gamma", "Delta"]);
    a.press("enter").unwrap();
    assert_eq!(open_title(&a).as_deref(), Some("Beta"));
    a.press("]").unwrap();
    a.press("enter").unwrap();
    assert_eq!(
        open_title(&a).as_deref(),
        Some("Gamma"),
        "the next article naming the entity is the next by date, not by id"
    );
    a.press("]").unwrap();
    a.press("enter").unwrap();
    assert_eq!(open_title(&a).as_deref(), Some("Delta"));
}

/// Runs the reader's fill (the background sync as the event loop drives it) to its end.
fn fill_to_the_end(a: &mut App) -> dossier::tui::fill::Fill {
    let mut fill = dossier::tui::fill::Fill::default();
    fill.start(a);
    let deadline = Instant::now() + Duration::from_secs(120);
    while fill.running() {
        assert!(Instant::now() < deadline, "the sync ends");
        fill.look(a, Instant::now());
        std::thread::sleep(Duration::from_millis(10));
    }
    fill.look(a, Instant::now());
    fill
}

#[test]
fn the_fill_takes_in_a_whole_build_and_says_the_index_is_up_to_date() {
    let (root, dir) = sandbox();
    for (key, title, date) in [
        ("a", "Alpha", "2020"),
        ("b", "Beta", "2021"),
        ("c", "Gamma", "2022"),
    ] {
        write(&dir, key, title, date, "Text.");
    }
    let mut a = app(&root);
    assert_eq!(a.shelf().len(), 0);
    fill_to_the_end(&mut a);
    assert_eq!(titles(&a), ["Alpha", "Beta", "Gamma"]);
    assert_eq!(
        a.shelf().activity(),
        Some("index up to date: 3 added"),
        "the status bar says what the sync did"
    );
    // A second start finds nothing to do and says so.
    let mut again = app(&root);
    assert_eq!(
        titles(&again),
        ["Alpha", "Beta", "Gamma"],
        "a warm index shows its rows at once"
    );
    fill_to_the_end(&mut again);
    assert_eq!(again.shelf().activity(), Some("index up to date"));
}

#[test]
fn a_failed_sync_is_said_in_the_status_line_and_the_reader_goes_on() {
    let (root, dir) = sandbox();
    write(&dir, "a", "Alpha", "2020", "Text.");
    sync_now(&root);
    let mut a = app(&root);
    assert_eq!(titles(&a), ["Alpha"]);
    // The directory goes away after the reader opened: the sync cannot list it.
    std::fs::remove_dir_all(&dir).unwrap();
    fill_to_the_end(&mut a);
    match a.status() {
        Some(Status::Error(said)) => assert!(
            said.contains("not brought up to date") && said.contains("articles directory"),
            "{said}"
        ),
        other => panic!("no error in the status line: {other:?}"),
    }
    assert_eq!(titles(&a), ["Alpha"], "the rows shown stay");
    a.press("j k").unwrap();
}
