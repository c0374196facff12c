//! The timeline: dated statements in time order. Facts of the catalogue whose value states
//! a date, and sentences of the articles that state one (for an entity: the sentences that
//! name it). Footnote references are left out: their dates are when a page was read.
//!
//! Shared by `dossier timeline` and the reader's timeline view; linear in the text read.

use std::collections::HashSet;
use std::ops::Range;

use super::Corpus;
use super::article::{Article, BlockKind};
use super::catalogue::Catalogue;
use super::dates::{PartialDate, dates_in};
use super::ids::{ArticleId, EntityId};
use super::linker::Mention;
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
    let mut builder = TimelineBuilder::new(&corpus.catalogue, entity);
    match entity {
        // Only the articles that name it.
        Some(e) => {
            for (article, _) in corpus.links.articles_of(e) {
                if let Some(a) = corpus.article(article) {
                    builder.article(article, a, corpus.links.in_article(article));
                }
            }
        }
        None => {
            for (id, a) in corpus.iter_articles() {
                builder.article(id, a, &[]);
            }
        }
    }
    builder.finish(&|key| corpus.article_id(key))
}

/// A timeline made from articles given one at a time: it keeps the dated statements, never
/// the articles, so any number of articles can pass through it.
pub struct TimelineBuilder<'c> {
    catalogue: &'c Catalogue,
    only: Option<EntityId>,
    entries: Vec<Entry>,
}

impl<'c> TimelineBuilder<'c> {
    /// A timeline of `only`, or of everything when `None`.
    pub fn new(catalogue: &'c Catalogue, only: Option<EntityId>) -> TimelineBuilder<'c> {
        TimelineBuilder {
            catalogue,
            only,
            entries: Vec::new(),
        }
    }

    /// The dated sentences of one article; `id` orders articles (give them in order), and
    /// `mentions` are the article's, needed only for the timeline of an entity.
    pub fn article(&mut self, id: ArticleId, article: &Article, mentions: &[Mention]) {
        passages(id, article, mentions, self.only, &mut self.entries);
    }

    /// The facts of the catalogue added and everything in time order (then facts first, then
    /// by article and place); `article_id` finds the article a fact cites.
    pub fn finish(self, article_id: &dyn Fn(&str) -> Option<ArticleId>) -> Vec<Entry> {
        let mut entries = facts(self.catalogue, self.only, article_id);
        entries.extend(self.entries);
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
}

fn facts(
    catalogue: &Catalogue,
    only: Option<EntityId>,
    article_id: &dyn Fn(&str) -> Option<ArticleId>,
) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (id, entity) in catalogue.iter() {
        if only.is_some_and(|o| o != id) {
            continue;
        }
        for fact in &entity.facts {
            let source = fact.source.as_deref().and_then(article_id);
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

/// The dated sentences of one article (for an entity: those that name it) added to `entries`.
fn passages(
    article: ArticleId,
    found_in: &Article,
    mentions: &[Mention],
    only: Option<EntityId>,
    entries: &mut Vec<Entry>,
) {
    let mut seen: HashSet<(usize, usize, PartialDate)> = HashSet::new();
    let mut add = |block: usize, text: &str, sentence: Range<usize>| {
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
            if seen.insert((block, sentence.start, found.date)) {
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
            for mention in mentions.iter().filter(|m| m.names(entity)) {
                // Statements come from the body: a title or lead states no sentence.
                let Some((b, block)) = mention
                    .place
                    .block()
                    .and_then(|b| Some((b, found_in.blocks.get(b)?)))
                else {
                    continue;
                };
                if block.kind == BlockKind::Reference {
                    continue;
                }
                let sentence = sentence_around(&block.text, mention.range.start);
                add(b, &block.text, sentence);
            }
        }
        None => {
            for (b, block) in found_in.blocks.iter().enumerate() {
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
                    add(b, &block.text, sentence);
                }
            }
        }
    }
}
