//! The writing half of a sync: each file read, parsed, sanitized, cut into terms and linked
//! on a worker thread (`process`), and the one writer that puts the outcomes into the index in
//! large transactions (`write_all`), remembering the last articles it wrote (`Recent`).

use std::collections::{HashMap, HashSet, VecDeque};

use rusqlite::{Connection, OptionalExtension, params};
use xxhash_rust::xxh3::xxh3_64;

use super::sync::{Progress, SyncReport};
use crate::corpus::article::{Article, parse_article};
use crate::corpus::files::{ArticleFile, read_article_file};
use crate::corpus::ids::{ArticleId, EntityId};
use crate::corpus::linker::{Linker, Mention};
use crate::corpus::query::columns;
use crate::corpus::terms::Terms;
use crate::diag::Diagnostic;
use crate::store::LinkedArticle;

/// The articles a sync read last, parsed and linked, most recent first: a command that shows
/// one of them right after need not read it again.
pub type Recent = VecDeque<LinkedArticle>;

/// Articles kept in `Recent`, and the most text they may hold together.
pub const RECENT: usize = 8;
const RECENT_BYTES: usize = 64 << 20;

/// What the writer collects besides the index itself.
pub(super) struct Written<'a> {
    pub(super) report: &'a mut SyncReport,
    pub(super) problems: &'a mut Vec<Diagnostic>,
    pub(super) recent: &'a mut Recent,
    /// Files that could not be read this time (tried again by the next sync).
    pub(super) unreadable: usize,
    /// Whether the index held no file when the sync began: a new file then has no row to
    /// replace, so none is looked for.
    pub(super) fresh: bool,
}

/// A sync reading more files than this does not keep their bodies for `Recent`: the workers
/// drop them, so the writer only writes.
pub(super) const KEEP_BODIES_UP_TO: usize = 64;

/// Articles per transaction; the first one is small so rows appear early.
const BATCH: usize = 4_000;
const FIRST_BATCH: usize = 200;

/// One file to (re)read.
pub(super) struct Work {
    pub(super) file: ArticleFile,
    /// Its row, when it has one.
    pub(super) id: Option<i64>,
    /// The stored hash, when only a changed hash should count as a change.
    pub(super) hash: Option<i64>,
}

/// What reading one file gave.
pub(super) enum Outcome {
    Article {
        work: Work,
        size: u64,
        mtime: i64,
        hash: i64,
        /// Its blocks are empty when `mentions` is `None` (the body is not kept).
        article: Box<Article>,
        mentions: Option<Vec<Mention>>,
        columns: [String; 2],
        links: Vec<(EntityId, usize)>,
    },
    Skipped {
        work: Work,
        size: u64,
        mtime: i64,
        hash: i64,
        problem: Diagnostic,
    },
    Touched {
        work: Work,
        size: u64,
        mtime: i64,
    },
    Unreadable {
        work: Work,
        problem: Diagnostic,
    },
}

/// Per-thread scratch space of the parallel readers.
pub(super) struct Scratch {
    pub(super) terms: Terms,
    pub(super) hits: Vec<usize>,
    /// Whether articles are sent with their blocks and mentions (for `Recent`).
    pub(super) keep_bodies: bool,
}

pub(super) fn process(work: Work, linker: &Linker, scratch: &mut Scratch) -> Outcome {
    // What was listed: if the file changed since, the next sync sees a time that differs
    // from the content read and reads it again, never the other way round.
    let (size, mtime) = (work.file.size, work.file.mtime);
    let bytes = match read_article_file(&work.file) {
        Ok(bytes) => bytes,
        Err(problem) => return Outcome::Unreadable { work, problem },
    };
    // Stored as SQLite's signed 64-bit integer; the bits are what count.
    let hash = xxh3_64(&bytes) as i64;
    if work.hash == Some(hash) {
        return Outcome::Touched { work, size, mtime };
    }
    match parse_article(&work.file.id, &work.file.shown(), &bytes) {
        Ok(mut article) => {
            let columns = columns(&article, &mut scratch.terms);
            let found = linker.link_article(ArticleId::from_index(0), &article, &mut scratch.hits);
            let mut counts: HashMap<EntityId, usize> = HashMap::new();
            for e in found.mentions.iter().flat_map(|m| m.entities()) {
                *counts.entry(e).or_default() += 1;
            }
            let mentions = if scratch.keep_bodies {
                Some(found.mentions)
            } else {
                // Freed here, on a worker, rather than by the one writer.
                article.blocks = Vec::new();
                None
            };
            Outcome::Article {
                work,
                size,
                mtime,
                hash,
                article: Box::new(article),
                mentions,
                columns,
                links: counts.into_iter().collect(),
            }
        }
        Err(problem) => Outcome::Skipped {
            work,
            size,
            mtime,
            hash,
            problem: Diagnostic {
                message: format!("skipped: {}", problem.message),
                ..problem
            },
        },
    }
}

/// The writer: takes outcomes as they come and commits them in batches.
pub(super) fn write_all(
    conn: &mut Connection,
    receiver: std::sync::mpsc::Receiver<Outcome>,
    entity_ids: &[i64],
    relinking: &HashSet<i64>,
    total: usize,
    progress: &(dyn Fn(Progress) + Sync),
    written: &mut Written<'_>,
) -> rusqlite::Result<()> {
    let mut done = 0;
    let mut limit = FIRST_BATCH;
    let mut received = receiver.iter().peekable();
    while received.peek().is_some() {
        let tx = conn.transaction()?;
        let mut in_batch = 0;
        while in_batch < limit {
            let Some(outcome) = received.next() else {
                break;
            };
            write_one(&tx, outcome, entity_ids, relinking, written)?;
            in_batch += 1;
        }
        tx.commit()?;
        done += in_batch;
        limit = BATCH;
        progress(Progress::Indexed { done, total });
    }
    Ok(())
}

fn write_one(
    tx: &rusqlite::Transaction<'_>,
    outcome: Outcome,
    entity_ids: &[i64],
    relinking: &HashSet<i64>,
    written: &mut Written<'_>,
) -> rusqlite::Result<()> {
    let report = &mut *written.report;
    let problems = &mut *written.problems;
    let clear = |id: i64| -> rusqlite::Result<()> {
        tx.prepare_cached("DELETE FROM text WHERE rowid = ?1")?
            .execute([id])?;
        tx.prepare_cached("DELETE FROM link WHERE article = ?1")?
            .execute([id])?;
        Ok(())
    };
    let count = |report: &mut SyncReport, work: &Work| match work.id {
        None => report.added += 1,
        Some(id) if relinking.contains(&id) => report.relinked += 1,
        Some(_) => report.updated += 1,
    };
    match outcome {
        Outcome::Touched { work, size, mtime } => {
            report.unchanged += 1;
            tx.prepare_cached("UPDATE file SET size = ?2, mtime = ?3 WHERE id = ?1")?
                .execute(params![work.id, size as i64, mtime])?;
        }
        Outcome::Unreadable { work, problem } => {
            written.unreadable += 1;
            if let Some(id) = work.id {
                clear(id)?;
                tx.prepare_cached("DELETE FROM file WHERE id = ?1")?
                    .execute([id])?;
                report.removed += 1;
            }
            problems.push(problem);
        }
        Outcome::Skipped {
            work,
            size,
            mtime,
            hash,
            problem,
        } => {
            count(report, &work);
            let position = problem.position;
            let id = upsert_file(
                tx,
                &work,
                written.fresh,
                (size, mtime, hash),
                (
                    Some(problem.message.as_str()),
                    position.map(|p| p.line as i64),
                    position.map(|p| p.col as i64),
                ),
                None,
            )?;
            clear(id)?;
        }
        Outcome::Article {
            work,
            size,
            mtime,
            hash,
            article,
            mentions,
            columns,
            links,
        } => {
            count(report, &work);
            // Warnings of a loaded article (an unknown field) are shown when it is indexed.
            problems.extend(article.warnings.iter().cloned());
            let id = upsert_file(
                tx,
                &work,
                written.fresh,
                (size, mtime, hash),
                (None, None, None),
                Some(&article),
            )?;
            if work.id.is_some() {
                clear(id)?;
            }
            tx.prepare_cached("INSERT INTO text (rowid, head, body) VALUES (?1, ?2, ?3)")?
                .execute(params![id, columns[0], columns[1]])?;
            let mut insert =
                tx.prepare_cached("INSERT INTO link (entity, article, count) VALUES (?1, ?2, ?3)")?;
            for (entity, n) in links {
                if let Some(&entity) = entity_ids.get(entity.index()) {
                    insert.execute(params![entity, id, n as i64])?;
                }
            }
            if let Some(mentions) = mentions {
                remember(written.recent, id, *article, mentions);
            }
        }
    }
    Ok(())
}

/// Keeps a just-indexed article, with its mentions named as `SqliteStore::article` names them.
fn remember(recent: &mut Recent, id: i64, article: Article, mut mentions: Vec<Mention>) {
    let size: usize = article.blocks.iter().map(|b| b.text.len()).sum();
    if size > RECENT_BYTES {
        return;
    }
    let article_id = ArticleId::from_index(usize::try_from(id).unwrap_or(0));
    for m in &mut mentions {
        m.article = article_id;
    }
    recent.push_front(LinkedArticle { article, mentions });
    let mut total = 0;
    let keep = recent
        .iter()
        .take(RECENT)
        .take_while(|a| {
            total += a.article.blocks.iter().map(|b| b.text.len()).sum::<usize>();
            total <= RECENT_BYTES
        })
        .count();
    recent.truncate(keep);
}

/// Writes a file's row (insert or update) and returns its id.
fn upsert_file(
    tx: &rusqlite::Transaction<'_>,
    work: &Work,
    fresh: bool,
    (size, mtime, hash): (u64, i64, i64),
    problem: (Option<&str>, Option<i64>, Option<i64>),
    article: Option<&Article>,
) -> rusqlite::Result<i64> {
    let front = article.map(|a| &a.front);
    let values = params![
        work.file.name,
        size as i64,
        mtime,
        hash,
        problem.0,
        problem.1,
        problem.2,
        work.file.id,
        front.map(|f| f.title.as_str()),
        front.map(|f| f.date.as_str()),
        front.map(|f| f.source.as_str()),
        front.map(|f| f.language.as_str()),
        article.map(|a| a.words as i64),
    ];
    match work.id {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE file SET name = ?1, size = ?2, mtime = ?3, hash = ?4, problem = ?5,
                 line = ?6, col = ?7, key = ?8, title = ?9, date = ?10, source = ?11,
                 language = ?12, words = ?13 WHERE id = ?14",
            )?
            .execute(rusqlite::params_from_iter(
                values
                    .iter()
                    .copied()
                    .chain(std::iter::once(&id as &dyn rusqlite::ToSql)),
            ))?;
            Ok(id)
        }
        None => {
            // A row left by a build that was cut short is replaced.
            let existing: Option<i64> = if fresh {
                None
            } else {
                tx.prepare_cached("SELECT id FROM file WHERE name = ?1")?
                    .query_row([&work.file.name], |r| r.get(0))
                    .optional()?
            };
            if let Some(id) = existing {
                tx.prepare_cached("DELETE FROM text WHERE rowid = ?1")?
                    .execute([id])?;
                tx.prepare_cached("DELETE FROM link WHERE article = ?1")?
                    .execute([id])?;
                tx.prepare_cached("DELETE FROM file WHERE id = ?1")?
                    .execute([id])?;
            }
            tx.prepare_cached(
                "INSERT INTO file (name, size, mtime, hash, problem, line, col, key, title,
                 date, source, language, words)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(values)?;
            Ok(tx.last_insert_rowid())
        }
    }
}
