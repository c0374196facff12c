//! The reader's one source of articles: list rows without bodies, an article's body when it is
//! opened (kept in a small LRU), mentions named by (article, ordinal), the articles naming an
//! entity, entity counts, related articles and the list filter. It asks a `Library` (the
//! SQLite index or the in-memory store); store errors never panic, they wait in `take_error`.
//!
//! The rows grow while the index is built in the background (`refresh`). An `ArticleId` is
//! given to a row when it first arrives and names that article for as long as the shelf
//! lives, so history, selections, the open article and annotations keep naming what they
//! named; new rows take the next ids. Article order (date, then key) is kept apart, in
//! `order` and each id's `rank`, since a new row may sort between rows already shown: compare
//! articles' order by `rank`, never by id. (When the rows are read at once, as for the
//! bundled articles or a warm index, the two agree.) An article whose file was removed keeps
//! its id, with no row: it is gone, and comes back under the same id if its file does.

pub mod body;
pub mod filter;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

pub use body::{Bodies, Body};

use crate::corpus::catalogue::{Catalogue, Entity};
use crate::corpus::ids::{ArticleId, ArticleKey, EntityId, MentionId};
use crate::corpus::linker::Mention;
use crate::corpus::search::{Hit, Matcher};
use crate::diag::Diagnostic;
use crate::library::Library;
use crate::store::{ArticleRow, EntityCount, StoreError};
use crate::userdata::Annotation;
use crate::userdata::resolve::{Resolved, orphaned, resolve_in};

/// How many article bodies are kept.
pub const KEPT_BODIES: usize = 32;

/// How many entities' article lists are kept, and how many entries they may hold together
/// (the most recent list is always kept): the list filter asks for the same few entities
/// keystroke after keystroke.
const KEPT_NAMING: usize = 64;
const KEPT_NAMING_ENTRIES: usize = 2_000_000;

/// On an index, entities named in more articles than this are left out of the ranking of
/// related articles: they relate almost everything, and reading their lists costs seconds.
const RELATING: usize = 2_000;

/// Articles naming an entity, in article order, with how often each does.
pub type Naming = Rc<[(ArticleId, usize)]>;

impl From<crate::corpus::Corpus> for Shelf {
    fn from(corpus: crate::corpus::Corpus) -> Shelf {
        Shelf::in_memory(corpus)
    }
}

/// Where `*` / `#` leads: mention `to`, the `position`-th (0-based) of `of` mentions of its
/// entity; `wrapped` when it went round the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityStep {
    pub to: MentionId,
    pub position: usize,
    pub of: usize,
    pub wrapped: bool,
}

/// What a refresh of the rows found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Rows that arrived (or came back).
    pub added: usize,
    /// Rows whose list fields changed.
    pub updated: Vec<ArticleId>,
    /// Articles whose rows are gone.
    pub removed: Vec<ArticleId>,
}

impl Refreshed {
    pub fn is_empty(&self) -> bool {
        self.added == 0 && self.updated.is_empty() && self.removed.is_empty()
    }
}

/// The rank of an article that is gone.
const GONE: u32 = u32::MAX;

/// The articles as the reader sees them.
pub struct Shelf {
    library: Library,
    /// Every row shown so far, by id: `ArticleId::from_index(i)` is `rows[i]`, in the order
    /// the rows arrived (see the module's comment).
    rows: Vec<ArticleRow>,
    /// The articles present, in article order (date, then key).
    order: Vec<ArticleId>,
    /// Each id's place in `order`; `GONE` when its file was removed.
    rank: Vec<u32>,
    by_key: HashMap<ArticleKey, ArticleId>,
    /// What the index's sync is doing, for the status bar ("building the index… 200 of 900").
    activity: Option<String>,
    skipped: Vec<Diagnostic>,
    /// Folded keys of the rows and entity names for the list filter, made at its first use.
    keys: OnceCell<filter::Keys>,
    matcher: Matcher,
    bodies: RefCell<Bodies>,
    counts: OnceCell<Vec<EntityCount>>,
    naming: RefCell<Vec<(EntityId, Naming)>>,
    error: RefCell<Option<String>>,
}

impl Shelf {
    /// The articles of `library`: their rows are read now, their bodies when asked for.
    pub fn new(library: Library) -> Result<Shelf, StoreError> {
        let store = library.store();
        let rows = store.rows()?;
        let skipped = store.skipped()?;
        Ok(Shelf::assemble(library, rows, skipped))
    }

    fn assemble(library: Library, rows: Vec<ArticleRow>, skipped: Vec<Diagnostic>) -> Shelf {
        let by_key = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key.clone(), ArticleId::from_index(i)))
            .collect();
        let order = (0..rows.len()).map(ArticleId::from_index).collect();
        let rank = (0..rows.len())
            .map(|i| u32::try_from(i).unwrap_or(GONE))
            .collect();
        Shelf {
            library,
            rows,
            order,
            rank,
            by_key,
            activity: None,
            skipped,
            keys: OnceCell::new(),
            matcher: Matcher::default(),
            bodies: RefCell::new(Bodies::new(KEPT_BODIES)),
            counts: OnceCell::new(),
            naming: RefCell::new(Vec::new()),
            error: RefCell::new(None),
        }
    }

    /// Opens the articles of `inputs` (a directory on disk through its index in `cache_dir`,
    /// brought up to date first, reporting `progress`) and reads their rows.
    pub fn open(
        inputs: &crate::paths::Inputs,
        cache_dir: Option<&std::path::Path>,
        progress: &(dyn Fn(crate::store::sqlite::Progress) + Sync),
    ) -> Result<Shelf, String> {
        let library = Library::open(inputs, cache_dir, progress).map_err(|d| d.to_string())?;
        Shelf::new(library).map_err(|e| e.to_string())
    }

    /// Opens the articles of `inputs` at once: a directory on disk shows what its index in
    /// `cache_dir` holds now (nothing yet, for a new index) and is brought up to date by
    /// `Library::background_sync`, whose commits `refresh` picks up.
    pub fn open_at_once(
        inputs: &crate::paths::Inputs,
        cache_dir: Option<&std::path::Path>,
    ) -> Result<Shelf, String> {
        let library = Library::open_at_once(inputs, cache_dir).map_err(|d| d.to_string())?;
        Shelf::new(library).map_err(|e| e.to_string())
    }

    /// Reads the rows again (after a sync committed some) and takes in what changed: new rows
    /// get new ids, changed rows keep theirs, removed ones are gone (see the module's comment).
    /// With `reopen` (a sync ended), the index is opened anew, so the entities and articles the
    /// sync changed are read as they are now. The caches that depend on the rows and the links
    /// (entity counts, articles naming an entity, kept bodies) start again.
    pub fn refresh(&mut self, reopen: bool) -> Result<Refreshed, StoreError> {
        if reopen {
            self.library.reopen()?;
        }
        let store = self.library.store();
        let fresh = store.rows()?;
        let skipped = store.skipped()?;
        let mut changes = Refreshed::default();
        let before = self.rows.len();
        let mut seen = vec![false; before];
        let mut order = Vec::with_capacity(fresh.len());
        let mut rekey = false;
        for row in fresh {
            let id = match self.by_key.get(&row.key) {
                Some(&id) => {
                    let i = id.index();
                    if self.rank.get(i) == Some(&GONE) {
                        changes.added += 1;
                        rekey = true;
                    } else if self.rows.get(i) != Some(&row) {
                        changes.updated.push(id);
                        rekey = true;
                    }
                    if let Some(slot) = self.rows.get_mut(i) {
                        *slot = row;
                    }
                    if let Some(seen) = seen.get_mut(i) {
                        *seen = true;
                    }
                    id
                }
                None => {
                    let id = ArticleId::from_index(self.rows.len());
                    self.by_key.insert(row.key.clone(), id);
                    self.rows.push(row);
                    changes.added += 1;
                    id
                }
            };
            order.push(id);
        }
        changes.removed = (0..before)
            .filter(|&i| !seen[i] && self.rank[i] != GONE)
            .map(ArticleId::from_index)
            .collect();
        let mut rank = vec![GONE; self.rows.len()];
        for (place, id) in order.iter().enumerate() {
            rank[id.index()] = u32::try_from(place).unwrap_or(GONE);
        }
        self.order = order;
        self.rank = rank;
        self.skipped = skipped;
        if rekey {
            self.keys = OnceCell::new();
        } else if let Some(keys) = self.keys.get_mut() {
            keys.extend(&self.rows[before..]);
        }
        if reopen || !changes.is_empty() {
            self.counts = OnceCell::new();
            self.naming.borrow_mut().clear();
        }
        if reopen || !changes.updated.is_empty() || !changes.removed.is_empty() {
            *self.bodies.borrow_mut() = Bodies::new(KEPT_BODIES);
        }
        Ok(changes)
    }

    /// What the index's sync is doing, as the status bar says it.
    pub fn activity(&self) -> Option<&str> {
        self.activity.as_deref()
    }

    pub fn set_activity(&mut self, activity: Option<String>) {
        self.activity = activity;
    }

    /// A shelf over an already loaded corpus (tests, the bundled articles).
    pub fn in_memory(corpus: crate::corpus::Corpus) -> Shelf {
        let inputs = crate::paths::Inputs {
            articles: crate::paths::Origin::Bundled,
            catalogue: crate::paths::Origin::Bundled,
            keys: None,
            config: None,
            follow_links: false,
        };
        let library = Library::in_memory(corpus, inputs);
        // The in-memory store answers without failing.
        let rows = library.store().rows().unwrap_or_default();
        let skipped = library.store().skipped().unwrap_or_default();
        Shelf::assemble(library, rows, skipped)
    }

    /// The whole corpus, when it is held in memory (the bundled articles, tests).
    pub fn in_memory_corpus(&self) -> Option<&crate::corpus::Corpus> {
        self.library.store().in_memory()
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn catalogue(&self) -> &Catalogue {
        self.library.store().catalogue()
    }

    /// One entity of the catalogue.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.catalogue().entity(id)
    }

    /// How many articles there are.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Every article, in article order.
    pub fn order(&self) -> &[ArticleId] {
        &self.order
    }

    /// An article's place in article order (`None` when it is gone).
    pub fn rank(&self, id: ArticleId) -> Option<usize> {
        let rank = *self.rank.get(id.index())?;
        (rank != GONE).then_some(rank as usize)
    }

    /// Whether ids are in article order (no row arrived after the first were read).
    fn ids_in_order(&self) -> bool {
        self.order.len() == self.rows.len()
            && self.order.iter().enumerate().all(|(i, a)| a.index() == i)
    }

    /// One article's row (`None` when it is gone).
    pub fn row(&self, id: ArticleId) -> Option<&ArticleRow> {
        self.rank(id)?;
        self.rows.get(id.index())
    }

    /// The article with this key (its file name without `.md`).
    pub fn article_id(&self, key: &str) -> Option<ArticleId> {
        self.by_key.get(key).copied()
    }

    /// An article's key.
    pub fn key(&self, id: ArticleId) -> Option<&ArticleKey> {
        self.row(id).map(|r| &r.key)
    }

    /// "source · date" (the title when there is no source), as lists and groups name it.
    pub fn label(&self, id: ArticleId) -> String {
        self.row(id).map_or_else(String::new, |r| {
            let name = if r.source.is_empty() {
                &r.title
            } else {
                &r.source
            };
            crate::corpus::article::joined(&[name, &r.date])
        })
    }

    /// Files that could not be loaded, one warning each.
    pub fn skipped(&self) -> &[Diagnostic] {
        &self.skipped
    }

    /// An error met while reading, once.
    pub fn take_error(&self) -> Option<String> {
        self.error.borrow_mut().take()
    }

    fn failed(&self, error: StoreError) {
        *self.error.borrow_mut() = Some(error.to_string());
    }

    /// One article's text and links, read when first asked for and kept while it is among the
    /// last `KEPT_BODIES` asked for.
    pub fn article(&self, id: ArticleId) -> Option<Arc<Body>> {
        if let Some(body) = self.bodies.borrow_mut().get(id) {
            return Some(body);
        }
        let key = self.key(id)?;
        let linked = match self.library.store().article(key.as_str()) {
            Ok(linked) => linked?,
            Err(error) => {
                self.failed(error);
                return None;
            }
        };
        let body = Arc::new(Body::new(id, linked.article, linked.mentions));
        self.bodies.borrow_mut().put(body.clone());
        Some(body)
    }

    /// The articles whose bodies are kept now, most recent first.
    pub fn kept_bodies(&self) -> Vec<ArticleId> {
        self.bodies.borrow().kept()
    }

    /// One mention.
    pub fn mention(&self, id: MentionId) -> Option<Mention> {
        self.article(id.article)?.mention(id).cloned()
    }

    /// How often an entity is named, and in how many articles.
    pub fn entity_count(&self, entity: EntityId) -> EntityCount {
        let counts = self.counts.get_or_init(|| {
            self.library.store().entity_counts().unwrap_or_else(|e| {
                self.failed(e);
                Vec::new()
            })
        });
        counts.get(entity.index()).copied().unwrap_or_default()
    }

    /// The articles naming `entity`, in article order, with how often each does.
    pub fn naming(&self, entity: EntityId) -> Naming {
        if let Some((_, found)) = self.naming.borrow().iter().find(|(e, _)| *e == entity) {
            return found.clone();
        }
        let found: Naming = match self.library.store().in_memory() {
            Some(corpus) => corpus.links.articles_of(entity).into(),
            None => self.naming_from_store(entity).into(),
        };
        let mut kept = self.naming.borrow_mut();
        kept.insert(0, (entity, found.clone()));
        let mut entries = 0;
        let keep = kept
            .iter()
            .take(KEPT_NAMING)
            .take_while(|(_, list)| {
                entries += list.len();
                entries <= KEPT_NAMING_ENTRIES
            })
            .count();
        kept.truncate(keep.max(1));
        found
    }

    fn naming_from_store(&self, entity: EntityId) -> Vec<(ArticleId, usize)> {
        let keys = match self.library.store().keys_of(entity) {
            Ok(keys) => keys,
            Err(error) => {
                self.failed(error);
                return Vec::new();
            }
        };
        // In article order: by rank, not by id (see the module's comment).
        let mut found: Vec<(usize, ArticleId, usize)> = keys
            .into_iter()
            .filter_map(|(key, count)| {
                let id = self.article_id(key.as_str())?;
                Some((self.rank(id)?, id, count))
            })
            .collect();
        found.sort_unstable();
        found
            .into_iter()
            .map(|(_, id, count)| (id, count))
            .collect()
    }

    /// The `k`-th mention of `entity` among all its mentions (in article order); `naming` is
    /// `self.naming(entity)`.
    fn nth_of_entity(
        &self,
        entity: EntityId,
        naming: &[(ArticleId, usize)],
        mut k: usize,
    ) -> Option<MentionId> {
        for &(article, count) in naming {
            if k < count {
                return self.article(article)?.nth_of(entity, k);
            }
            k -= count;
        }
        None
    }

    /// `*` / `#`: the next (or previous) mention of `entity` after mention `from`, through
    /// its article and on into the next article naming it, wrapping around.
    pub fn step_same_entity(
        &self,
        from: MentionId,
        entity: EntityId,
        forward: bool,
    ) -> Option<EntityStep> {
        let naming = self.naming(entity);
        let of: usize = naming.iter().map(|(_, n)| n).sum();
        let here = self.rank(from.article)?;
        let group = naming
            .binary_search_by(|(a, _)| self.rank(*a).unwrap_or(usize::MAX).cmp(&here))
            .ok()?;
        let body = self.article(from.article)?;
        let within = body
            .mentions_with_ids()
            .filter(|(id, m)| m.names(entity) && *id < from)
            .count();
        let at = naming[..group].iter().map(|(_, n)| n).sum::<usize>() + within;
        let (position, wrapped) = if forward {
            ((at + 1) % of, at + 1 == of)
        } else {
            ((at + of - 1) % of, at == 0)
        };
        let to = self.nth_of_entity(entity, &naming, position)?;
        Some(EntityStep {
            to,
            position,
            of,
            wrapped,
        })
    }

    /// Enter on a mention: the first mention of `entity` in the next article after `here`
    /// that names it (wrapping around); `None` when no other article does.
    pub fn next_article_naming(&self, entity: EntityId, here: ArticleId) -> Option<MentionId> {
        let naming = self.naming(entity);
        let at = self.rank(here);
        let next = naming
            .iter()
            .find(|(a, _)| self.rank(*a) > at)
            .or_else(|| naming.iter().find(|(a, _)| *a != here))?;
        self.article(next.0)?.nth_of(entity, 0)
    }

    /// Other articles ranked by how many entities they share with `article` (ties: article
    /// order), with the shared count.
    pub fn related(&self, article: ArticleId) -> Vec<(ArticleId, usize)> {
        if let Some(corpus) = self.library.store().in_memory() {
            return corpus.links.related(article);
        }
        let Some(body) = self.article(article) else {
            return Vec::new();
        };
        let mut shared: HashMap<ArticleId, usize> = HashMap::new();
        for &(entity, _) in &body.entities {
            if self.entity_count(entity).articles > RELATING {
                continue;
            }
            for (other, _) in self.naming_from_store(entity) {
                if other != article {
                    *shared.entry(other).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(ArticleId, usize)> = shared.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(self.rank(a.0).cmp(&self.rank(b.0))));
        ranked
    }

    /// The fuzzy matcher the list and the finder highlight with.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    fn keys(&self) -> &filter::Keys {
        self.keys
            .get_or_init(|| filter::Keys::new(&self.rows, self.catalogue()))
    }

    /// The list filter (see `filter`): the articles matching `query`, best first (ties in
    /// article order).
    pub fn filter(&self, query: &str) -> Vec<Hit> {
        if query.trim().is_empty() {
            return self
                .order
                .iter()
                .map(|&article| Hit {
                    article,
                    score: 0,
                    field: crate::corpus::search::Field::Title,
                })
                .collect();
        }
        let mut hits = self.filter_by_id(query);
        if !self.ids_in_order() {
            // The filter breaks ties by id; here ids are not in article order.
            hits.retain(|h| self.rank(h.article).is_some());
            let ranked = hits.iter().take_while(|h| h.score > 0).count();
            hits[..ranked].sort_by(|a, b| {
                b.score
                    .cmp(&a.score)
                    .then(self.rank(a.article).cmp(&self.rank(b.article)))
            });
        }
        hits
    }

    fn filter_by_id(&self, query: &str) -> Vec<Hit> {
        let id_of = |key: &str| self.article_id(key);
        let naming = |e: EntityId| self.naming(e).iter().map(|(a, _)| *a).collect();
        let sources = filter::Sources {
            store: self.library.store(),
            keys: self.keys(),
            matcher: &self.matcher,
            id_of: &id_of,
            naming: &naming,
        };
        filter::filter(&sources, query, self.rows.len()).unwrap_or_else(|error| {
            self.failed(error);
            Vec::new()
        })
    }

    /// Entities whose name or an alias matches, best first (ties: catalogue order).
    pub fn entities_matching(&self, query: &str) -> Vec<(EntityId, i64)> {
        self.keys().entities(&self.matcher, query)
    }

    /// The dated statements about `entity` (about everything when `None`), in time order, as
    /// `dossier timeline` lists them, with the url of each article they come from. Reads the
    /// articles naming the entity (every article for everything) one at a time, keeping none.
    pub fn timeline(
        &self,
        entity: Option<EntityId>,
    ) -> (
        Vec<crate::corpus::timeline::Entry>,
        HashMap<ArticleId, String>,
    ) {
        let mut builder = crate::corpus::timeline::TimelineBuilder::new(self.catalogue(), entity);
        let mut urls = HashMap::new();
        let articles: Vec<ArticleId> = match entity {
            Some(e) => self.naming(e).iter().map(|(a, _)| *a).collect(),
            None => self.order.clone(),
        };
        for id in articles {
            let Some(key) = self.key(id) else { continue };
            let linked = match self.library.store().article(key.as_str()) {
                Ok(Some(linked)) => linked,
                Ok(None) => continue,
                Err(error) => {
                    self.failed(error);
                    continue;
                }
            };
            let mut mentions = linked.mentions;
            for m in &mut mentions {
                m.article = id;
            }
            builder.article(id, &linked.article, &mentions);
            if let Some(url) = linked.article.front.url {
                urls.insert(id, url);
            }
        }
        (builder.finish(&|key| self.article_id(key)), urls)
    }

    /// Finds stored annotations in the articles: attached, moved or orphaned.
    pub fn resolve(&self, annotations: Vec<Annotation>) -> Vec<Resolved> {
        annotations
            .into_iter()
            .map(|annotation| {
                let id = self.article_id(annotation.article.as_str());
                match id.and_then(|id| self.article(id)) {
                    Some(b) => resolve_in(annotation, b.article_id, &b.article, &b.mentions),
                    None => orphaned(annotation, id),
                }
            })
            .collect()
    }
}
