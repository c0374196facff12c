//! Files that change under the running reader: a keymap written byte by byte is applied only
//! once whole; a state file that is a FIFO or a link to `/dev/zero` neither hangs the start nor
//! is read without end. The release binary in a pseudo-terminal.

mod common;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use common::pty::Session;

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn a_keymap_written_byte_by_byte_is_applied_only_once_whole() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/dossier");
    std::fs::create_dir_all(&dir).unwrap();
    let keys = dir.join("keys.toml");
    std::fs::write(&keys, "[global]\n").unwrap();
    let mut s = Session::start_in(home, &[], &[]);
    s.wait_for_text("Articles 5");
    // An editor or a slow copy: one byte every 20 ms, longer than the reader's look interval,
    // and most prefixes are broken TOML or a keymap without a quit key.
    let text = "[global]\nq = \"none\"\nZ = \"quit\"\n";
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&keys)
        .unwrap();
    let mut half_applied = Vec::new();
    for (i, byte) in text.bytes().enumerate() {
        file.write_all(&[byte]).unwrap();
        std::thread::sleep(Duration::from_millis(20));
        let screen = s.screen();
        if screen.contains("not reloaded") || screen.contains("keymap reloaded") {
            half_applied.push(text[..=i].to_string());
        }
    }
    drop(file);
    assert!(
        half_applied.is_empty(),
        "applied while being written: {half_applied:?}"
    );
    s.wait_for_text("keymap reloaded");
    s.send("q");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "the whole keymap unbound q"
    );
    s.send("Z");
    assert_eq!(s.wait_exit(), 0);
}

fn state_file(home: &Path) -> std::path::PathBuf {
    let dir = home.join("state/dossier");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("state.json")
}

#[test]
fn a_fifo_as_state_file_neither_hangs_the_start_nor_survives_a_save() {
    let home = tempfile::tempdir().unwrap();
    let state = state_file(home.path());
    mkfifo(&state);
    let mut s = Session::start_in(home, &[], &[]);
    s.wait_for_text("Articles 5");
    s.wait_for_text("not a regular file (a pipe)");
    s.send("\r");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let meta = std::fs::symlink_metadata(&state).unwrap();
    assert!(meta.is_file(), "a regular state file replaced the pipe");
    assert!(state.with_file_name("state.json.corrupt").exists());
}

#[test]
fn a_state_file_linked_to_dev_zero_is_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let state = state_file(home.path());
    std::os::unix::fs::symlink("/dev/zero", &state).unwrap();
    let mut s = Session::start_in(home, &[], &[]);
    s.wait_for_text("Articles 5");
    s.wait_for_text("not a regular file (a device)");
    let pid = s.child.process_id().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let peak_kib: u64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap();
    assert!(peak_kib < 256 * 1024, "peak memory {peak_kib} KiB");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
