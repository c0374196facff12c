//! Faults: a writer killed mid-save, two readers saving at once, a state directory that cannot
//! be written, a panic in the middle of drawing. Nothing is lost or torn, the terminal comes back.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::Session;
use dossier::corpus::ids::ArticleKey;
use dossier::tui::state;
use dossier::tui::state::Remembered;

/// A state with `n` articles, each at block `version`: large enough that a save takes a while.
fn big_state(n: usize, version: usize) -> HashMap<ArticleKey, Remembered> {
    (0..n)
        .map(|i| {
            (
                ArticleKey::new(format!("article-{i:05}-{}", "x".repeat(40))),
                Remembered {
                    top_block: version,
                    top_offset: 0,
                    read: i % 2 == 0,
                },
            )
        })
        .collect()
}

/// Not a test of its own: the writer process that `a_writer_killed_mid_save_leaves_old_or_new_state`
/// starts and kills. It saves ever newer versions until it is killed.
#[test]
#[ignore = "run only as the child process of the kill test"]
fn state_writer_loop() {
    let Some(dir) = std::env::var_os("DOSSIER_TEST_STATE_WRITER") else {
        return;
    };
    for version in 1.. {
        state::save(
            Path::new(&dir),
            &big_state(3000, version),
            Some(&ArticleKey::new("article-00000")),
        )
        .unwrap();
    }
}

fn spawn_writer(dir: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "state_writer_loop",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DOSSIER_TEST_STATE_WRITER", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("writer process")
}

/// Every article of a loaded state is at the same version: a file is whole, never a mix.
fn assert_whole(dir: &Path) -> Option<usize> {
    let loaded = state::load(dir);
    assert!(
        loaded.warning.is_none(),
        "state broken: {:?}",
        loaded.warning
    );
    if loaded.remembered.is_empty() {
        return None;
    }
    let versions: std::collections::HashSet<usize> =
        loaded.remembered.values().map(|r| r.top_block).collect();
    assert_eq!(loaded.remembered.len(), 3000);
    assert_eq!(versions.len(), 1, "one save's content only");
    versions.into_iter().next()
}

#[test]
fn a_writer_killed_mid_save_leaves_old_or_new_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen_versions = 0;
    for round in 0..12u64 {
        let mut child = spawn_writer(dir.path());
        // Kill at a different moment each round, while saves are in flight.
        std::thread::sleep(Duration::from_millis(150 + round * 37));
        child.kill().unwrap();
        child.wait().unwrap();
        if assert_whole(dir.path()).is_some() {
            seen_versions += 1;
        }
    }
    assert!(
        seen_versions > 0,
        "the writer never completed a save; the test proved nothing"
    );
}

#[test]
fn two_readers_saving_at_once_never_corrupt_the_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let path = path.clone();
            std::thread::spawn(move || {
                let deadline = Instant::now() + Duration::from_millis(800);
                let mut version = 0;
                while Instant::now() < deadline {
                    version += 1;
                    let mine = HashMap::from([(
                        ArticleKey::new(format!("{name}-article")),
                        Remembered {
                            top_block: version,
                            top_offset: 0,
                            read: true,
                        },
                    )]);
                    state::save(&path, &mine, Some(&ArticleKey::new(name))).unwrap();
                }
            })
        })
        .collect();
    // Meanwhile, every load sees a whole file.
    let deadline = Instant::now() + Duration::from_millis(800);
    while Instant::now() < deadline {
        let loaded = state::load(&path);
        assert!(loaded.warning.is_none(), "{:?}", loaded.warning);
    }
    for w in writers {
        w.join().unwrap();
    }
    let loaded = state::load(&path);
    assert!(loaded.warning.is_none());
    assert!(
        loaded.remembered.contains_key("a-article") || loaded.remembered.contains_key("b-article")
    );
    let leftovers: Vec<_> = std::fs::read_dir(&path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}

#[test]
fn an_unwritable_state_directory_is_reported_once_and_reading_goes_on() {
    let home = tempfile::tempdir().unwrap();
    // A file where the state directory should be: not writable for anyone, root included.
    std::fs::write(home.path().join("state"), "not a directory").unwrap();
    let mut s = Session::start_in(home, &[], &[]);
    s.wait_for_text("Articles 5");
    s.send("\r");
    s.wait_for_text("cannot save reader state");
    // Keep reading: another article opens, and the message is not repeated.
    s.send("1");
    s.send("j");
    s.send("\r");
    s.wait_for("the second article", |screen| {
        screen.contains("t-online · 2019-04") && !screen.contains("cannot save")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn a_panic_in_the_middle_of_drawing_gives_the_terminal_back() {
    let mut s = Session::start(&[], &[("DOSSIER_INJECT_PANIC", "draw")]);
    let code = s.wait_exit();
    assert_eq!(code, 101, "a panic exits with 101");
    s.assert_terminal_restored();
    s.wait_for_text("injected panic in the middle of drawing");
}

#[test]
fn a_corrupt_state_file_is_moved_aside_and_the_reader_starts() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("state/dossier")).unwrap();
    std::fs::write(
        home.path().join("state/dossier/state.json"),
        "{\"articles\": [1, 2",
    )
    .unwrap();
    let path = home.path().to_path_buf();
    let mut s = Session::start_in(home, &[], &[]);
    s.wait_for_text("Articles 5");
    s.wait_for_text("unreadable");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(path.join("state/dossier/state.json.corrupt").exists());
}

#[test]
fn temp_files_of_a_writer_killed_mid_save_are_removed_by_the_next_reader() {
    let dir = tempfile::tempdir().unwrap();
    let temps = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    };
    // kill -9 the moment a temp file is seen, until one is left behind.
    let deadline = Instant::now() + Duration::from_secs(60);
    while temps(dir.path()).is_empty() && Instant::now() < deadline {
        let mut child = spawn_writer(dir.path());
        let started = Instant::now();
        while temps(dir.path()).is_empty() && started.elapsed() < Duration::from_secs(5) {}
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let left = temps(dir.path());
    assert!(!left.is_empty(), "no kill landed mid-save; nothing proved");
    let loaded = state::Saver::default().load(dir.path());
    assert!(loaded.warning.is_none(), "{:?}", loaded.warning);
    assert_eq!(temps(dir.path()), Vec::<String>::new(), "left: {left:?}");
}

/// The top block the state in `dir` has for the article whose id starts with `prefix`.
fn top_block_of(dir: &Path, prefix: &str) -> usize {
    state::load(dir)
        .remembered
        .iter()
        .find(|(k, _)| k.as_str().starts_with(prefix))
        .map_or(0, |(_, r)| r.top_block)
}

#[test]
fn a_second_reader_never_undoes_the_place_another_reader_saved() {
    let shared = tempfile::tempdir().unwrap();
    let state_home = shared.path().to_str().unwrap();
    let env = [("XDG_STATE_HOME", state_home)];
    let state_dir = shared.path().join("dossier");
    let page_down = |s: &mut Session, times: usize| {
        s.send("2");
        for _ in 0..times {
            s.send(" ");
        }
    };
    // A first session leaves the Wikipedia article a little way in.
    let mut first = Session::start(&[], &env);
    first.wait_for_text("Articles 5");
    for key in ["j", "j", "j", "\r"] {
        first.send(key);
    }
    first.wait_for_text("Wikipedia · 2023-12");
    page_down(&mut first, 2);
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    let early = top_block_of(&state_dir, "wikipedia");
    assert!(early > 0);
    // Reader B starts (it reopens that article where it was) and stays idle.
    let mut b = Session::start(&[], &env);
    b.wait_for_text("Wikipedia · 2023-12");
    // Reader A reads further in it and quits.
    let mut a = Session::start(&[], &env);
    a.wait_for_text("Wikipedia · 2023-12");
    page_down(&mut a, 4);
    a.send("q");
    assert_eq!(a.wait_exit(), 0);
    let further = top_block_of(&state_dir, "wikipedia");
    assert!(
        further > early,
        "A saved its new place ({early} -> {further})"
    );
    // B quits without having moved: A's place stays.
    b.send("q");
    assert_eq!(b.wait_exit(), 0);
    assert_eq!(top_block_of(&state_dir, "wikipedia"), further);
}
