//! End to end: the release binary in a pseudo-terminal, driven with keys, read off the screen.

mod common;

use common::pty::Session;

#[test]
fn read_filter_follow_a_passage_come_back_and_quit_cleanly() {
    let mut s = Session::start(&[], &[]);
    s.wait_for_text("Articles 5");
    // Open the third article.
    s.send("j");
    s.send("j");
    s.send("\r");
    s.wait_for_text("Der Standard · 2023-09-05 · Michael Vosatka");
    // Filter the list (focused with 1; `/` in the reading pane finds in the article): four
    // articles name Wladiwostok.
    s.send("1");
    s.send("/");
    s.send("wladiwostok");
    s.wait_for_text("Articles 4 of 5");
    s.send("\x1b");
    s.wait_for_text("Articles 5 ");
    // Select a mention, go to the sidebar, choose the last passage (the open article's own
    // come first, under "here").
    s.send("2");
    s.send("]");
    s.wait_for_text("Passages (");
    s.wait_for_text("here · Der Standard");
    s.send("3");
    s.send("G");
    s.send("\r");
    s.wait_for("another article", |screen| {
        !screen.contains("Michael Vosatka")
    });
    // Back (ctrl-o) to where the jump started.
    s.send("\x0f");
    s.wait_for_text("Der Standard · 2023-09-05 · Michael Vosatka");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn help_shows_keys_from_the_keymap() {
    let mut s = Session::start(&[], &[]);
    s.wait_for_text("Articles 5");
    s.send("?");
    s.wait_for_text("find_in_article");
    s.send("/");
    s.send("mention");
    s.wait_for_text("next_mention");
    s.send("\x1b");
    s.send("q");
    s.wait_for("help closed", |screen| !screen.contains("next_mention"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_the_reader_back_intact() {
    let mut s = Session::start_shell();
    s.wait_for_text("shell$");
    let binary = common::pty::release_binary();
    s.send(&format!("'{}'\r", binary.display()));
    s.wait_for_text("Articles 5");
    s.send("\r");
    s.wait_for_text("min read");
    s.send("\x1a");
    s.wait_for_text("Stopped");
    s.assert_screen_restored();
    s.send("fg\r");
    s.wait_for("the reader again", |screen| {
        screen.contains("min read") && screen.contains("Articles 5")
    });
    s.send("q");
    s.wait_for("the prompt", |screen| screen.trim_end().ends_with("shell$"));
    s.assert_screen_restored();
    s.send("exit\r");
    s.wait_exit();
}

#[test]
fn the_last_article_is_reopened_on_the_next_start() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().to_path_buf();
    let mut s = Session::start_in(home, &[], &[]);
    s.wait_for_text("Articles 5");
    s.send("j");
    s.send("j");
    s.send("j");
    s.send("\r");
    s.wait_for_text("Wikipedia · 2023-12");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let home = s.home;
    assert!(path.join("state/dossier/state.json").exists());
    let mut again = Session::start_in(home, &[], &[]);
    again.wait_for_text("Wikipedia · 2023-12");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_broken_keymap_stops_the_reader_before_the_terminal_is_touched() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config/dossier")).unwrap();
    std::fs::write(
        home.path().join("config/dossier/keys.toml"),
        "[global]\nq = \"qiut\"\n",
    )
    .unwrap();
    let mut s = Session::start_in(home, &[], &[]);
    assert_eq!(s.wait_exit(), 1);
    s.wait_for_text("unknown action `qiut` in [global] (did you mean `quit`?)");
    s.assert_terminal_restored();
}

fn home_with_keys(keys: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config/dossier")).unwrap();
    std::fs::write(home.path().join("config/dossier/keys.toml"), keys).unwrap();
    home
}

#[test]
fn a_user_keymap_rebinds_quit_and_help_tells_the_truth() {
    let home = home_with_keys("[global]\nq = \"none\"\nx = \"quit\"\n");
    let mut s = Session::start_in(home, &[], &[]);
    s.wait_for_text("Articles 5");
    // The status bar hint shows the new key.
    s.wait_for_text("x quit");
    s.send("q");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(s.child.try_wait().unwrap().is_none(), "q no longer quits");
    s.send("?");
    s.wait_for("help listing x for quit", |screen| {
        screen
            .lines()
            .any(|l| l.contains("quit") && l.contains("Quit dossier") && l.contains(" x"))
    });
    s.send("\x1b");
    s.send("x");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn an_edited_keymap_is_reloaded_and_a_broken_edit_keeps_the_last_good_one() {
    let home = home_with_keys("[global]\n");
    let keys = home.path().join("config/dossier/keys.toml");
    let mut s = Session::start_in(home, &[], &[]);
    s.wait_for_text("Articles 5");
    std::fs::write(&keys, "[global]\nq = \"qiut\"\n").unwrap();
    s.wait_for_text("keymap not reloaded");
    s.wait_for_text("did you mean `quit`?");
    // The last good keymap is still in force: q quits... but first rebind properly.
    std::fs::write(&keys, "[global]\nq = \"none\"\nZ = \"quit\"\n").unwrap();
    s.wait_for_text("keymap reloaded");
    s.send("q");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "q was unbound by the reload"
    );
    s.send("Z");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}
