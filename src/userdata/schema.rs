//! The user database's schema and its migrations. The version is SQLite's `user_version`;
//! each migration runs once, in order, inside the transaction that raises the version, so a
//! crash leaves the old schema or the new one. Migrations only add: user data is never dropped.

use rusqlite::{Connection, TransactionBehavior};

/// Each entry turns version `i` into version `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: annotations (highlights and bookmarks, each with an optional note) and their tags.
    "CREATE TABLE annotation (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('highlight', 'bookmark')),
        article TEXT NOT NULL,
        paragraph INTEGER NOT NULL CHECK (paragraph >= 1),
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX annotation_by_article ON annotation (article, paragraph);
    CREATE TABLE annotation_tag (
        annotation INTEGER NOT NULL REFERENCES annotation (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (annotation, tag)
    ) WITHOUT ROWID;",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Why the database cannot be brought up to date.
#[derive(Debug)]
pub enum MigrateError {
    Sqlite(rusqlite::Error),
    /// Made by a newer dossier; we leave it untouched rather than guess.
    Newer(i64),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sqlite(e)
    }
}

/// Brings the schema to `VERSION`. Two processes opening a new database at once are safe:
/// the version is read again inside the write transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), MigrateError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == VERSION {
        return Ok(());
    }
    if version > VERSION {
        return Err(MigrateError::Newer(version));
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        return Err(MigrateError::Newer(version));
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", from as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}
