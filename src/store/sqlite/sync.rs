//! Brings the index up to date with the articles directory and the catalogue. Files are
//! compared by size and modification time; only changed ones are read, and a content hash
//! tells a touched file from a changed one. Removed files are dropped. When the catalogue's
//! forms change, only the articles whose text holds a changed form are linked again.
//!
//! Reading, parsing, sanitizing, term extraction and linking run in parallel (rayon); one
//! writer (the calling thread) inserts the results in large transactions, committing a small
//! first batch early so a list can show rows while a cold build goes on. Progress is reported
//! through a callback, so a build can run on a background thread.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension};
use xxhash_rust::xxh3::Xxh3;

use super::write::{
    KEEP_BODIES_UP_TO, Outcome, Recent, Scratch, Work, Written, process, write_all,
};
use crate::corpus::catalogue::Catalogue;
use crate::corpus::files::{ArticleFile, Links, scan_article_dir_with};
use crate::corpus::linker::Linker;
use crate::corpus::terms::{self, FastMap, Language, Terms};
use crate::diag::Diagnostic;

/// What a sync did, as `dossier index` prints it (also its JSON row).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct SyncReport {
    /// Loaded articles in the index afterwards.
    pub articles: usize,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Articles linked again because the catalogue's forms changed.
    pub relinked: usize,
    pub seconds: f64,
}

/// How far a sync has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The directory was listed: `files` in all, `to_read` of them new or changed.
    Scanned { files: usize, to_read: usize },
    /// `done` of `total` files read and committed to the index.
    Indexed { done: usize, total: usize },
}

/// The forms the linker looks for, by entity slug and kind ('' for ignored forms; the kind
/// decides which endings a form takes, so a new kind relinks the articles holding its forms),
/// and each override by what it says (its words are the form, so the articles holding them
/// are linked again when it changes).
fn forms_of(catalogue: &Catalogue) -> BTreeSet<(String, String)> {
    let mut forms: BTreeSet<(String, String)> = catalogue
        .entities()
        .iter()
        .flat_map(|e| {
            let key = format!("{} {}", e.id, e.kind.name());
            e.surface_forms().map(move |f| (key.clone(), f.to_string()))
        })
        .collect();
    forms.extend(
        catalogue
            .ignore
            .iter()
            .map(|(f, _)| (String::new(), f.clone())),
    );
    forms.extend(catalogue.overrides.iter().map(|o| {
        let entity = o
            .entity
            .and_then(|e| catalogue.entity(e))
            .map_or("unlink", |e| e.id.as_str());
        let key = format!(
            "override {} {} {entity} {:?} {:?}",
            o.article,
            o.part.name(),
            o.quote.prefix,
            o.quote.suffix
        );
        (key, o.quote.exact.clone())
    }));
    forms
}

/// The catalogue's entities' row ids, in catalogue order, creating rows for new slugs.
/// Writes only when the catalogue names a slug the index has not seen.
pub fn entity_ids(conn: &Connection, catalogue: &Catalogue) -> rusqlite::Result<Vec<i64>> {
    let known = || -> rusqlite::Result<HashMap<String, i64>> {
        let mut select = conn.prepare_cached("SELECT slug, id FROM entity")?;
        let rows = select.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    };
    let mut ids = known()?;
    if catalogue
        .entities()
        .iter()
        .any(|e| !ids.contains_key(&e.id))
    {
        let tx = conn.unchecked_transaction()?;
        {
            let mut insert = tx.prepare("INSERT OR IGNORE INTO entity (slug) VALUES (?1)")?;
            for entity in catalogue.entities() {
                insert.execute([&entity.id])?;
            }
        }
        tx.commit()?;
        ids = known()?;
    }
    Ok(catalogue
        .entities()
        .iter()
        .map(|e| ids.get(&e.id).copied().unwrap_or(-1))
        .collect())
}

/// An FTS5 expression that every article holding `form` as the linker sees it matches: every
/// word of the form in any of its indexed forms, the last one also with a genitive `s`.
/// `None` when the form has no word to look for.
fn candidates_expression(form: &str) -> Option<String> {
    let words: Vec<String> = terms::words(form)
        .map(|(_, w)| terms::folded(w))
        .filter(|w| !w.is_empty())
        .collect();
    let last = words.len().checked_sub(1)?;
    let clauses: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut spellings = vec![w.clone()];
            if i == last {
                spellings.push(format!("{w}s"));
            }
            let mut forms: BTreeSet<String> = BTreeSet::new();
            for spelling in &spellings {
                for language in Language::QUERY_FORMS {
                    forms.insert(terms::stem(spelling, language));
                }
            }
            let alternatives: Vec<String> = forms.iter().map(|f| format!("\"{f}\"")).collect();
            format!("({})", alternatives.join(" OR "))
        })
        .collect();
    Some(clauses.join(" AND "))
}

/// The loaded articles whose text may hold one of `changed` forms (all of them when a form
/// has no word to look for).
fn affected_by(
    conn: &Connection,
    changed: &BTreeSet<(String, String)>,
) -> rusqlite::Result<HashSet<i64>> {
    let mut affected = HashSet::new();
    let mut all = false;
    let mut search = conn.prepare("SELECT rowid FROM text WHERE text MATCH ?1")?;
    for (_, form) in changed {
        match candidates_expression(form) {
            Some(expression) => {
                for id in search.query_map([expression], |r| r.get::<_, i64>(0))? {
                    affected.insert(id?);
                }
            }
            None => all = true,
        }
    }
    if all {
        let mut every = conn.prepare("SELECT id FROM file WHERE problem IS NULL")?;
        for id in every.query_map([], |r| r.get::<_, i64>(0))? {
            affected.insert(id?);
        }
    }
    Ok(affected)
}

/// Brings the index in `conn` up to date with `dir` and `catalogue`. Returns the report and
/// the warnings about files that were not indexed this time (unreadable, not regular files).
/// The caller holds the writer's lock.
pub fn sync(
    conn: &mut Connection,
    dir: &Path,
    catalogue: &Catalogue,
    links: Links,
    progress: &(dyn Fn(Progress) + Sync),
    recent: &mut Recent,
) -> Result<(SyncReport, Vec<Diagnostic>), SyncError> {
    let never = AtomicBool::new(false);
    sync_until(conn, dir, catalogue, links, progress, &never, recent)
}

/// `sync`, stopping soon after `cancel` is set: what was committed stays, and the index is
/// not marked complete, so the next sync finishes the work.
pub fn sync_until(
    conn: &mut Connection,
    dir: &Path,
    catalogue: &Catalogue,
    links: Links,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
    recent: &mut Recent,
) -> Result<(SyncReport, Vec<Diagnostic>), SyncError> {
    let started = Instant::now();
    let (mut listed, mut problems) =
        scan_article_dir_with(dir, links).map_err(SyncError::Directory)?;
    // The index finds a file again by its name, so the name must be text.
    listed.retain(|file| {
        let text = file.path.file_name().and_then(|n| n.to_str()).is_some();
        if !text {
            problems.push(Diagnostic::error(
                file.shown(),
                None,
                "skipped: the file name is not UTF-8, so the index cannot name it; rename the file",
            ));
        }
        text
    });
    // What the last complete sync saw: when every name, size and time and every form of the
    // catalogue are as they were, there is nothing to compare row by row.
    let forms = forms_of(catalogue);
    let print = fingerprint(&listed, &forms);
    if let Some(articles) = unchanged_since(conn, &print)? {
        progress(Progress::Scanned {
            files: listed.len(),
            to_read: 0,
        });
        let report = SyncReport {
            articles,
            unchanged: listed.len(),
            seconds: started.elapsed().as_secs_f64(),
            ..SyncReport::default()
        };
        return Ok((report, problems));
    }
    let entity_ids = entity_ids(conn, catalogue)?;
    let mut stored: FastMap<String, (i64, u64, i64, i64, bool)> = FastMap::default();
    {
        let mut statement =
            conn.prepare("SELECT name, id, size, mtime, hash, problem IS NULL FROM file")?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (
                    r.get(1)?,
                    r.get::<_, i64>(2)?.max(0) as u64,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ),
            ))
        })?;
        for row in rows {
            let (name, fields) = row?;
            stored.insert(name, fields);
        }
    }
    // What the links were made with; on a first build, what they will be made with.
    let old_forms: BTreeSet<(String, String)> = if stored.is_empty() {
        write_forms(conn, &forms)?;
        forms.clone()
    } else {
        let mut statement = conn.prepare("SELECT entity, form FROM form")?;
        statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let changed_forms: BTreeSet<(String, String)> =
        forms.symmetric_difference(&old_forms).cloned().collect();
    let mut affected = if changed_forms.is_empty() {
        HashSet::new()
    } else {
        affected_by(conn, &changed_forms)?
    };

    let mut report = SyncReport::default();
    let mut work: Vec<Work> = Vec::new();
    let mut seen: FastMap<&str, ()> = FastMap::default();
    seen.reserve(listed.len());
    for file in &listed {
        seen.insert(file.name.as_str(), ());
        match stored.get(&file.name) {
            None => work.push(Work {
                file: file.clone(),
                id: None,
                hash: None,
            }),
            Some(&(id, size, mtime, hash, loaded)) => {
                let relink = loaded && affected.remove(&id);
                if relink {
                    work.push(Work {
                        file: file.clone(),
                        id: Some(id),
                        hash: None,
                    });
                } else if size == file.size && mtime == file.mtime {
                    report.unchanged += 1;
                } else {
                    work.push(Work {
                        file: file.clone(),
                        id: Some(id),
                        hash: Some(hash),
                    });
                }
            }
        }
    }
    let gone: Vec<i64> = stored
        .iter()
        .filter(|(name, _)| !seen.contains_key(name.as_str()))
        .map(|(_, &(id, ..))| id)
        .collect();
    drop(seen);
    progress(Progress::Scanned {
        files: listed.len(),
        to_read: work.len(),
    });

    let relinking: HashSet<i64> = work
        .iter()
        .filter(|w| w.id.is_some() && w.hash.is_none())
        .filter_map(|w| w.id)
        .collect();
    let total = work.len();
    let fresh = stored.is_empty();
    if total == 0 && gone.is_empty() && changed_forms.is_empty() {
        report.articles = stored.values().filter(|f| f.4).count();
        remember_fingerprint(conn, &print, report.articles)?;
        report.seconds = started.elapsed().as_secs_f64();
        return Ok((report, problems));
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(SyncError::Cancelled);
    }
    // Until this sync completes, the last one's fingerprint no longer tells the truth.
    conn.execute("DELETE FROM meta WHERE name = 'fingerprint'", [])?;
    let bulk = total > 1000;
    if bulk {
        conn.pragma_update(None, "cache_size", -64_000)?;
        // A first build writes without waiting for the disk: the index is a cache, and one
        // cut short by a crash of the system is rebuilt (WAL still keeps every commit whole
        // when only the process dies).
        if fresh {
            conn.pragma_update(None, "synchronous", "OFF")?;
        }
    }
    let linker = Linker::new(catalogue);
    let patterns = linker.pattern_count();
    let stop = AtomicBool::new(false);
    let (sender, receiver) = sync_channel::<Outcome>(512);
    let written = std::thread::scope(|scope| {
        let linker = &linker;
        let stop = &stop;
        scope.spawn(move || {
            work.into_par_iter().for_each_init(
                || Scratch {
                    terms: Terms::new(Language::German),
                    hits: vec![0; patterns],
                    keep_bodies: total <= KEEP_BODIES_UP_TO,
                },
                |scratch, item| {
                    if stop.load(Ordering::Relaxed) || cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    if sender.send(process(item, linker, scratch)).is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                },
            );
        });
        let mut written = Written {
            report: &mut report,
            problems: &mut problems,
            recent,
            unreadable: 0,
            fresh,
        };
        let result = write_all(
            conn,
            receiver,
            &entity_ids,
            &relinking,
            total,
            progress,
            &mut written,
        );
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        result.map(|()| written.unreadable)
    });
    let unreadable = written?;
    if bulk {
        conn.pragma_update(None, "cache_size", -8_000)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(SyncError::Cancelled);
    }

    report.removed += gone.len();
    let tx = conn.transaction()?;
    {
        let mut delete_text = tx.prepare("DELETE FROM text WHERE rowid = ?1")?;
        let mut delete_links = tx.prepare("DELETE FROM link WHERE article = ?1")?;
        let mut delete_file = tx.prepare("DELETE FROM file WHERE id = ?1")?;
        for id in &gone {
            delete_text.execute([id])?;
            delete_links.execute([id])?;
            delete_file.execute([id])?;
        }
    }
    if !changed_forms.is_empty() {
        write_forms(&tx, &forms)?;
        let slugs: HashSet<&str> = catalogue.entities().iter().map(|e| e.id.as_str()).collect();
        let mut old_entities: Vec<(i64, String)> = Vec::new();
        {
            let mut statement = tx.prepare("SELECT id, slug FROM entity")?;
            for row in statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
                old_entities.push(row?);
            }
        }
        for (id, slug) in old_entities {
            if !slugs.contains(slug.as_str()) {
                tx.execute("DELETE FROM link WHERE entity = ?1", [id])?;
                tx.execute("DELETE FROM entity WHERE id = ?1", [id])?;
            }
        }
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (name, value) VALUES ('directory', ?1)",
        [dir.display().to_string()],
    )?;
    tx.commit()?;
    report.articles =
        conn.query_row("SELECT COUNT(*) FROM file WHERE problem IS NULL", [], |r| {
            r.get::<_, i64>(0)
        })? as usize;
    // A file that could not be read is tried again next time, so this listing is not final.
    if unreadable == 0 {
        remember_fingerprint(conn, &print, report.articles)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok((report, problems))
}

/// A digest of everything a sync compares: each listed file's name, size and modification
/// time, in name order, and the catalogue's forms.
fn fingerprint(listed: &[ArticleFile], forms: &BTreeSet<(String, String)>) -> String {
    let mut digest = Xxh3::new();
    for file in listed {
        digest.update(file.name.as_bytes());
        digest.update(&[0]);
        digest.update(&file.size.to_le_bytes());
        digest.update(&file.mtime.to_le_bytes());
    }
    digest.update(b"\x01forms\x01");
    for (entity, form) in forms {
        digest.update(entity.as_bytes());
        digest.update(&[0]);
        digest.update(form.as_bytes());
        digest.update(&[0]);
    }
    format!("{:032x}", digest.digest128())
}

/// The number of loaded articles, when the last complete sync left `print` (nothing changed
/// since).
fn unchanged_since(conn: &Connection, print: &str) -> rusqlite::Result<Option<usize>> {
    let stored: Option<(String, String)> = conn
        .query_row(
            "SELECT p.value, a.value FROM meta p, meta a
             WHERE p.name = 'fingerprint' AND a.name = 'articles'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(stored
        .filter(|(p, _)| p == print)
        .and_then(|(_, articles)| articles.parse().ok()))
}

/// Keeps the fingerprint of a sync that left the index complete, with its article count.
fn remember_fingerprint(conn: &Connection, print: &str, articles: usize) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT OR REPLACE INTO meta (name, value) VALUES ('fingerprint', ?1)",
        [print],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO meta (name, value) VALUES ('articles', ?1)",
        [articles.to_string()],
    )?;
    tx.commit()
}

fn write_forms(conn: &Connection, forms: &BTreeSet<(String, String)>) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM form", [])?;
    let mut insert = conn.prepare("INSERT INTO form (entity, form) VALUES (?1, ?2)")?;
    for (entity, form) in forms {
        insert.execute([entity, form])?;
    }
    Ok(())
}

/// Why a sync failed.
#[derive(Debug)]
pub enum SyncError {
    /// The articles directory is missing or unreadable.
    Directory(Diagnostic),
    /// Stopped on request (`sync_until`); what was committed stays.
    Cancelled,
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        SyncError::Sqlite(e)
    }
}
