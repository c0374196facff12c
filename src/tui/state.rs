//! What the reader remembers between sessions: the last article, each article's place (the
//! block at the top of the page and the byte in it where the top line starts, so the same line
//! comes back at any width) and whether it was read, in `$XDG_STATE_HOME/dossier/state.json`.
//!
//! Writes are atomic (temp file in the same directory, fsync, rename), so a crash leaves the old
//! or the new state, never a torn file; temp files of writers killed mid-save are removed. A
//! `Saver` writes only what its process changed, merged into the file under a lock
//! (`state.json.lock`), so two readers never undo each other. Only a regular file under
//! `STATE_LIMIT` is read; anything else is moved aside with a warning and never stops the reader.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::ids::ArticleKey;
use crate::fsread::{self, ReadError};
use crate::fswrite::write_atomically;

const FILE: &str = "state.json";
/// The largest state file read (64 MiB: hundreds of thousands of articles).
pub const STATE_LIMIT: u64 = 64 << 20;
/// How long a save waits for another reader's save before it writes anyway (still atomically).
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Debug, Default, Deserialize, Serialize)]
struct Saved {
    #[serde(default)]
    last_article: Option<ArticleKey>,
    #[serde(default)]
    articles: HashMap<ArticleKey, SavedArticle>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct SavedArticle {
    #[serde(default)]
    top_block: usize,
    /// Where in `top_block` the top line starts (files from before it say 0).
    #[serde(default)]
    top_offset: usize,
    #[serde(default)]
    read: bool,
}

/// What the reader remembers about an article between sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remembered {
    pub top_block: usize,
    /// The byte in `top_block` where the top line starts.
    pub top_offset: usize,
    pub read: bool,
}

/// What was loaded, and a warning to show if the file could not be used.
#[derive(Debug, Default)]
pub struct Loaded {
    pub remembered: HashMap<ArticleKey, Remembered>,
    pub last_article: Option<ArticleKey>,
    pub warning: Option<String>,
}

fn read(path: &Path) -> Result<Option<Saved>, String> {
    match fsread::read_regular(path, STATE_LIMIT) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| e.to_string()),
        Err(ReadError::NotFound) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Loads the state from `dir`; a corrupt file is renamed to `state.json.corrupt`.
pub fn load(dir: &Path) -> Loaded {
    let path = dir.join(FILE);
    match read(&path) {
        Ok(None) => Loaded::default(),
        Ok(Some(saved)) => Loaded {
            remembered: saved
                .articles
                .into_iter()
                .map(|(id, a)| {
                    (
                        id,
                        Remembered {
                            top_block: a.top_block,
                            top_offset: a.top_offset,
                            read: a.read,
                        },
                    )
                })
                .collect(),
            last_article: saved.last_article,
            warning: None,
        },
        Err(problem) => {
            let aside = dir.join(format!("{FILE}.corrupt"));
            let moved = fs::rename(&path, &aside).is_ok();
            let what = if moved {
                format!("moved to {}", aside.display())
            } else {
                "left in place".to_string()
            };
            Loaded {
                warning: Some(format!(
                    "reader state {} was unreadable ({problem}); {what}; starting fresh",
                    path.display()
                )),
                ..Loaded::default()
            }
        }
    }
}

/// One process's view of the state: what it loaded or last saved, so that a save writes only
/// the articles (and the last article) this process changed since.
#[derive(Debug, Default)]
pub struct Saver {
    base: HashMap<ArticleKey, Remembered>,
    base_last: Option<ArticleKey>,
}

impl Saver {
    /// Loads the state from `dir` (see `load`), first removing temp files of dead writers.
    pub fn load(&mut self, dir: &Path) -> Loaded {
        crate::fswrite::remove_stale_temps(&dir.join(FILE));
        let loaded = load(dir);
        self.base = loaded.remembered.clone();
        self.base_last = loaded.last_article.clone();
        loaded
    }

    /// Saves what differs from what this process loaded or saved before, field by field;
    /// nothing else on file is touched.
    pub fn save(
        &mut self,
        dir: &Path,
        remembered: &HashMap<ArticleKey, Remembered>,
        last_article: Option<&ArticleKey>,
    ) -> io::Result<()> {
        let changes: Vec<(ArticleKey, Change)> = remembered
            .iter()
            .filter_map(|(key, now)| {
                let before = self.base.get(key);
                let change = Change {
                    place: (before.map(|b| (b.top_block, b.top_offset))
                        != Some((now.top_block, now.top_offset)))
                    .then_some((now.top_block, now.top_offset)),
                    read: (before.map(|b| b.read) != Some(now.read)).then_some(now.read),
                };
                (change != Change::default()).then(|| (key.clone(), change))
            })
            .collect();
        let last = last_article.filter(|last| self.base_last.as_ref() != Some(*last));
        if changes.is_empty() && last.is_none() {
            return Ok(());
        }
        merge(dir, &changes, last)?;
        for (key, _) in changes {
            if let Some(now) = remembered.get(&key) {
                self.base.insert(key, now.clone());
            }
        }
        if let Some(last) = last {
            self.base_last = Some(last.clone());
        }
        Ok(())
    }
}

/// The fields a save writes over one article; `None` keeps what the file has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Change {
    /// Top block and the offset in it.
    place: Option<(usize, usize)>,
    read: Option<bool>,
}

/// Saves atomically under the state lock: `remembered` is written over what the file holds,
/// every other article on file is kept.
pub fn save(
    dir: &Path,
    remembered: &HashMap<ArticleKey, Remembered>,
    last_article: Option<&ArticleKey>,
) -> io::Result<()> {
    let changes: Vec<(ArticleKey, Change)> = remembered
        .iter()
        .map(|(key, r)| {
            let change = Change {
                place: Some((r.top_block, r.top_offset)),
                read: Some(r.read),
            };
            (key.clone(), change)
        })
        .collect();
    merge(dir, &changes, last_article)
}

/// Reads the file under the state lock, applies `changes` and `last_article`, writes it back
/// atomically.
fn merge(
    dir: &Path,
    changes: &[(ArticleKey, Change)],
    last_article: Option<&ArticleKey>,
) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let _lock = lock(dir);
    let path = dir.join(FILE);
    let mut saved = read(&path).ok().flatten().unwrap_or_default();
    for (id, change) in changes {
        let article = saved.articles.entry(id.clone()).or_default();
        if let Some((top_block, top_offset)) = change.place {
            article.top_block = top_block;
            article.top_offset = top_offset;
        }
        if let Some(read) = change.read {
            article.read = read;
        }
    }
    saved.last_article = last_article.cloned().or(saved.last_article);
    let json = serde_json::to_vec_pretty(&saved).map_err(io::Error::other)?;
    write_atomically(&path, &json)
}

/// Holds the state lock (an `flock` on `state.json.lock`) until dropped; `None` when locking
/// is not possible or another saver held it for `LOCK_WAIT`: the write then goes ahead
/// unlocked, still atomic.
fn lock(dir: &Path) -> Option<fs::File> {
    crate::fswrite::lock_beside(&dir.join(FILE), LOCK_WAIT).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> ArticleKey {
        ArticleKey::new(id)
    }

    fn one(id: &str, block: usize) -> HashMap<ArticleKey, Remembered> {
        HashMap::from([(
            key(id),
            Remembered {
                top_block: block,
                top_offset: block * 10,
                read: true,
            },
        )])
    }

    #[test]
    fn saved_state_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &one("a", 7), Some(&key("a"))).unwrap();
        let loaded = load(dir.path());
        assert_eq!(
            loaded.last_article.as_ref().map(ArticleKey::as_str),
            Some("a")
        );
        assert_eq!(
            loaded.remembered["a"],
            Remembered {
                top_block: 7,
                top_offset: 70,
                read: true
            }
        );
        assert!(loaded.warning.is_none());
    }

    #[test]
    fn a_missing_file_is_a_fresh_start() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(&dir.path().join("nowhere"));
        assert!(loaded.remembered.is_empty() && loaded.warning.is_none());
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(FILE), b"{ not json").unwrap();
        let loaded = load(dir.path());
        assert!(loaded.warning.unwrap().contains("unreadable"));
        assert!(dir.path().join("state.json.corrupt").exists());
        assert!(!dir.path().join(FILE).exists());
    }

    #[test]
    fn saving_keeps_what_another_reader_saved() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &one("a", 1), Some(&key("a"))).unwrap();
        save(dir.path(), &one("b", 2), Some(&key("b"))).unwrap();
        let loaded = load(dir.path());
        assert_eq!(loaded.remembered.len(), 2);
        assert_eq!(
            loaded.last_article.as_ref().map(ArticleKey::as_str),
            Some("b")
        );
    }

    #[test]
    fn no_temp_files_are_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &one("a", 1), None).unwrap();
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [FILE, "state.json.lock"]);
    }

    #[test]
    fn a_reader_saves_only_the_articles_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &one("a", 29), Some(&key("a"))).unwrap();
        // Reader B starts, knows a at 29, reads b.
        let mut b = Saver::default();
        let mut seen_by_b = b.load(dir.path()).remembered;
        // Meanwhile reader A moves on in a.
        save(dir.path(), &one("a", 40), Some(&key("a"))).unwrap();
        seen_by_b.extend(one("b", 3));
        // B reopened a where it was (marking it read again), never moved in it.
        seen_by_b.insert(
            key("a"),
            Remembered {
                top_block: 29,
                top_offset: 290,
                read: true,
            },
        );
        b.save(dir.path(), &seen_by_b, Some(&key("a"))).unwrap();
        let loaded = load(dir.path());
        assert_eq!(loaded.remembered["a"].top_block, 40, "A's place is kept");
        assert_eq!(loaded.remembered["b"].top_block, 3);
        assert_eq!(loaded.last_article, Some(key("a")));
    }

    #[test]
    fn a_save_with_nothing_changed_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::default();
        let loaded = saver.load(dir.path());
        saver
            .save(dir.path(), &loaded.remembered, loaded.last_article.as_ref())
            .unwrap();
        assert!(!dir.path().join(FILE).exists());
    }

    #[test]
    fn temp_files_of_dead_writers_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A child that has exited: its id names no running process (until reused).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let dead_temp = dir.path().join(format!(".state.json.{dead}.0.tmp"));
        let mine = dir
            .path()
            .join(format!(".state.json.{}.7.tmp", std::process::id()));
        let init = dir.path().join(".state.json.1.0.tmp");
        let other = dir.path().join(".notes.json.999999.0.tmp");
        for path in [&dead_temp, &mine, &init, &other] {
            fs::write(path, b"{").unwrap();
        }
        let mut saver = Saver::default();
        saver.load(dir.path());
        assert!(!dead_temp.exists(), "a dead writer's temp file is removed");
        assert!(
            mine.exists() && init.exists(),
            "running writers' files stay"
        );
        assert!(other.exists(), "other files are not ours to remove");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_as_state_is_set_aside_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let loaded = load(dir.path());
        let warning = loaded.warning.unwrap();
        assert!(
            warning.contains("not a regular file (a device)"),
            "{warning}"
        );
        fs::remove_file(dir.path().join("state.json.corrupt")).unwrap();
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo(3) with a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let loaded = load(dir.path());
        let warning = loaded.warning.unwrap();
        assert!(warning.contains("not a regular file (a pipe)"), "{warning}");
        save(dir.path(), &one("a", 1), None).unwrap();
        assert_eq!(load(dir.path()).remembered["a"].top_block, 1);
    }
}
