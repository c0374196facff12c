//! Files that change under us, or are not what they seem: every input is opened without
//! blocking and checked on the handle, regular files only, with a size cap; links out of the
//! articles directory are refused unless asked. Nothing hangs, the good articles still load.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::bin::{Finished, command, run_within};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// A hang is a failure; a slow machine is not.
const LIMIT: Duration = Duration::from_secs(60);
const GOOD: &str = "vice-2015-kim-besucht-moskau";

fn run_in(dir: &Path, args: &[&str]) -> Finished {
    run_within(command(Path::new(BIN), dir, args), LIMIT)
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// A sandbox with `articles/` holding the good article.
fn sandbox() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::copy(
        Path::new(ROOT).join(format!("articles/{GOOD}.md")),
        articles.join(format!("{GOOD}.md")),
    )
    .unwrap();
    (dir, articles)
}

#[test]
fn an_article_swapped_for_a_fifo_while_loading_never_hangs_the_load() {
    let (dir, articles) = sandbox();
    let racer = articles.join("racer.md");
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (racer, stop) = (racer.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let tmp = racer.with_extension("tmp");
            while !stop.load(Ordering::Relaxed) {
                // A regular file, then a FIFO in its place, over and over.
                let _ = std::fs::write(
                    &tmp,
                    "+++\ntitle = \"r\"\ndate = \"2024\"\nsource = \"s\"\n+++\nText\n",
                );
                let _ = std::fs::rename(&tmp, &racer);
                let _ = std::fs::remove_file(&racer);
                mkfifo(&racer);
                let _ = std::fs::remove_file(&racer);
            }
        })
    };
    for _ in 0..30 {
        let run = run_in(dir.path(), &["list"]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(run.stdout_text().contains(GOOD));
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().unwrap();
}

#[test]
fn a_fifo_or_a_device_given_as_keymap_settings_or_catalogue_is_refused_at_once() {
    let (dir, _) = sandbox();
    let fifo = dir.path().join("fifo.toml");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    for (flag, what) in [
        ("--keys", "keymap"),
        ("--config", "settings file"),
        ("--catalogue", "catalogue"),
    ] {
        for target in [fifo, "/dev/zero"] {
            let run = run_in(dir.path(), &[flag, target, "check"]);
            assert_eq!(run.code, Some(1), "{flag} {target}: {}", run.stderr);
            let all = format!("{}{}", run.stdout_text(), run.stderr);
            assert!(
                all.contains(&format!("{target}: {what} not a regular file")),
                "{flag} {target}: {all}"
            );
        }
    }
}

#[test]
fn a_keymap_in_the_config_directory_replaced_by_a_fifo_does_not_hang_commands() {
    let (dir, _) = sandbox();
    let config = dir.path().join("dossier");
    std::fs::create_dir(&config).unwrap();
    mkfifo(&config.join("keys.toml"));
    let run = run_in(dir.path(), &["keys"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("keys.toml: keymap not a regular file (a pipe)"),
        "{}",
        run.stderr
    );
    // Commands that do not need the keymap are not held up by it.
    let list = run_in(dir.path(), &["list"]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
}

#[test]
fn a_sparse_six_gigabyte_article_is_refused_with_its_size_and_the_limit() {
    let (dir, articles) = sandbox();
    let huge = std::fs::File::create(articles.join("huge.md")).unwrap();
    huge.set_len(6 << 30).unwrap();
    let run = run_in(dir.path(), &["list"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout_text().contains(GOOD));
    assert!(
        run.stderr
            .contains("huge.md: skipped: too large: 6144 MiB, the limit is 64 MiB"),
        "{}",
        run.stderr
    );
    // Refused before reading: far less memory than the file claims.
    assert!(run.max_rss_kib < 512 * 1024, "{} KiB", run.max_rss_kib);
    let check = run_in(dir.path(), &["check"]);
    assert_eq!(check.code, Some(1));
    assert!(
        check.stdout_text().contains("huge.md"),
        "{}",
        check.stdout_text()
    );
}

#[test]
fn a_symlink_out_of_the_articles_directory_is_refused_unless_asked() {
    let (dir, articles) = sandbox();
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(
        outside.join("secret.md"),
        "+++\ntitle = \"Outside\"\ndate = \"2024\"\nsource = \"s\"\n+++\nText\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("secret.md"), articles.join("secret.md")).unwrap();
    // A link that stays inside is an ordinary article.
    std::os::unix::fs::symlink(
        articles.join(format!("{GOOD}.md")),
        articles.join("alias.md"),
    )
    .unwrap();
    let run = run_in(dir.path(), &["list"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        !run.stdout_text().contains("Outside"),
        "{}",
        run.stdout_text()
    );
    assert!(run.stdout_text().contains("alias"), "{}", run.stdout_text());
    assert!(
        run.stderr
            .contains("secret.md: skipped: a symbolic link out of the articles directory"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--follow-links"), "{}", run.stderr);
    let followed = run_in(dir.path(), &["--follow-links", "list"]);
    assert_eq!(followed.code, Some(0), "{}", followed.stderr);
    assert!(
        followed.stdout_text().contains("Outside"),
        "{}",
        followed.stdout_text()
    );
    assert!(
        !followed.stderr.contains("secret.md"),
        "{}",
        followed.stderr
    );
}
