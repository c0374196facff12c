//! The index's tables and where the index file lives. The schema's version is kept in
//! `PRAGMA user_version`; an index of any other version (older or newer) is emptied and rebuilt
//! in one transaction, never read. The index is a cache: deleting it costs only a rebuild.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use xxhash_rust::xxh3::xxh3_64;

/// Bump whenever a table, a column or what is stored in one changes.
pub const VERSION: i64 = 3;

const TABLES: &str = "
CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
-- One row per *.md file seen, loaded or skipped. Loaded ones have a key and the list fields.
CREATE TABLE file (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    size     INTEGER NOT NULL,
    mtime    INTEGER NOT NULL,
    hash     INTEGER NOT NULL,
    problem  TEXT,
    line     INTEGER,
    col      INTEGER,
    key      TEXT,
    title    TEXT,
    date     TEXT,
    source   TEXT,
    language TEXT,
    words    INTEGER
);
CREATE INDEX file_order ON file (date, key) WHERE problem IS NULL;
CREATE UNIQUE INDEX file_key ON file (key);
-- Entities by slug, so catalogue order can change without touching the links.
CREATE TABLE entity (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE
);
-- The surface forms the links were made with (entity '' for ignored forms).
CREATE TABLE form (
    entity TEXT NOT NULL,
    form   TEXT NOT NULL,
    PRIMARY KEY (entity, form)
) WITHOUT ROWID;
-- How often each article names each entity.
CREATE TABLE link (
    entity  INTEGER NOT NULL,
    article INTEGER NOT NULL,
    count   INTEGER NOT NULL,
    PRIMARY KEY (entity, article)
) WITHOUT ROWID;
CREATE INDEX link_article ON link (article);
-- Folded, stemmed terms (see corpus::terms), separated by spaces: the ascii tokenizer splits
-- them exactly where they were joined. Contentless: the text stays in the article files.
CREATE VIRTUAL TABLE text USING fts5 (
    head, body,
    content = '', contentless_delete = 1, tokenize = 'ascii'
);
";

/// The index file for an articles directory: one per canonical path, named by its hash.
pub fn index_path(cache_dir: &Path, articles: &Path) -> PathBuf {
    let canonical = articles
        .canonicalize()
        .unwrap_or_else(|_| articles.to_path_buf());
    let hash = xxh3_64(canonical.as_os_str().as_encoded_bytes());
    cache_dir.join(format!("index-{hash:016x}.sqlite"))
}

/// Settings every connection needs: WAL (readers never wait for the writer), a busy timeout
/// (a second writer waits its turn), normal sync (WAL keeps the file consistent on a crash).
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(60))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    // 8 MB of pages: a list or a search needs little; a build raises it (see `sync`).
    conn.pragma_update(None, "cache_size", -8_000)?;
    Ok(())
}

/// Makes sure the schema is this version's, emptying and recreating it otherwise. Returns
/// whether it was (re)created.
pub fn ensure(conn: &mut Connection) -> rusqlite::Result<bool> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == VERSION {
        return Ok(false);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have done it while this one waited for the lock.
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == VERSION {
        return Ok(false);
    }
    let objects: Vec<(String, String)> = {
        let mut statement = tx.prepare(
            "SELECT type, name FROM sqlite_schema
             WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
               AND sql NOT LIKE 'CREATE TABLE ''%' ",
        )?;
        statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    for (kind, name) in objects {
        // Shadow tables of a virtual table go with it; dropping a missing one is fine.
        let quoted = name.replace('"', "\"\"");
        tx.execute_batch(&format!(
            "DROP {} IF EXISTS \"{quoted}\";",
            kind.to_uppercase()
        ))?;
    }
    tx.execute_batch(TABLES)?;
    // A larger in-memory buffer of pending terms: fewer, larger segments to merge later.
    tx.execute(
        "INSERT INTO text (text, rank) VALUES ('hashsize', ?1)",
        [64 * 1024 * 1024],
    )?;
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()?;
    Ok(true)
}
