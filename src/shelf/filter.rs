//! The list filter, one engine whichever store is underneath: typed words match titles,
//! sources and dates fuzzily (folded, highlighted), entity names fuzzily (every article naming a
//! matching entity), and the text through the store's full-text search (word forms, bm25, the
//! last word also as a prefix while it is typed). `@term` keeps articles naming a matching
//! entity; `@terms` with words (or several `@terms`) go to the full-text search whole.

use crate::corpus::catalogue::Catalogue;
use crate::corpus::fold::fold_str;
use crate::corpus::ids::{ArticleId, EntityId};
use crate::corpus::query::{Phrase, Query};
use crate::corpus::search::{Field, Hit, MATCHED_CHARS, Matcher};
use crate::corpus::terms;
use crate::store::{ArticleRow, CorpusStore, StoreError};

/// At most this many articles found only in the text are listed (best first).
pub const TEXT_HITS: usize = 10_000;

/// Entities whose names match are looked up, best first, up to this many, and only from
/// `ENTITY_CHARS` typed characters on: each brings every article naming it, and a letter or
/// two match half the catalogue (`@` asks for every match).
const MATCHED_ENTITIES: usize = 8;
const ENTITY_CHARS: usize = 3;

/// A prefix is looked for only from this many characters on (shorter ones match too much).
const PREFIX_CHARS: usize = 3;

/// Folded keys of the rows and the catalogue, made once.
pub struct Keys {
    /// Title, source and date of each article, folded.
    rows: Vec<[String; 3]>,
    /// Folded name and aliases of each entity.
    entities: Vec<Vec<String>>,
}

/// The first `MATCHED_CHARS` characters of `text`, folded.
fn folded(text: &str) -> String {
    let end = text
        .char_indices()
        .nth(MATCHED_CHARS)
        .map_or(text.len(), |(i, _)| i);
    fold_str(&text[..end])
}

impl Keys {
    pub fn new(rows: &[ArticleRow], catalogue: &Catalogue) -> Keys {
        Keys {
            rows: rows
                .iter()
                .map(|r| [folded(&r.title), folded(&r.source), folded(&r.date)])
                .collect(),
            entities: catalogue
                .entities()
                .iter()
                .map(|e| e.surface_forms().map(folded).collect())
                .collect(),
        }
    }

    /// Adds the keys of rows that arrived since.
    pub fn extend(&mut self, rows: &[ArticleRow]) {
        self.rows.extend(
            rows.iter()
                .map(|r| [folded(&r.title), folded(&r.source), folded(&r.date)]),
        );
    }

    /// Entities whose name or an alias matches, best first (ties: catalogue order); every
    /// entity, in order, for an empty query.
    pub fn entities(&self, matcher: &Matcher, query: &str) -> Vec<(EntityId, i64)> {
        let query = fold_str(query.trim());
        if query.is_empty() {
            return (0..self.entities.len())
                .map(|e| (EntityId::from_index(e), 0))
                .collect();
        }
        let mut found: Vec<(EntityId, i64)> = self
            .entities
            .iter()
            .enumerate()
            .filter_map(|(e, forms)| {
                let best = forms
                    .iter()
                    .filter_map(|f| matcher.score(f, &query))
                    .max()?;
                Some((EntityId::from_index(e), best))
            })
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }
}

/// What the filter needs from the shelf.
pub struct Sources<'a> {
    pub store: &'a dyn CorpusStore,
    pub keys: &'a Keys,
    pub matcher: &'a Matcher,
    /// The shelf id of an article key.
    pub id_of: &'a dyn Fn(&str) -> Option<ArticleId>,
    /// The articles naming an entity, in article order.
    pub naming: &'a dyn Fn(EntityId) -> Vec<ArticleId>,
}

/// The articles matching `query`, best first; an empty query lists every article. Every
/// keystroke looks at every article: a fuzzy match of a longer query need not be one of a
/// shorter (`brc` is scattered in "Bericht", `brcht` is not), nor is a word of the text found
/// by its first letters.
pub fn filter(sources: &Sources<'_>, query: &str, count: usize) -> Result<Vec<Hit>, StoreError> {
    let trimmed = query.trim();
    if trimmed.is_empty() {
        return Ok((0..count)
            .map(ArticleId::from_index)
            .map(|article| Hit {
                article,
                score: 0,
                field: Field::Title,
            })
            .collect());
    }
    let parsed = Query::parse(trimmed);
    let single_entity = parsed.clauses.is_empty() && parsed.entities.len() == 1;
    if single_entity || trimmed == "@" {
        let term = trimmed.trim_start_matches('@');
        return Ok(by_entity(sources, term, count));
    }
    if !parsed.entities.is_empty() {
        return text_hits(sources, typed(parsed, trimmed), Vec::new());
    }
    // Words: titles, sources and dates, entity names, then the text.
    let folded_query = fold_str(trimmed);
    // The best match of each article, by article index (`i64::MIN`: none): one slot per
    // article, so an entity named in most of them costs a pass, not a hash table.
    let mut best: Vec<(i64, Field)> = vec![(i64::MIN, Field::Title); count];
    let mut consider = |article: ArticleId, score: i64, field: Field| {
        if let Some(slot) = best.get_mut(article.index())
            && score > slot.0
        {
            *slot = (score.max(1), field);
        }
    };
    let fields = [Field::Title, Field::Source, Field::Date];
    let mut scan = |article: ArticleId| {
        if let Some(keys) = sources.keys.rows.get(article.index()) {
            for (key, field) in keys.iter().zip(fields) {
                if let Some(score) = sources.matcher.score(key, &folded_query) {
                    consider(article, score, field);
                }
            }
        }
    };
    (0..count).map(ArticleId::from_index).for_each(&mut scan);
    let matched = if folded_query.chars().count() >= ENTITY_CHARS {
        sources.keys.entities(sources.matcher, trimmed)
    } else {
        Vec::new()
    };
    for (entity, score) in matched.into_iter().take(MATCHED_ENTITIES) {
        for article in (sources.naming)(entity) {
            consider(article, score, Field::Entity(entity));
        }
    }
    text_hits(sources, typed(parsed, trimmed), best)
}

/// The query as typed so far: its last word also as a prefix (`wladi` finds Wladiwostok).
fn typed(mut query: Query, raw: &str) -> Query {
    let still_typing = raw.chars().last().is_some_and(|c| c.is_alphanumeric());
    if let Some(last) = query.clauses.last_mut()
        && still_typing
    {
        let word = terms::words(&last.text)
            .last()
            .map(|(_, w)| terms::folded(w))
            .unwrap_or_default();
        if word.chars().count() >= PREFIX_CHARS {
            let mut extra = Vec::new();
            for form in &last.forms {
                let mut terms = form.terms.clone();
                if let Some(end) = terms.last_mut() {
                    *end = word.clone();
                }
                let phrase = Phrase {
                    terms,
                    prefix: true,
                };
                if !last.forms.contains(&phrase) && !extra.contains(&phrase) {
                    extra.push(phrase);
                }
            }
            last.forms.extend(extra);
        }
    }
    query
}

/// Field and entity hits ranked (best first, ties in article order), then the articles found
/// only in the text, by relevance.
///
/// The text is searched over every article even when the query only grew: a word found in
/// the text need not be found by its first letters (`sa` is no word of "Sanktionen").
fn text_hits(
    sources: &Sources<'_>,
    query: Query,
    best: Vec<(i64, Field)>,
) -> Result<Vec<Hit>, StoreError> {
    let mut hits = ranked(best);
    let entities: Vec<Vec<EntityId>> = query
        .entities
        .iter()
        .map(|term| {
            sources
                .keys
                .entities(sources.matcher, term)
                .into_iter()
                .map(|(e, _)| e)
                .collect()
        })
        .collect();
    if query.is_empty() || entities.iter().any(Vec::is_empty) {
        return Ok(hits);
    }
    let mut listed: Vec<bool> = Vec::new();
    for hit in &hits {
        let at = hit.article.index();
        if listed.len() <= at {
            listed.resize(at + 1, false);
        }
        listed[at] = true;
    }
    for found in sources.store.search(&query, &entities, TEXT_HITS)? {
        let Some(article) = (sources.id_of)(found.row.key.as_str()) else {
            continue;
        };
        if listed.get(article.index()).copied().unwrap_or(false) {
            continue;
        }
        hits.push(Hit {
            article,
            score: 0,
            field: Field::Body,
        });
    }
    Ok(hits)
}

/// `@term`: the articles naming an entity that matches, by the best matching entity's score.
fn by_entity(sources: &Sources<'_>, term: &str, count: usize) -> Vec<Hit> {
    let mut best: Vec<(i64, Field)> = vec![(i64::MIN, Field::Title); count];
    let matched = if term.trim().is_empty() {
        sources.keys.entities(sources.matcher, "")
    } else {
        sources.keys.entities(sources.matcher, term)
    };
    for (entity, score) in matched {
        for article in (sources.naming)(entity) {
            if let Some(slot) = best.get_mut(article.index())
                && score > slot.0
            {
                *slot = (score, Field::Entity(entity));
            }
        }
    }
    for slot in &mut best {
        slot.0 = if slot.0 == i64::MIN {
            i64::MIN
        } else {
            slot.0.max(1)
        };
    }
    ranked(best)
}

/// The articles with a match (a score above `i64::MIN`), best first, ties in article order.
fn ranked(best: Vec<(i64, Field)>) -> Vec<Hit> {
    let mut hits: Vec<Hit> = best
        .into_iter()
        .enumerate()
        .filter(|(_, (score, _))| *score != i64::MIN)
        .map(|(i, (score, field))| Hit {
            article: ArticleId::from_index(i),
            score,
            field,
        })
        .collect();
    // Stable: ties stay in article order.
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits
}
