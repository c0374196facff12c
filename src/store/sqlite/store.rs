//! The SQLite index as a `CorpusStore`: list rows, entity counts and full-text hits come from
//! the index; an article's blocks and mentions are read from its file when asked for (parsed
//! and linked again, a few milliseconds), so memory follows what is looked at, not the size of
//! the corpus.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension, Row};

use super::schema;
use super::sync::{Progress, SyncError, SyncReport, entity_ids, sync};
use super::write::{RECENT, Recent};
use crate::corpus::article::{Article, parse_article};
use crate::corpus::catalogue::Catalogue;
use crate::corpus::files::{ArticleFile, Links, read_article_file};
use crate::corpus::ids::{ArticleId, ArticleKey, EntityId};
use crate::corpus::linker::Linker;
use crate::corpus::query::{Query, WEIGHTS};
use crate::diag::{Diagnostic, Position};
use crate::store::{
    ArticleRow, ArticleVisitor, CorpusStore, EntityCount, Hit, LinkedArticle, StoreError,
};

/// An articles directory's index.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    dir: PathBuf,
    /// `dir` as shown in messages, without a trailing separator.
    shown_dir: String,
    catalogue: Catalogue,
    /// Made when the first article is read: a list or a count never needs it.
    linker: OnceLock<Linker>,
    /// Row id of each catalogue entity (indexed by `EntityId`), and back.
    entity_ids: Vec<i64>,
    entity_index: HashMap<i64, EntityId>,
    /// The articles read last, most recent first: opening one again costs nothing.
    recent: RefCell<VecDeque<LinkedArticle>>,
}

const ROW: &str = "SELECT key, name, title, date, source, words FROM file";

impl SqliteStore {
    /// Opens (creating or rebuilding it as needed) the index of `dir` in `cache_dir` and
    /// brings it up to date. Two processes may do this at once: the second waits for the
    /// first, then finds little or nothing left to do.
    pub fn open(
        dir: &Path,
        cache_dir: &Path,
        catalogue: Catalogue,
        links: Links,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<(SqliteStore, SyncReport, Vec<Diagnostic>), StoreError> {
        let path = schema::index_path(cache_dir, dir);
        std::fs::create_dir_all(cache_dir).map_err(|source| StoreError::Io {
            path: cache_dir.to_path_buf(),
            source,
        })?;
        let lock = lock(&path.with_extension("lock")).map_err(|source| StoreError::Io {
            path: path.with_extension("lock"),
            source,
        })?;
        let mut conn = open_connection(&path)?;
        let mut recent = Recent::new();
        let synced = sync(&mut conn, dir, &catalogue, links, progress, &mut recent);
        drop(lock);
        let (report, problems) = synced.map_err(|e| sync_error(&path, e))?;
        let entity_ids = entity_ids(&conn, &catalogue).map_err(|source| StoreError::Index {
            path: path.clone(),
            source,
        })?;
        let store = SqliteStore::assemble(conn, path, dir, catalogue, entity_ids, recent);
        Ok((store, report, problems))
    }

    /// Opens the index of `dir` in `cache_dir` as it is, without bringing it up to date and
    /// without waiting for a writer (a sync may run meanwhile, see `background`): a reader
    /// shows what is committed at once. An index that does not exist yet is created empty.
    pub fn open_at_once(
        dir: &Path,
        cache_dir: &Path,
        catalogue: Catalogue,
    ) -> Result<SqliteStore, StoreError> {
        let path = schema::index_path(cache_dir, dir);
        std::fs::create_dir_all(cache_dir).map_err(|source| StoreError::Io {
            path: cache_dir.to_path_buf(),
            source,
        })?;
        let conn = open_connection(&path)?;
        let entity_ids =
            known_entity_ids(&conn, &catalogue).map_err(|source| StoreError::Index {
                path: path.clone(),
                source,
            })?;
        Ok(SqliteStore::assemble(
            conn,
            path,
            dir,
            catalogue,
            entity_ids,
            Recent::new(),
        ))
    }

    fn assemble(
        conn: Connection,
        path: PathBuf,
        dir: &Path,
        catalogue: Catalogue,
        entity_ids: Vec<i64>,
        recent: Recent,
    ) -> SqliteStore {
        let entity_index = entity_ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, EntityId::from_index(i)))
            .collect();
        SqliteStore {
            conn,
            path,
            dir: dir.to_path_buf(),
            shown_dir: shown_dir(dir),
            linker: OnceLock::new(),
            catalogue,
            entity_ids,
            entity_index,
            recent: RefCell::new(recent),
        }
    }

    /// The index file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Index {
            path: self.path.clone(),
            source,
        }
    }

    fn to_row(&self, r: &Row<'_>) -> rusqlite::Result<ArticleRow> {
        let name = r.get_ref(1)?.as_str()?;
        let mut path = String::with_capacity(self.shown_dir.len() + 1 + name.len());
        path.push_str(&self.shown_dir);
        path.push(std::path::MAIN_SEPARATOR);
        path.push_str(name);
        Ok(ArticleRow {
            key: ArticleKey::new(r.get::<_, String>(0)?),
            path,
            title: r.get(2)?,
            date: r.get(3)?,
            source: r.get(4)?,
            words: r.get::<_, i64>(5)?.max(0) as usize,
        })
    }

    fn rows_where(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<(ArticleRow, f64)>, StoreError> {
        let run = || -> rusqlite::Result<Vec<(ArticleRow, f64)>> {
            let mut statement = self.conn.prepare_cached(sql)?;
            let rows = statement.query_map(params, |r| Ok((self.to_row(r)?, r.get(6)?)))?;
            rows.collect()
        };
        run().map_err(|e| self.error(e))
    }

    /// A loaded article's row id and file name.
    fn locate(&self, key: &str) -> Result<Option<(i64, String)>, StoreError> {
        self.conn
            .prepare_cached("SELECT id, name FROM file WHERE problem IS NULL AND key = ?1")
            .and_then(|mut s| {
                s.query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.error(e))
    }

    /// Remembers an article just read among the last few.
    fn keep(&self, linked: &LinkedArticle) {
        let mut recent = self.recent.borrow_mut();
        recent.truncate(RECENT - 1);
        recent.push_front(linked.clone());
    }

    /// The best `limit` articles of a full-text query: `sql` gives every matching article's
    /// row id and score from the text table alone; only the best (and any tied with the last
    /// of them) are looked up in the file table, then ranked by score, date and key.
    fn best_of(
        &self,
        sql: &str,
        expression: &str,
        limit: usize,
    ) -> Result<Vec<(ArticleRow, f64)>, StoreError> {
        let run = || -> rusqlite::Result<Vec<(ArticleRow, f64)>> {
            let mut scored: Vec<(i64, f64)> = {
                let mut statement = self.conn.prepare_cached(sql)?;
                let rows = statement.query_map([expression], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if limit == 0 {
                return Ok(Vec::new());
            }
            if scored.len() > limit {
                let by_score = |a: &(i64, f64), b: &(i64, f64)| b.1.total_cmp(&a.1);
                scored.select_nth_unstable_by(limit - 1, by_score);
                let cut = scored[limit - 1].1;
                // Ties with the last one kept are decided by date and key below.
                scored.retain(|&(_, score)| score.total_cmp(&cut).is_ge());
            }
            let mut lookup = self
                .conn
                .prepare_cached(&format!("{ROW} WHERE id = ?1 AND problem IS NULL"))?;
            let mut found = Vec::with_capacity(scored.len());
            for (id, score) in scored {
                if let Some(row) = lookup.query_row([id], |r| self.to_row(r)).optional()? {
                    found.push((row, score));
                }
            }
            found.sort_by(|a, b| {
                b.1.total_cmp(&a.1)
                    .then_with(|| a.0.date.cmp(&b.0.date))
                    .then_with(|| a.0.key.cmp(&b.0.key))
            });
            found.truncate(limit);
            Ok(found)
        };
        run().map_err(|e| self.error(e))
    }
}

/// Reads, parses and links the article `key` of `dir`, stored as row `id` in file `name`.
fn read_linked(
    dir: &Path,
    linker: &Linker,
    key: &str,
    id: i64,
    name: String,
) -> Result<LinkedArticle, StoreError> {
    let file = ArticleFile {
        path: dir.join(&name),
        name,
        id: key.to_string(),
        size: 0,
        mtime: 0,
    };
    let bytes = read_article_file(&file).map_err(StoreError::Article)?;
    let article = parse_article(key, &file.shown(), &bytes).map_err(StoreError::Article)?;
    let mut hits = vec![0; linker.pattern_count()];
    let article_id = ArticleId::from_index(usize::try_from(id).unwrap_or(0));
    let mentions = linker
        .link_article(article_id, &article, &mut hits)
        .mentions;
    Ok(LinkedArticle { article, mentions })
}

impl SqliteStore {
    /// The index's ids of `set`, joined by commas for an `IN (…)` list.
    fn entity_list(&self, set: &[EntityId]) -> String {
        let ids: Vec<String> = set
            .iter()
            .filter_map(|&e| self.entity_ids.get(e.index()))
            .map(i64::to_string)
            .collect();
        ids.join(",")
    }

    /// `AND` clauses keeping the articles (whose id is `column`) that name, for every set,
    /// one of its entities.
    fn entity_filters(&self, entities: &[Vec<EntityId>], column: &str) -> String {
        entities
            .iter()
            .map(|set| {
                format!(
                    " AND {column} IN (SELECT article FROM link WHERE entity IN ({}))",
                    self.entity_list(set)
                )
            })
            .collect()
    }
}

/// How `Path::join` would show a file of `dir`, minus the file name.
fn shown_dir(dir: &Path) -> String {
    let joined = dir.join("x").display().to_string();
    joined[..joined.len() - 2].to_string()
}

/// A failed sync as a store error.
pub(super) fn sync_error(path: &Path, error: SyncError) -> StoreError {
    match error {
        SyncError::Directory(d) => StoreError::Article(d),
        SyncError::Cancelled => StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::Interrupted, "the sync was stopped"),
        },
        SyncError::Sqlite(source) => StoreError::Index {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// The catalogue's entities' row ids as the index knows them, without writing (-1 for a slug
/// the index has not seen: no article links to it yet).
fn known_entity_ids(conn: &Connection, catalogue: &Catalogue) -> rusqlite::Result<Vec<i64>> {
    let mut select = conn.prepare_cached("SELECT slug, id FROM entity")?;
    let known: HashMap<String, i64> = select
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(catalogue
        .entities()
        .iter()
        .map(|e| known.get(&e.id).copied().unwrap_or(-1))
        .collect())
}

/// Opens the index file, replacing it when it is not a database at all (a cache may be
/// thrown away), and makes sure its schema is this version's.
pub(super) fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    let attempt = || -> rusqlite::Result<Connection> {
        let mut conn = Connection::open(path)?;
        schema::configure(&conn)?;
        schema::ensure(&mut conn)?;
        Ok(conn)
    };
    match attempt() {
        Ok(conn) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) =>
        {
            for suffix in ["", "-wal", "-shm"] {
                let mut name = path.as_os_str().to_owned();
                name.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(name));
            }
            attempt().map_err(|source| StoreError::Index {
                path: path.to_path_buf(),
                source,
            })
        }
        Err(source) => Err(StoreError::Index {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Takes the writer's lock of an index (released when the file is closed, also by a crash),
/// waiting for it.
fn lock(path: &Path) -> std::io::Result<File> {
    let file = lock_file(path)?;
    flock(&file, true)?;
    Ok(file)
}

/// Takes the writer's lock of an index if no one holds it (`None`: another process does).
pub(super) fn try_lock(path: &Path) -> std::io::Result<Option<File>> {
    let file = lock_file(path)?;
    Ok(flock(&file, false)?.then_some(file))
}

fn lock_file(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

/// An exclusive lock on `file`; whether it was taken (always, when `wait`).
#[cfg(unix)]
fn flock(file: &File, wait: bool) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    let operation = if wait {
        libc::LOCK_EX
    } else {
        libc::LOCK_EX | libc::LOCK_NB
    };
    loop {
        // SAFETY: flock on a descriptor the caller owns; no memory is passed.
        let result = unsafe { libc::flock(file.as_raw_fd(), operation) };
        if result == 0 {
            return Ok(true);
        }
        let error = std::io::Error::last_os_error();
        match error.kind() {
            std::io::ErrorKind::Interrupted => continue,
            std::io::ErrorKind::WouldBlock => return Ok(false),
            _ => return Err(error),
        }
    }
}

#[cfg(not(unix))]
fn flock(_file: &File, _wait: bool) -> std::io::Result<bool> {
    Ok(true)
}

impl CorpusStore for SqliteStore {
    fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    fn data_version(&self) -> Option<i64> {
        self.conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .ok()
    }

    fn rows(&self) -> Result<Vec<ArticleRow>, StoreError> {
        // One pass over the table and a sort here: walking the (date, key) index would look
        // up every row by id, in random order.
        let sql = format!("{ROW} NOT INDEXED WHERE problem IS NULL");
        let run = || -> rusqlite::Result<Vec<ArticleRow>> {
            let mut statement = self.conn.prepare(&sql)?;
            let rows = statement.query_map([], |r| self.to_row(r))?;
            rows.collect()
        };
        let mut rows = run().map_err(|e| self.error(e))?;
        rows.sort_unstable_by(|a, b| a.date.cmp(&b.date).then_with(|| a.key.cmp(&b.key)));
        Ok(rows)
    }

    fn row(&self, key: &str) -> Result<Option<ArticleRow>, StoreError> {
        let sql = format!("{ROW} WHERE problem IS NULL AND key = ?1");
        self.conn
            .query_row(&sql, [key], |r| self.to_row(r))
            .optional()
            .map_err(|e| self.error(e))
    }

    fn article(&self, key: &str) -> Result<Option<LinkedArticle>, StoreError> {
        {
            let mut recent = self.recent.borrow_mut();
            if let Some(at) = recent.iter().position(|a| a.article.id == key) {
                let hit = recent.remove(at);
                if let Some(hit) = hit {
                    recent.push_front(hit.clone());
                    return Ok(Some(hit));
                }
            }
        }
        let Some((id, name)) = self.locate(key)? else {
            return Ok(None);
        };
        let linker = self.linker.get_or_init(|| Linker::new(&self.catalogue));
        let linked = read_linked(&self.dir, linker, key, id, name)?;
        self.keep(&linked);
        Ok(Some(linked))
    }

    fn articles(&self, keys: &[&str]) -> Result<Vec<Option<LinkedArticle>>, StoreError> {
        let mut found: Vec<Option<LinkedArticle>> = Vec::with_capacity(keys.len());
        let mut wanted: Vec<(usize, &str, i64, String)> = Vec::new();
        for (at, &key) in keys.iter().enumerate() {
            let kept = self
                .recent
                .borrow()
                .iter()
                .find(|a| a.article.id == key)
                .cloned();
            found.push(kept);
            if found[at].is_none()
                && let Some((id, name)) = self.locate(key)?
            {
                wanted.push((at, key, id, name));
            }
        }
        // Read, parsed and linked on every core; the answers keep the order asked for.
        let linker = self.linker.get_or_init(|| Linker::new(&self.catalogue));
        let dir = self.dir.as_path();
        let read: Vec<(usize, Result<LinkedArticle, StoreError>)> = wanted
            .into_par_iter()
            .map(|(at, key, id, name)| (at, read_linked(dir, linker, key, id, name)))
            .collect();
        for (at, linked) in read {
            let linked = linked?;
            if at < RECENT {
                self.keep(&linked);
            }
            found[at] = Some(linked);
        }
        Ok(found)
    }

    fn entity_counts(&self) -> Result<Vec<EntityCount>, StoreError> {
        let mut counts = vec![EntityCount::default(); self.catalogue.len()];
        let run = || -> rusqlite::Result<Vec<(i64, i64, i64)>> {
            let mut statement = self
                .conn
                .prepare("SELECT entity, SUM(count), COUNT(*) FROM link GROUP BY entity")?;
            let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect()
        };
        for (entity, mentions, articles) in run().map_err(|e| self.error(e))? {
            if let Some(slot) = self
                .entity_index
                .get(&entity)
                .and_then(|e| counts.get_mut(e.index()))
            {
                *slot = EntityCount {
                    mentions: mentions.max(0) as usize,
                    articles: articles.max(0) as usize,
                };
            }
        }
        Ok(counts)
    }

    fn articles_of(
        &self,
        entity: EntityId,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<(ArticleRow, usize)>, StoreError> {
        let Some(&id) = self.entity_ids.get(entity.index()) else {
            return Ok(Vec::new());
        };
        let sql = "SELECT f.key, f.name, f.title, f.date, f.source, f.words, l.count
                   FROM link l JOIN file f ON f.id = l.article
                   WHERE l.entity = ?1 AND f.problem IS NULL
                   ORDER BY f.date, f.key LIMIT ?2 OFFSET ?3";
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let run = || -> rusqlite::Result<Vec<(ArticleRow, usize)>> {
            let mut statement = self.conn.prepare_cached(sql)?;
            let rows = statement.query_map(rusqlite::params![id, limit, offset], |r| {
                Ok((self.to_row(r)?, r.get::<_, i64>(6)?.max(0) as usize))
            })?;
            rows.collect()
        };
        run().map_err(|e| self.error(e))
    }

    fn keys_of(&self, entity: EntityId) -> Result<Vec<(ArticleKey, usize)>, StoreError> {
        let Some(&id) = self.entity_ids.get(entity.index()) else {
            return Ok(Vec::new());
        };
        // No order asked for: one pass over the entity's links, no sort.
        let run = || -> rusqlite::Result<Vec<(ArticleKey, usize)>> {
            let mut statement = self.conn.prepare_cached(
                "SELECT f.key, l.count FROM link l JOIN file f ON f.id = l.article
                 WHERE l.entity = ?1 AND f.problem IS NULL",
            )?;
            let rows = statement.query_map([id], |r| {
                Ok((
                    ArticleKey::new(r.get::<_, String>(0)?),
                    r.get::<_, i64>(1)?.max(0) as usize,
                ))
            })?;
            rows.collect()
        };
        run().map_err(|e| self.error(e))
    }

    fn search(
        &self,
        query: &Query,
        entities: &[Vec<EntityId>],
        limit: usize,
    ) -> Result<Vec<Hit>, StoreError> {
        let ids = |set: &[EntityId]| self.entity_list(set);
        let limit_sql = i64::try_from(limit).unwrap_or(i64::MAX);
        let found = match query.fts_expression() {
            Some(expression) => {
                let filters = self.entity_filters(entities, "rowid");
                let sql = format!(
                    "SELECT rowid, -bm25(text, {}, {}) FROM text WHERE text MATCH ?1{filters}",
                    WEIGHTS[0], WEIGHTS[1]
                );
                self.best_of(&sql, &expression, limit)?
            }
            None => {
                let filters = self.entity_filters(entities, "f.id");
                let union: Vec<EntityId> = entities.iter().flatten().copied().collect();
                let sql = format!(
                    "SELECT f.key, f.name, f.title, f.date, f.source, f.words,
                            CAST((SELECT SUM(count) FROM link
                                  WHERE article = f.id AND entity IN ({})) AS REAL) AS score
                     FROM file f WHERE f.problem IS NULL{filters}
                     ORDER BY score DESC, f.date, f.key LIMIT ?1",
                    ids(&union)
                );
                self.rows_where(&sql, rusqlite::params![limit_sql])?
            }
        };
        Ok(found
            .into_iter()
            .map(|(row, score)| Hit { row, score })
            .collect())
    }

    fn count(&self, query: &Query, entities: &[Vec<EntityId>]) -> Result<usize, StoreError> {
        // The same matches as `search`, counted instead of ranked.
        let run = || -> rusqlite::Result<i64> {
            match query.fts_expression() {
                Some(expression) => self.conn.query_row(
                    &format!(
                        "SELECT COUNT(*) FROM text WHERE text MATCH ?1{}",
                        self.entity_filters(entities, "rowid")
                    ),
                    [expression],
                    |r| r.get(0),
                ),
                None => self.conn.query_row(
                    &format!(
                        "SELECT COUNT(*) FROM file f WHERE f.problem IS NULL{}",
                        self.entity_filters(entities, "f.id")
                    ),
                    [],
                    |r| r.get(0),
                ),
            }
        };
        let n = run().map_err(|e| self.error(e))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn each_article(&self, visit: &mut ArticleVisitor<'_>) -> Result<(), StoreError> {
        let run = || -> rusqlite::Result<Vec<(String, String, String)>> {
            let mut statement = self
                .conn
                .prepare("SELECT date, key, name FROM file NOT INDEXED WHERE problem IS NULL")?;
            let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect()
        };
        let mut files = run().map_err(|e| self.error(e))?;
        files.sort_unstable();
        // Read and parsed on every core a few at a time, visited in order.
        const AT_ONCE: usize = 32;
        let dir = self.dir.as_path();
        for chunk in files.chunks(AT_ONCE) {
            let parsed: Vec<Result<Article, Diagnostic>> = chunk
                .par_iter()
                .map(|(_, key, name)| {
                    let file = ArticleFile {
                        path: dir.join(name),
                        name: name.clone(),
                        id: key.clone(),
                        size: 0,
                        mtime: 0,
                    };
                    let bytes = read_article_file(&file)?;
                    parse_article(key, &file.shown(), &bytes)
                })
                .collect();
            for article in parsed {
                if !visit(article.as_ref().map_err(Clone::clone))? {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    fn skipped(&self) -> Result<Vec<Diagnostic>, StoreError> {
        let run = || -> rusqlite::Result<Vec<Diagnostic>> {
            let mut statement = self.conn.prepare(
                "SELECT name, problem, line, col FROM file WHERE problem IS NOT NULL
                 ORDER BY name",
            )?;
            let rows = statement.query_map([], |r| {
                let name: String = r.get(0)?;
                let line: Option<i64> = r.get(2)?;
                let col: Option<i64> = r.get(3)?;
                let position = line.zip(col).map(|(line, col)| Position {
                    line: line.max(0) as usize,
                    col: col.max(0) as usize,
                });
                Ok(Diagnostic::error(
                    self.dir.join(name).display().to_string(),
                    position,
                    r.get::<_, String>(1)?,
                ))
            })?;
            rows.collect()
        };
        run().map_err(|e| self.error(e))
    }
}
