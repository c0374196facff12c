//! The link index, built once at load: every mention, entity → mentions, article → entities.
//!
//! Mentions are stored in document order (article; title, lead, then body block; byte
//! offset), so an article's or a block's mentions are one contiguous run; a `MentionId` is (article, place in its run).
//! Entity and article views are precomputed. Every lookup is checked: an id from another
//! corpus gives nothing, never a panic.

use std::collections::HashMap;
use std::ops::Range;

use super::article::Place;
use super::ids::{ArticleId, EntityId, MentionId};
use super::linker::{Ambiguity, ArticleLinks, Mention};

/// All links of a corpus.
#[derive(Clone, Debug, Default)]
pub struct LinkIndex {
    mentions: Vec<Mention>,
    article_ranges: Vec<Range<usize>>,
    entity_mentions: Vec<Vec<MentionId>>,
    article_entities: Vec<Vec<(EntityId, usize)>>,
    pub ambiguities: Vec<Ambiguity>,
}

impl LinkIndex {
    /// Builds the index from each article's links (in article order) for `entity_count`
    /// entities.
    pub fn build(per_article: Vec<ArticleLinks>, entity_count: usize) -> LinkIndex {
        let total = per_article.iter().map(|l| l.mentions.len()).sum();
        let mut mentions = Vec::with_capacity(total);
        let mut article_ranges = Vec::with_capacity(per_article.len());
        let mut ambiguities = Vec::new();
        for links in per_article {
            let start = mentions.len();
            mentions.extend(links.mentions);
            article_ranges.push(start..mentions.len());
            ambiguities.extend(links.ambiguities);
        }
        let mut entity_mentions = vec![Vec::new(); entity_count];
        for (a, range) in article_ranges.iter().enumerate() {
            for (ordinal, m) in mentions[range.clone()].iter().enumerate() {
                for e in m.entities() {
                    if let Some(list) = entity_mentions.get_mut(e.index()) {
                        list.push(MentionId::new(ArticleId::from_index(a), ordinal));
                    }
                }
            }
        }
        let article_entities = article_ranges
            .iter()
            .map(|range| {
                let mut counts: HashMap<EntityId, usize> = HashMap::new();
                for m in &mentions[range.clone()] {
                    for e in m.entities() {
                        *counts.entry(e).or_default() += 1;
                    }
                }
                let mut counts: Vec<(EntityId, usize)> = counts.into_iter().collect();
                counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                counts
            })
            .collect();
        LinkIndex {
            mentions,
            article_ranges,
            entity_mentions,
            article_entities,
            ambiguities,
        }
    }

    pub fn all(&self) -> &[Mention] {
        &self.mentions
    }

    /// One mention; `None` for an id this index did not make.
    pub fn mention(&self, id: MentionId) -> Option<&Mention> {
        self.in_article(id.article).get(id.ordinal)
    }

    /// The mentions of one article, in document order.
    pub fn in_article(&self, article: ArticleId) -> &[Mention] {
        self.article_ranges
            .get(article.index())
            .map_or(&[], |r| &self.mentions[r.clone()])
    }

    /// The mentions of one article with their ids, in document order.
    pub fn in_article_with_ids(
        &self,
        article: ArticleId,
    ) -> impl DoubleEndedIterator<Item = (MentionId, &Mention)> + ExactSizeIterator + Clone {
        self.in_article(article)
            .iter()
            .enumerate()
            .map(move |(i, m)| (MentionId::new(article, i), m))
    }

    /// The mention after (or before) `id` in the same article, if there is one.
    pub fn step_in_article(&self, id: MentionId, forward: bool) -> Option<MentionId> {
        let ordinal = if forward {
            id.ordinal.checked_add(1)?
        } else {
            id.ordinal.checked_sub(1)?
        };
        let next = MentionId::new(id.article, ordinal);
        self.mention(next).is_some().then_some(next)
    }

    /// The mentions of one block, in order.
    pub fn in_block(&self, article: ArticleId, block: usize) -> &[Mention] {
        self.in_place(article, Place::Block(block))
    }

    /// The mentions at one place (title, lead or block) of an article, in order.
    pub fn in_place(&self, article: ArticleId, place: Place) -> &[Mention] {
        let all = self.in_article(article);
        let start = all.partition_point(|m| m.place < place);
        let end = all.partition_point(|m| m.place <= place);
        &all[start..end]
    }

    /// Every mention of an entity, in corpus order.
    pub fn of_entity(&self, entity: EntityId) -> &[MentionId] {
        self.entity_mentions
            .get(entity.index())
            .map_or(&[], Vec::as_slice)
    }

    /// The entities an article names, most named first, with their counts.
    pub fn entities_in(&self, article: ArticleId) -> &[(EntityId, usize)] {
        self.article_entities
            .get(article.index())
            .map_or(&[], Vec::as_slice)
    }

    /// How often an article names an entity.
    pub fn count_in(&self, article: ArticleId, entity: EntityId) -> usize {
        self.entities_in(article)
            .iter()
            .find(|(e, _)| *e == entity)
            .map_or(0, |(_, n)| *n)
    }

    /// The articles that mention an entity, in article order, with their counts.
    pub fn articles_of(&self, entity: EntityId) -> Vec<(ArticleId, usize)> {
        let mut out: Vec<(ArticleId, usize)> = Vec::new();
        for m in self
            .of_entity(entity)
            .iter()
            .filter_map(|&i| self.mention(i))
        {
            let a = m.article;
            match out.last_mut() {
                Some((last, n)) if *last == a => *n += 1,
                _ => out.push((a, 1)),
            }
        }
        out
    }

    /// Other articles ranked by how many entities they share with `article` (ties: article
    /// order), with the shared count.
    pub fn related(&self, article: ArticleId) -> Vec<(ArticleId, usize)> {
        let mut shared: HashMap<ArticleId, usize> = HashMap::new();
        for &(entity, _) in self.entities_in(article) {
            for (other, _) in self.articles_of(entity) {
                if other != article {
                    *shared.entry(other).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(ArticleId, usize)> = shared.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(i: usize) -> ArticleId {
        ArticleId::from_index(i)
    }

    fn e(i: usize) -> EntityId {
        EntityId::from_index(i)
    }

    fn m(article: usize, block: usize, start: usize, entity: usize) -> Mention {
        Mention::new(a(article), Place::Block(block), start..start + 3, e(entity))
    }

    fn index() -> LinkIndex {
        let a0 = ArticleLinks {
            mentions: vec![m(0, 0, 0, 0), m(0, 0, 10, 1), m(0, 2, 0, 0)],
            ambiguities: vec![],
        };
        let a1 = ArticleLinks {
            mentions: vec![m(1, 1, 5, 1), m(1, 1, 9, 2)],
            ambiguities: vec![],
        };
        let a2 = ArticleLinks {
            mentions: vec![m(2, 0, 0, 0)],
            ambiguities: vec![],
        };
        LinkIndex::build(vec![a0, a1, a2], 4)
    }

    #[test]
    fn article_and_block_slices() {
        let i = index();
        assert_eq!(i.in_article(a(0)).len(), 3);
        assert_eq!(i.in_block(a(0), 0).len(), 2);
        assert_eq!(i.in_block(a(0), 1).len(), 0);
        assert_eq!(i.in_block(a(1), 1).len(), 2);
        assert_eq!(i.in_article(a(9)).len(), 0);
        let ids: Vec<MentionId> = i.in_article_with_ids(a(1)).map(|(id, _)| id).collect();
        assert_eq!(ids, [MentionId::new(a(1), 0), MentionId::new(a(1), 1)]);
    }

    #[test]
    fn stepping_stays_inside_the_article() {
        let i = index();
        let id = |article, ordinal| MentionId::new(a(article), ordinal);
        assert_eq!(i.step_in_article(id(1, 0), true), Some(id(1, 1)));
        assert_eq!(i.step_in_article(id(1, 1), true), None, "article 1 has two");
        assert_eq!(i.step_in_article(id(1, 0), false), None);
        assert_eq!(i.step_in_article(id(0, 2), false), Some(id(0, 1)));
        assert_eq!(i.step_in_article(id(9, 0), true), None);
        assert!(i.mention(id(0, 99)).is_none());
        assert!(i.mention(id(99, 0)).is_none());
    }

    #[test]
    fn entity_to_mentions_and_articles() {
        let i = index();
        let ids: Vec<MentionId> = i.of_entity(e(0)).to_vec();
        let id = |article, ordinal| MentionId::new(a(article), ordinal);
        assert_eq!(ids, [id(0, 0), id(0, 2), id(2, 0)]);
        assert_eq!(i.articles_of(e(0)), vec![(a(0), 2), (a(2), 1)]);
        assert!(i.of_entity(e(3)).is_empty());
        assert!(i.of_entity(e(40)).is_empty());
    }

    #[test]
    fn article_entities_most_named_first() {
        let i = index();
        assert_eq!(i.entities_in(a(0)), &[(e(0), 2), (e(1), 1)]);
        assert_eq!(i.count_in(a(0), e(0)), 2);
        assert_eq!(i.count_in(a(2), e(1)), 0);
    }

    #[test]
    fn related_articles_rank_by_shared_entities() {
        let i = index();
        // Article 0 names entities 0 and 1: article 1 shares 1, article 2 shares 0.
        assert_eq!(i.related(a(0)), vec![(a(1), 1), (a(2), 1)]);
        assert_eq!(i.related(a(2)), vec![(a(0), 1)]);
    }
}
