//! What the reader remembers between sessions: the last article, each article's place and
//! whether it was read, in `$XDG_STATE_HOME/dossier/state.json`.
//!
//! Writes are atomic (temp file in the same directory, fsync, rename), so a crash leaves the old
//! or the new state, never a torn file. Another reader's saved articles are kept on save. A
//! corrupt file is moved aside with a warning and never stops the reader.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::ids::ArticleKey;

const FILE: &str = "state.json";

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
    #[serde(default)]
    read: bool,
}

/// What the reader remembers about an article between sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remembered {
    pub top_block: usize,
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
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| e.to_string()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
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

/// Saves atomically, keeping articles another reader saved that this one never touched.
pub fn save(
    dir: &Path,
    remembered: &HashMap<ArticleKey, Remembered>,
    last_article: Option<&ArticleKey>,
) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let path = dir.join(FILE);
    let mut saved = read(&path).ok().flatten().unwrap_or_default();
    for (id, r) in remembered {
        saved.articles.insert(
            id.clone(),
            SavedArticle {
                top_block: r.top_block,
                read: r.read,
            },
        );
    }
    saved.last_article = last_article.cloned().or(saved.last_article);
    let json = serde_json::to_vec_pretty(&saved).map_err(io::Error::other)?;
    write_atomically(&path, &json)
}

/// Writes `bytes` to `path` through a temp file in the same directory, synced, then renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per process and per call, so concurrent writers never share a temp file.
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
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
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, [FILE]);
    }
}
