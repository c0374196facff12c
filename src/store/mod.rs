//! Where linked articles are kept and asked for: the `CorpusStore` trait, with an in-memory
//! store (`mem`, for the bundled articles and tests) and an on-disk SQLite index (`sqlite`,
//! incremental, FTS5). Callers see list rows without bodies, one article's blocks and mentions
//! on demand, paged entity passages and ranked full-text hits; the search and the passages
//! built on top (`search`, `entity_passages`) are the same code whichever store is underneath.

pub mod mem;
pub mod sqlite;

use std::fmt;
use std::path::PathBuf;

use crate::corpus::Corpus;
use crate::corpus::article::Article;
use crate::corpus::catalogue::Catalogue;
use crate::corpus::ids::{ArticleKey, EntityId};
use crate::corpus::linker::Mention;
use crate::corpus::passages::{Passage, best_passages};
use crate::corpus::query::Query;
use crate::corpus::search::entities_matching;
use crate::diag::Diagnostic;

/// What a list shows of an article: no body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRow {
    /// The stable key: the file stem.
    pub key: ArticleKey,
    /// The file, as shown in messages.
    pub path: String,
    pub title: String,
    pub date: String,
    pub source: String,
    pub words: usize,
}

/// One article with its blocks and its mentions in document order.
#[derive(Clone, Debug)]
pub struct LinkedArticle {
    pub article: Article,
    pub mentions: Vec<Mention>,
}

/// One article found by a search; `score` is higher for better hits.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub row: ArticleRow,
    pub score: f64,
}

/// How often an entity is named, and in how many articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntityCount {
    pub mentions: usize,
    pub articles: usize,
}

/// Why a store could not answer.
#[derive(Debug)]
pub enum StoreError {
    /// The index database failed (its file named).
    Index {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// A file could not be read or created.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An article's file no longer parses as it did when indexed.
    Article(Diagnostic),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Index { path, source } => write!(
                f,
                "{}: index error: {source} (the index is a cache: deleting the file rebuilds it)",
                path.display()
            ),
            StoreError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            StoreError::Article(d) => write!(f, "{d}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// The articles of a corpus, their links and their text, however they are kept.
pub trait CorpusStore: Send {
    /// The catalogue the links were made with.
    fn catalogue(&self) -> &Catalogue;

    /// Every loaded article, oldest first (date, then key).
    fn rows(&self) -> Result<Vec<ArticleRow>, StoreError>;

    /// One article's row.
    fn row(&self, key: &str) -> Result<Option<ArticleRow>, StoreError>;

    /// One article with its blocks and mentions, read when asked for.
    fn article(&self, key: &str) -> Result<Option<LinkedArticle>, StoreError>;

    /// Several articles, as `article` reads each, in the order asked for; a store may read
    /// them in parallel.
    fn articles(&self, keys: &[&str]) -> Result<Vec<Option<LinkedArticle>>, StoreError> {
        keys.iter().map(|key| self.article(key)).collect()
    }

    /// For every entity of the catalogue (indexed by `EntityId`): mentions and articles.
    fn entity_counts(&self) -> Result<Vec<EntityCount>, StoreError>;

    /// A page of the articles that name `entity`, in article order, with how often each does.
    fn articles_of(
        &self,
        entity: EntityId,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<(ArticleRow, usize)>, StoreError>;

    /// Every article naming `entity` with how often it does, in no set order and keys only:
    /// for a caller that places the articles itself (the reader's shelf).
    fn keys_of(&self, entity: EntityId) -> Result<Vec<(ArticleKey, usize)>, StoreError> {
        Ok(self
            .articles_of(entity, 0, usize::MAX)?
            .into_iter()
            .map(|(row, n)| (row.key, n))
            .collect())
    }

    /// Up to `limit` articles holding every text clause of `query` and naming, for every set
    /// in `entities`, one of its entities. Text queries rank by bm25 (score = −bm25), entity
    /// only queries by the mentions of the wanted entities; ties in article order.
    fn search(
        &self,
        query: &Query,
        entities: &[Vec<EntityId>],
        limit: usize,
    ) -> Result<Vec<Hit>, StoreError>;

    /// How many articles `search` finds with no limit, counted without listing them.
    fn count(&self, query: &Query, entities: &[Vec<EntityId>]) -> Result<usize, StoreError> {
        Ok(self.search(query, entities, usize::MAX)?.len())
    }

    /// Files that could not be loaded, one warning each.
    fn skipped(&self) -> Result<Vec<Diagnostic>, StoreError>;

    /// Visits every loaded article in order (as `rows`), one at a time and unlinked, for
    /// what must see them all (`check`, the timeline): memory holds a few articles at once,
    /// never the corpus. An article that no longer parses (its file changed since it was
    /// indexed) is visited as the problem. `visit` returns `false` to stop.
    fn each_article(&self, visit: &mut ArticleVisitor<'_>) -> Result<(), StoreError> {
        for row in self.rows()? {
            let keep_going = match self.article(row.key.as_str()) {
                Ok(Some(linked)) => visit(Ok(&linked.article))?,
                Ok(None) => true,
                Err(StoreError::Article(problem)) => visit(Err(problem))?,
                Err(e) => return Err(e),
            };
            if !keep_going {
                break;
            }
        }
        Ok(())
    }

    /// The whole corpus, when the store keeps it in memory.
    fn in_memory(&self) -> Option<&Corpus> {
        None
    }

    /// A number that changes whenever another connection (a sync on another thread or in
    /// another process) commits to the store; `None` for a store nothing else writes to. A
    /// reader looks at it to pick up rows as they land.
    fn data_version(&self) -> Option<i64> {
        None
    }
}

/// Called with each article (or why it no longer loads) by `CorpusStore::each_article`;
/// `false` stops.
pub type ArticleVisitor<'a> =
    dyn FnMut(Result<&Article, Diagnostic>) -> Result<bool, StoreError> + 'a;

/// One search result: the article, its score and its best passages.
#[derive(Clone, Debug)]
pub struct Found {
    pub hit: Hit,
    pub passages: Vec<Passage>,
}

/// A query typed by the user, parsed, with the entities each `@term` stands for; `None`
/// when it can find nothing (only symbols, or an `@term` that names no entity).
fn parsed(store: &dyn CorpusStore, text: &str) -> Option<(Query, Vec<Vec<EntityId>>)> {
    let query = Query::parse(text);
    if query.is_empty() && !text.trim().is_empty() {
        // Only symbols: nothing that could be looked for.
        return None;
    }
    let entities: Vec<Vec<EntityId>> = query
        .entities
        .iter()
        .map(|term| entities_matching(store.catalogue(), term))
        .collect();
    if entities.iter().any(Vec::is_empty) {
        return None;
    }
    Some((query, entities))
}

/// Runs a query typed by the user against any store: parses it, resolves `@terms` to
/// entities, ranks, and cuts up to `passages` passages from each of the first `limit` hits.
/// An empty query lists every article in order; one of symbols only finds nothing.
pub fn search(
    store: &dyn CorpusStore,
    text: &str,
    limit: usize,
    passages: usize,
) -> Result<Vec<Found>, StoreError> {
    let Some((query, entities)) = parsed(store, text) else {
        return Ok(Vec::new());
    };
    if query.is_empty() {
        return Ok(store
            .rows()?
            .into_iter()
            .take(limit)
            .map(|row| Found {
                hit: Hit { row, score: 0.0 },
                passages: Vec::new(),
            })
            .collect());
    }
    let hits = store.search(&query, &entities, limit)?;
    let mut found = Vec::with_capacity(hits.len());
    // A few articles read at once (in parallel where the store can), never every hit.
    for chunk in hits.chunks(READ_AT_ONCE) {
        let bodies = if passages == 0 {
            Vec::new()
        } else {
            let keys: Vec<&str> = chunk.iter().map(|h| h.row.key.as_str()).collect();
            store.articles(&keys)?
        };
        let mut bodies = bodies.into_iter();
        for hit in chunk {
            let passages = match bodies.next().flatten() {
                Some(linked) if passages > 0 => best_passages(
                    &linked.article,
                    &linked.mentions,
                    &query,
                    &entities,
                    passages,
                ),
                _ => Vec::new(),
            };
            found.push(Found {
                hit: hit.clone(),
                passages,
            });
        }
    }
    Ok(found)
}

/// How many hits' articles `search` reads at once for their passages.
const READ_AT_ONCE: usize = 32;

/// How many articles `search` finds for `text` with no limit, counted by the store without
/// listing them (the first `limit` are what a view shows).
pub fn count(store: &dyn CorpusStore, text: &str) -> Result<usize, StoreError> {
    match parsed(store, text) {
        Some((query, entities)) => store.count(&query, &entities),
        None => Ok(0),
    }
}

/// Called with each article naming an entity and its mentions of it; `false` stops.
pub type PassageVisitor<'a> =
    dyn FnMut(&LinkedArticle, &[&Mention]) -> Result<bool, StoreError> + 'a;

/// Visits the mentions of `entity` article by article, in article order, reading one article
/// at a time (pages of `page` articles), so memory stays bounded whatever the corpus. `visit`
/// returns `false` to stop.
pub fn entity_passages(
    store: &dyn CorpusStore,
    entity: EntityId,
    page: usize,
    visit: &mut PassageVisitor<'_>,
) -> Result<(), StoreError> {
    let page = page.max(1);
    let mut offset = 0;
    loop {
        let rows = store.articles_of(entity, offset, page)?;
        for (row, _) in &rows {
            let Some(linked) = store.article(row.key.as_str())? else {
                continue;
            };
            let wanted: Vec<&Mention> =
                linked.mentions.iter().filter(|m| m.names(entity)).collect();
            if !visit(&linked, &wanted)? {
                return Ok(());
            }
        }
        if rows.len() < page {
            return Ok(());
        }
        offset += rows.len();
    }
}
