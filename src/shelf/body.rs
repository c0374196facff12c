//! One article as the reader holds it while it is on screen: its blocks, its mentions (its
//! title's, its lead's, then its body's, each naming the article by the shelf's id) and the
//! entities it names. `Bodies` keeps the last few read, most recent first, shared by `Arc`, so memory
//! follows what is looked at, not the size of the corpus.

use std::collections::VecDeque;
use std::ops::Deref;
use std::sync::Arc;

use crate::corpus::article::{Article, Block, Place};
use crate::corpus::ids::{ArticleId, EntityId, MentionId};
use crate::corpus::linker::Mention;

/// An article with its links.
#[derive(Debug)]
pub struct Body {
    /// Its id on the shelf (the article's own key is `article.id`).
    pub article_id: ArticleId,
    pub article: Article,
    /// Its mentions in document order (title, lead, body: `Place` order); `MentionId {
    /// article: id, ordinal }` is `mentions[ordinal]`.
    pub mentions: Vec<Mention>,
    /// The entities it names, most named first (ties: catalogue order), with counts.
    pub entities: Vec<(EntityId, usize)>,
}

impl Deref for Body {
    type Target = Article;
    fn deref(&self) -> &Article {
        &self.article
    }
}

impl Body {
    /// Counts the entities of `mentions` (all of the article's, as the store linked them; their
    /// `article` is set to `id` here).
    pub fn new(id: ArticleId, article: Article, mut mentions: Vec<Mention>) -> Body {
        for m in &mut mentions {
            m.article = id;
        }
        let mut entities: Vec<(EntityId, usize)> = Vec::new();
        let mut sorted: Vec<EntityId> = mentions.iter().flat_map(|m| m.entities()).collect();
        sorted.sort_unstable();
        for e in sorted {
            match entities.last_mut() {
                Some((last, n)) if *last == e => *n += 1,
                _ => entities.push((e, 1)),
            }
        }
        entities.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Body {
            article_id: id,
            article,
            mentions,
            entities,
        }
    }

    /// One of its mentions.
    pub fn mention(&self, id: MentionId) -> Option<&Mention> {
        (id.article == self.article_id)
            .then(|| self.mentions.get(id.ordinal))
            .flatten()
    }

    /// Its mentions with their ids, in document order.
    pub fn mentions_with_ids(
        &self,
    ) -> impl DoubleEndedIterator<Item = (MentionId, &Mention)> + ExactSizeIterator + Clone {
        let id = self.article_id;
        self.mentions
            .iter()
            .enumerate()
            .map(move |(i, m)| (MentionId::new(id, i), m))
    }

    /// The mentions of one block, in order.
    pub fn in_block(&self, block: usize) -> &[Mention] {
        self.in_place(Place::Block(block))
    }

    /// The mentions at one place (title, lead or block), in order.
    pub fn in_place(&self, place: Place) -> &[Mention] {
        let start = self.mentions.partition_point(|m| m.place < place);
        let end = self.mentions.partition_point(|m| m.place <= place);
        &self.mentions[start..end]
    }

    /// The mention after (or before) `id` in this article.
    pub fn step(&self, id: MentionId, forward: bool) -> Option<MentionId> {
        let ordinal = if forward {
            id.ordinal.checked_add(1)?
        } else {
            id.ordinal.checked_sub(1)?
        };
        let next = MentionId::new(id.article, ordinal);
        self.mention(next).is_some().then_some(next)
    }

    /// How often it names `entity`.
    pub fn count_of(&self, entity: EntityId) -> usize {
        self.entities
            .iter()
            .find(|(e, _)| *e == entity)
            .map_or(0, |(_, n)| *n)
    }

    /// The `k`-th mention naming `entity` in it.
    pub fn nth_of(&self, entity: EntityId, k: usize) -> Option<MentionId> {
        self.mentions_with_ids()
            .filter(|(_, m)| m.names(entity))
            .nth(k)
            .map(|(id, _)| id)
    }

    /// The block a mention is in (`None` in the title or lead).
    pub fn block_of(&self, mention: &Mention) -> Option<&Block> {
        self.article.blocks.get(mention.place.block()?)
    }

    /// The text a mention is in: its title, lead or block.
    pub fn text_of(&self, mention: &Mention) -> &str {
        self.article.text_at(mention.place).unwrap_or("")
    }
}

/// The bodies read last, most recent first, at most `capacity`.
#[derive(Debug)]
pub struct Bodies {
    capacity: usize,
    recent: VecDeque<Arc<Body>>,
}

impl Bodies {
    pub fn new(capacity: usize) -> Bodies {
        Bodies {
            capacity: capacity.max(1),
            recent: VecDeque::new(),
        }
    }

    /// The kept body of `id`, made the most recent.
    pub fn get(&mut self, id: ArticleId) -> Option<Arc<Body>> {
        let at = self.recent.iter().position(|b| b.article_id == id)?;
        let body = self.recent.remove(at)?;
        self.recent.push_front(body.clone());
        Some(body)
    }

    /// Keeps `body` as the most recent, dropping the least recent beyond the capacity.
    pub fn put(&mut self, body: Arc<Body>) {
        self.recent.retain(|b| b.article_id != body.article_id);
        self.recent.push_front(body);
        self.recent.truncate(self.capacity);
    }

    /// The ids kept, most recent first.
    pub fn kept(&self) -> Vec<ArticleId> {
        self.recent.iter().map(|b| b.article_id).collect()
    }
}
