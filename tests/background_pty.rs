//! The reader's start on a real terminal (release binary on a pty) while its index is built:
//! the first frame comes before the build, rows fill the list batch by batch with the open
//! article and its selection kept, a second reader started meanwhile shows the committed rows
//! and says who builds, and quitting mid-build leaves an index the next start finishes.
//!
//! The build is held between batches by `DOSSIER_TEST_SYNC_GATE` (a file holding how many
//! batches may pass), so every assertion is about the order of events, never about time.

mod common;

use std::path::{Path, PathBuf};

use common::pty::{Session, release_binary};

/// `count` articles whose dates do not follow their names, so rows arriving later sort in
/// between rows already shown.
fn articles(home: &Path, count: usize) -> PathBuf {
    let dir = home.join("articles");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..count {
        let day = (i * 7919) % 3000;
        let text = format!(
            "+++\ntitle = \"Nummer {i:04}\"\ndate = \"{}-{:02}-{:02}\"\nsource = \"Archiv\"\n+++\n\n\
             Wladimir Putin traf Kim Jong-un in Wladiwostok, Bericht {i}.\n",
            2000 + day / 300,
            1 + (day / 25) % 12,
            1 + day % 25
        );
        std::fs::write(dir.join(format!("n{i:04}.md")), text).unwrap();
    }
    dir
}

fn open_gate(gate: &Path, batches: usize) {
    std::fs::write(gate, batches.to_string()).unwrap();
}

/// The count in the list's title (" Articles 200 ").
fn listed(screen: &str) -> Option<usize> {
    let at = screen.find(" Articles ")? + " Articles ".len();
    let digits: String = screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The title of the article marked open in the list ("▸ Nummer 0042").
fn marked_open(screen: &str) -> Option<String> {
    let at = screen.find("▸ ")? + "▸ ".len();
    Some(screen[at..].chars().take("Nummer 0000".len()).collect())
}

/// Whether some process holds the writer's lock of the one index under `cache`.
fn lock_held(cache: &Path) -> bool {
    use std::os::unix::io::AsRawFd;
    let Ok(entries) = std::fs::read_dir(cache.join("dossier")) else {
        return false;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "lock") {
            let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            // SAFETY: flock on a descriptor we own.
            let free = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
            return !free;
        }
    }
    false
}

fn index_json(dir: &Path, cache: &Path) -> String {
    let out = std::process::Command::new(release_binary())
        .arg("--articles")
        .arg(dir)
        .args(["index", "--json"])
        .current_dir(cache)
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_CONFIG_HOME", cache.join("config"))
        .env("XDG_DATA_HOME", cache.join("data"))
        .env("HOME", cache)
        .env_remove("DOSSIER_ARTICLES")
        .env_remove("DOSSIER_CATALOGUE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn field(json: &str, name: &str) -> usize {
    let at = json.find(&format!("\"{name}\":")).expect(name) + name.len() + 3;
    json[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

#[test]
fn the_first_frame_comes_before_the_build_and_rows_fill_in_keeping_the_open_article() {
    let home = tempfile::tempdir().unwrap();
    let dir = articles(home.path(), 300);
    let gate = home.path().join("gate");
    open_gate(&gate, 0);
    let gate_env = gate.to_str().unwrap().to_string();
    let mut s = Session::start_in(
        home,
        &["--articles", dir.to_str().unwrap()],
        &[("DOSSIER_TEST_SYNC_GATE", &gate_env)],
    );
    // The build waits at its gate: this screen is drawn before any row is indexed.
    s.wait_for_text("building the index");
    assert_eq!(listed(&s.screen()), Some(0), "{}", s.screen());

    open_gate(&gate, 1);
    s.wait_for("the first batch", |screen| {
        listed(screen).is_some_and(|n| n > 0 && n < 300)
    });
    s.wait_for_text("building the index…");
    // Keys work during the build: select the third row and open it.
    s.send("j");
    s.send("j");
    s.send("\r");
    s.wait_for("an open article", |screen| marked_open(screen).is_some());
    let opened = marked_open(&s.screen()).unwrap();

    open_gate(&gate, 1000);
    s.wait_for("every row", |screen| listed(screen) == Some(300));
    s.wait_for_text("index up to date");
    let screen = s.screen();
    assert_eq!(
        marked_open(&screen).as_deref(),
        Some(opened.as_str()),
        "the open article stays open and marked:\n{screen}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn a_second_reader_during_a_build_shows_the_committed_rows_and_corrupts_nothing() {
    let first_home = tempfile::tempdir().unwrap();
    let dir = articles(first_home.path(), 300);
    let cache = first_home.path().join("shared-cache");
    let gate = first_home.path().join("gate");
    open_gate(&gate, 0);
    let cache_env = cache.to_str().unwrap().to_string();
    let gate_env = gate.to_str().unwrap().to_string();
    let args = ["--articles", dir.to_str().unwrap()];
    let mut first = Session::start_in(
        first_home,
        &args,
        &[
            ("DOSSIER_TEST_SYNC_GATE", &gate_env),
            ("XDG_CACHE_HOME", &cache_env),
        ],
    );
    first.wait_for_text("building the index");
    let waited = std::time::Instant::now();
    while !lock_held(&cache) {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(30),
            "the first reader takes the index's lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut second = Session::start(&args, &[("XDG_CACHE_HOME", &cache_env)]);
    second.wait_for_text("another dossier is building the index");
    assert_eq!(listed(&second.screen()), Some(0));

    open_gate(&gate, 1);
    second.wait_for("the rows the first reader committed", |screen| {
        listed(screen).is_some_and(|n| n > 0 && n < 300)
    });
    // Keys work in the waiting reader too.
    second.send("j");
    second.send("\r");
    second.wait_for("an open article", |screen| marked_open(screen).is_some());

    open_gate(&gate, 1000);
    first.wait_for_text("index up to date");
    second.wait_for("every row", |screen| listed(screen) == Some(300));
    second.wait_for_text("index up to date");
    for s in [&mut first, &mut second] {
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
        s.assert_terminal_restored();
    }
    // One index, whole: nothing left to redo, and SQLite finds it sound.
    let json = index_json(&dir, &cache);
    assert_eq!(field(&json, "articles"), 300, "{json}");
    assert_eq!(field(&json, "unchanged"), 300, "{json}");
    let index = std::fs::read_dir(cache.join("dossier"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "sqlite"))
        .expect("the index file");
    let conn = rusqlite::Connection::open(index).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn quitting_during_a_build_keeps_what_was_committed_and_the_next_start_finishes() {
    let home = tempfile::tempdir().unwrap();
    let dir = articles(home.path(), 1500);
    let cache = home.path().join("cache");
    let gate = home.path().join("gate");
    // The first batch passes, then the build waits.
    open_gate(&gate, 1);
    let gate_env = gate.to_str().unwrap().to_string();
    let mut s = Session::start_in(
        home,
        &["--articles", dir.to_str().unwrap()],
        &[("DOSSIER_TEST_SYNC_GATE", &gate_env)],
    );
    s.wait_for("the first batch", |screen| {
        listed(screen).is_some_and(|n| n > 0 && n < 1500)
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "quit while the build waits");
    s.assert_terminal_restored();
    let json = index_json(&dir, &cache);
    assert_eq!(field(&json, "articles"), 1500, "{json}");
    assert!(field(&json, "added") > 0, "the build was stopped: {json}");
    assert!(field(&json, "unchanged") > 0, "committed rows stay: {json}");
}
