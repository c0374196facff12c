//! The user's own data: highlights, notes and bookmarks, in SQLite under
//! `$XDG_DATA_HOME/dossier/user.db` (not the disposable index: nothing here can be rebuilt).
//!
//! WAL journal, a busy timeout, and one immediate transaction per change, so two processes
//! writing at once both keep their changes and a `kill -9` loses nothing that was committed.
//! Annotations are anchored by article key and text quote (`anchor`), never by offsets.

pub mod anchor;
pub mod export;
pub mod resolve;
pub mod schema;
pub mod time;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

pub use anchor::{Selector, Status};

use crate::corpus::ids::ArticleKey;
use crate::corpus::sanitize::visible;

/// The database's file name in the data directory.
pub const FILE_NAME: &str = "user.db";
/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest tag, in characters.
const MAX_TAG_CHARS: usize = 40;

/// What an annotation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Marked words, with tags and perhaps a note.
    Highlight,
    /// A place to come back to.
    Bookmark,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Highlight => "highlight",
            Kind::Bookmark => "bookmark",
        }
    }

    fn parse(text: &str) -> Kind {
        if text == "bookmark" {
            Kind::Bookmark
        } else {
            Kind::Highlight
        }
    }
}

/// One stored annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub id: i64,
    pub kind: Kind,
    pub article: ArticleKey,
    /// The 1-based paragraph it was made in.
    pub paragraph: usize,
    pub selector: Selector,
    /// The note; empty when there is none.
    pub note: String,
    /// Sorted, without repeats.
    pub tags: Vec<String>,
    /// RFC 3339 UTC.
    pub created: String,
    pub updated: String,
}

/// What `add` needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAnnotation {
    pub kind: Kind,
    pub article: ArticleKey,
    pub paragraph: usize,
    pub selector: Selector,
    pub note: String,
    pub tags: Vec<String>,
}

/// Why the user database could not be used; names the file.
#[derive(Debug)]
pub struct UserDataError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for UserDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for UserDataError {}

/// An open user database.
pub struct UserData {
    conn: Connection,
    path: PathBuf,
}

/// Checks a tag: trimmed, not empty, no control characters, at most `MAX_TAG_CHARS`.
pub fn clean_tag(tag: &str) -> Result<String, String> {
    let tag = tag.trim();
    if tag.is_empty() {
        return Err("a tag cannot be empty".to_string());
    }
    if tag.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!(
            "tag `{}` has a space or control character; use one word such as `wichtig`",
            visible(tag)
        ));
    }
    if tag.chars().count() > MAX_TAG_CHARS {
        return Err(format!("a tag has at most {MAX_TAG_CHARS} characters"));
    }
    Ok(tag.to_string())
}

impl UserData {
    /// Opens (creating when needed) the database in `dir`.
    pub fn open_in(dir: &Path) -> Result<UserData, UserDataError> {
        std::fs::create_dir_all(dir).map_err(|e| UserDataError {
            path: dir.to_path_buf(),
            message: format!("cannot create the data directory: {e}"),
        })?;
        UserData::open(&dir.join(FILE_NAME))
    }

    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<UserData, UserDataError> {
        let fail = |message: String| UserDataError {
            path: path.to_path_buf(),
            message,
        };
        let mut conn = Connection::open(path).map_err(|e| fail(format!("cannot open: {e}")))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .and_then(|()| conn.pragma_update(None, "journal_mode", "WAL"))
            // FULL: a committed change survives a power cut too, not only a killed process.
            .and_then(|()| conn.pragma_update(None, "synchronous", "FULL"))
            .and_then(|()| conn.pragma_update(None, "foreign_keys", "ON"))
            .map_err(|e| fail(format!("cannot use the database: {e}")))?;
        schema::migrate(&mut conn).map_err(|e| match e {
            schema::MigrateError::Newer(v) => fail(format!(
                "made by a newer dossier (schema {v}, this one knows {}); left untouched",
                schema::VERSION
            )),
            schema::MigrateError::Sqlite(e) => fail(format!("cannot set up the tables: {e}")),
        })?;
        Ok(UserData {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Where the database is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn fail(&self, e: rusqlite::Error) -> UserDataError {
        UserDataError {
            path: self.path.clone(),
            message: e.to_string(),
        }
    }

    /// Runs `change` in one immediate transaction: all of it is kept or none.
    fn change<T>(
        &mut self,
        change: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<T>,
    ) -> Result<T, UserDataError> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = change(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        result.map_err(|e| self.fail(e))
    }

    /// Stores a new annotation and returns it with its id.
    pub fn add(&mut self, new: &NewAnnotation) -> Result<Annotation, UserDataError> {
        let stamp = time::now();
        let mut tags = new.tags.clone();
        tags.sort();
        tags.dedup();
        let id = self.change(|tx| {
            tx.execute(
                "INSERT INTO annotation
                 (kind, article, paragraph, exact, prefix, suffix, note, created, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![
                    new.kind.name(),
                    new.article.as_str(),
                    new.paragraph as i64,
                    new.selector.exact,
                    new.selector.prefix,
                    new.selector.suffix,
                    new.note,
                    stamp
                ],
            )?;
            let id = tx.last_insert_rowid();
            insert_tags(tx, id, &tags)?;
            Ok(id)
        })?;
        Ok(Annotation {
            id,
            kind: new.kind,
            article: new.article.clone(),
            paragraph: new.paragraph,
            selector: new.selector.clone(),
            note: new.note.clone(),
            tags,
            created: stamp.clone(),
            updated: stamp,
        })
    }

    /// Replaces the note of annotation `id`; false when there is no such annotation.
    pub fn set_note(&mut self, id: i64, note: &str) -> Result<bool, UserDataError> {
        let stamp = time::now();
        self.change(|tx| {
            tx.execute(
                "UPDATE annotation SET note = ?2, updated = ?3 WHERE id = ?1",
                params![id, note, stamp],
            )
            .map(|n| n == 1)
        })
    }

    /// Replaces the tags of annotation `id`; false when there is no such annotation.
    pub fn set_tags(&mut self, id: i64, tags: &[String]) -> Result<bool, UserDataError> {
        let stamp = time::now();
        let mut tags = tags.to_vec();
        tags.sort();
        tags.dedup();
        self.change(|tx| {
            let found = tx.execute(
                "UPDATE annotation SET updated = ?2 WHERE id = ?1",
                params![id, stamp],
            )? == 1;
            if found {
                tx.execute(
                    "DELETE FROM annotation_tag WHERE annotation = ?1",
                    params![id],
                )?;
                insert_tags(tx, id, &tags)?;
            }
            Ok(found)
        })
    }

    /// Deletes annotation `id` (only ever on the user's explicit request); false when there
    /// is no such annotation.
    pub fn remove(&mut self, id: i64) -> Result<bool, UserDataError> {
        self.change(|tx| {
            tx.execute("DELETE FROM annotation WHERE id = ?1", params![id])
                .map(|n| n == 1)
        })
    }

    /// One annotation.
    pub fn get(&self, id: i64) -> Result<Option<Annotation>, UserDataError> {
        let found = self
            .conn
            .query_row(
                &format!("{SELECT} WHERE a.id = ?1 GROUP BY a.id"),
                params![id],
                row_to_annotation,
            )
            .optional();
        found.map_err(|e| self.fail(e))
    }

    /// Every annotation, oldest first.
    pub fn all(&self) -> Result<Vec<Annotation>, UserDataError> {
        let read = || -> rusqlite::Result<Vec<Annotation>> {
            let mut statement = self
                .conn
                .prepare(&format!("{SELECT} GROUP BY a.id ORDER BY a.id"))?;
            let rows = statement.query_map([], row_to_annotation)?;
            rows.collect()
        };
        read().map_err(|e| self.fail(e))
    }
}

/// The columns `row_to_annotation` reads; tags joined with a newline (tags have none).
const SELECT: &str = "SELECT a.id, a.kind, a.article, a.paragraph, a.exact, a.prefix, a.suffix,
    a.note, a.created, a.updated, group_concat(t.tag, char(10))
    FROM annotation a LEFT JOIN annotation_tag t ON t.annotation = a.id";

fn row_to_annotation(row: &rusqlite::Row) -> rusqlite::Result<Annotation> {
    let kind: String = row.get(1)?;
    let article: String = row.get(2)?;
    let paragraph: i64 = row.get(3)?;
    let tags: Option<String> = row.get(10)?;
    let mut tags: Vec<String> = tags
        .unwrap_or_default()
        .split('\n')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    tags.sort();
    Ok(Annotation {
        id: row.get(0)?,
        kind: Kind::parse(&kind),
        article: ArticleKey::new(article),
        paragraph: usize::try_from(paragraph).unwrap_or(1).max(1),
        selector: Selector {
            exact: row.get(4)?,
            prefix: row.get(5)?,
            suffix: row.get(6)?,
        },
        note: row.get(7)?,
        tags,
        created: row.get(8)?,
        updated: row.get(9)?,
    })
}

fn insert_tags(tx: &rusqlite::Transaction, id: i64, tags: &[String]) -> rusqlite::Result<()> {
    let mut insert =
        tx.prepare("INSERT OR IGNORE INTO annotation_tag (annotation, tag) VALUES (?1, ?2)")?;
    for tag in tags {
        insert.execute(params![id, tag])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(note: &str, tags: &[&str]) -> NewAnnotation {
        NewAnnotation {
            kind: Kind::Highlight,
            article: ArticleKey::new("a"),
            paragraph: 3,
            selector: Selector {
                exact: "Schoigu besuchte".into(),
                prefix: "Juli 2023: ".into(),
                suffix: " Pyongyang".into(),
            },
            note: note.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn an_annotation_is_read_back_as_it_was_stored() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = UserData::open_in(dir.path()).unwrap();
        let added = db
            .add(&new("Notiz\nzweite Zeile", &["b", "a", "b"]))
            .unwrap();
        assert_eq!(added.tags, ["a", "b"]);
        let read = UserData::open_in(dir.path()).unwrap().all().unwrap();
        assert_eq!(read, vec![added]);
    }

    #[test]
    fn notes_and_tags_change_in_place_and_removal_is_explicit() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = UserData::open_in(dir.path()).unwrap();
        let a = db.add(&new("", &["x"])).unwrap();
        assert!(db.set_note(a.id, "neu").unwrap());
        assert!(db.set_tags(a.id, &["y".into(), "z".into()]).unwrap());
        let read = db.get(a.id).unwrap().unwrap();
        assert_eq!(
            (read.note.as_str(), read.tags.clone()),
            ("neu", vec!["y".to_string(), "z".to_string()])
        );
        assert!(!db.set_note(999, "x").unwrap());
        assert!(db.remove(a.id).unwrap());
        assert!(db.get(a.id).unwrap().is_none());
        assert!(!db.remove(a.id).unwrap());
    }

    #[test]
    fn a_database_from_a_newer_version_is_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = UserData::open(&path).err().unwrap().to_string();
        assert!(
            err.contains("newer dossier") && err.contains("user.db"),
            "{err}"
        );
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 99);
    }

    #[test]
    fn the_database_uses_wal_and_records_its_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let db = UserData::open_in(dir.path()).unwrap();
        let mode: String = db
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let version: i64 = db
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), version), ("wal", schema::VERSION));
    }

    #[test]
    fn tags_are_single_words_without_control_characters() {
        assert_eq!(clean_tag("  wichtig ").unwrap(), "wichtig");
        assert!(clean_tag("").is_err());
        assert!(clean_tag("zwei worte").is_err());
        assert!(clean_tag("x\u{1b}[31m").is_err());
        assert!(clean_tag(&"x".repeat(41)).is_err());
    }
}
