//! The timeline: dated statements in time order. Facts of the catalogue whose value states
//! a date, and sentences of the articles that state one (for an entity: the sentences that
//! name it). Footnote references are left out: their dates are when a page was read.
//!
//! Shared by `dossier timeline` and the reader's timeline view; linear in the text read.

use std::collections::HashSet;
use std::ops::Range;

use super::Corpus;
use super::article::BlockKind;
use super::dates::{PartialDate, dates_in};
use super::ids::{ArticleId, EntityId};
use super::sentence::sentence_around;

/// Where a timeline entry comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A fact of the catalogue; `source` is the article the fact cites, when it is loaded.
    Fact { source: Option<ArticleId> },
    /// A sentence: its article, 0-based block and byte range in the block.
    Passage {
        article: ArticleId,
        block: usize,
        range: Range<usize>,
    },
}

/// One dated statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub date: PartialDate,
    /// The sentence, or the fact as "label: value".
    pub text: String,
    pub origin: Origin,
    /// The entity the statement is about: the fact's entity, or the one asked for.
    pub entity: Option<EntityId>,
}

impl Entry {
    /// The article the statement comes from (a fact: the article it cites).
    pub fn article(&self) -> Option<ArticleId> {
        match self.origin {
            Origin::Fact { source } => source,
            Origin::Passage { article, .. } => Some(article),
        }
    }
}

/// The timeline of `entity`, or of the whole corpus when `None`, in time order (then facts
/// first, then by article and place).
pub fn timeline(corpus: &Corpus, entity: Option<EntityId>) -> Vec<Entry> {
    let mut entries = facts(corpus, entity);
    entries.extend(passages(corpus, entity));
    entries.sort_by_key(|e| {
        let place = match &e.origin {
            Origin::Fact { .. } => (0, 0, 0, 0),
            Origin::Passage {
                article,
                block,
                range,
            } => (1, article.index(), *block, range.start),
        };
        (e.date, place)
    });
    entries
}

fn facts(corpus: &Corpus, only: Option<EntityId>) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (id, entity) in corpus.catalogue.iter() {
        if only.is_some_and(|o| o != id) {
            continue;
        }
        for fact in &entity.facts {
            let source = fact.source.as_deref().and_then(|s| corpus.article_id(s));
            // "April 2019 Wladiwostok, September 2023 Kosmodrom": one entry per part.
            for part in fact.value.split(", ") {
                for found in dates_in(part) {
                    entries.push(Entry {
                        date: found.date,
                        text: format!("{}: {}", fact.label, part.trim()),
                        origin: Origin::Fact { source },
                        entity: Some(id),
                    });
                }
            }
        }
    }
    entries
}

fn passages(corpus: &Corpus, only: Option<EntityId>) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut seen: HashSet<(ArticleId, usize, usize, PartialDate)> = HashSet::new();
    let mut add = |article: ArticleId, block: usize, text: &str, sentence: Range<usize>| {
        let found = dates_in(&text[sentence.clone()]);
        // "Im April 2019 … beim Gipfel 2019": the year adds nothing to the month.
        let refined = |d: &PartialDate| {
            found.iter().any(|o| {
                o.date != *d
                    && o.date.year == d.year
                    && o.date.precision() > d.precision()
                    && d.month.is_none_or(|m| o.date.month == Some(m))
            })
        };
        for found in found.iter().filter(|f| !refined(&f.date)) {
            if seen.insert((article, block, sentence.start, found.date)) {
                entries.push(Entry {
                    date: found.date,
                    text: text[sentence.clone()].to_string(),
                    origin: Origin::Passage {
                        article,
                        block,
                        range: sentence.clone(),
                    },
                    entity: only,
                });
            }
        }
    };
    match only {
        Some(entity) => {
            for mention in corpus
                .links
                .of_entity(entity)
                .iter()
                .filter_map(|&m| corpus.links.mention(m))
            {
                let Some(block) = corpus.block_of(mention) else {
                    continue;
                };
                if block.kind == BlockKind::Reference {
                    continue;
                }
                let sentence = sentence_around(&block.text, mention.range.start);
                add(mention.article, mention.block, &block.text, sentence);
            }
        }
        None => {
            for (id, article) in corpus.iter_articles() {
                for (b, block) in article.blocks.iter().enumerate() {
                    if block.kind == BlockKind::Reference {
                        continue;
                    }
                    let mut last_end = 0;
                    for found in dates_in(&block.text) {
                        if found.range.start < last_end {
                            continue;
                        }
                        let sentence = sentence_around(&block.text, found.range.start);
                        last_end = sentence.end;
                        add(id, b, &block.text, sentence);
                    }
                }
            }
        }
    }
    entries
}
