//! The link index, built once at load: every mention, entity → mentions, article → entities.
//!
//! Mentions are stored in document order (article, block, byte offset), so an article's or a
//! block's mentions are one contiguous slice. Entity and article views are precomputed.

use std::collections::HashMap;
use std::ops::Range;

use super::linker::{Ambiguity, ArticleLinks, Mention};

/// All links of a corpus.
#[derive(Clone, Debug, Default)]
pub struct LinkIndex {
    mentions: Vec<Mention>,
    article_ranges: Vec<Range<usize>>,
    entity_mentions: Vec<Vec<usize>>,
    article_entities: Vec<Vec<(usize, usize)>>,
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
        for (i, m) in mentions.iter().enumerate() {
            if let Some(list) = entity_mentions.get_mut(m.entity) {
                list.push(i);
            }
        }
        let article_entities = article_ranges
            .iter()
            .map(|range| {
                let mut counts: HashMap<usize, usize> = HashMap::new();
                for m in &mentions[range.clone()] {
                    *counts.entry(m.entity).or_default() += 1;
                }
                let mut counts: Vec<(usize, usize)> = counts.into_iter().collect();
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

    pub fn mention(&self, index: usize) -> &Mention {
        &self.mentions[index]
    }

    /// The mentions of one article, in document order, and the index of the first one.
    pub fn in_article(&self, article: usize) -> &[Mention] {
        self.article_ranges
            .get(article)
            .map_or(&[], |r| &self.mentions[r.clone()])
    }

    /// The global index of an article's first mention (mention indices of the article are
    /// contiguous from there).
    pub fn article_offset(&self, article: usize) -> usize {
        self.article_ranges.get(article).map_or(0, |r| r.start)
    }

    /// The mentions of one block, in order.
    pub fn in_block(&self, article: usize, block: usize) -> &[Mention] {
        let all = self.in_article(article);
        let start = all.partition_point(|m| m.block < block);
        let end = all.partition_point(|m| m.block <= block);
        &all[start..end]
    }

    /// Global indices of every mention of an entity, in corpus order.
    pub fn of_entity(&self, entity: usize) -> &[usize] {
        self.entity_mentions.get(entity).map_or(&[], Vec::as_slice)
    }

    /// The entities an article names, most named first, with their counts.
    pub fn entities_in(&self, article: usize) -> &[(usize, usize)] {
        self.article_entities
            .get(article)
            .map_or(&[], Vec::as_slice)
    }

    /// How often an article names an entity.
    pub fn count_in(&self, article: usize, entity: usize) -> usize {
        self.entities_in(article)
            .iter()
            .find(|(e, _)| *e == entity)
            .map_or(0, |(_, n)| *n)
    }

    /// The articles that mention an entity, in article order, with their counts.
    pub fn articles_of(&self, entity: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for &i in self.of_entity(entity) {
            let a = self.mentions[i].article;
            match out.last_mut() {
                Some((last, n)) if *last == a => *n += 1,
                _ => out.push((a, 1)),
            }
        }
        out
    }

    /// Other articles ranked by how many entities they share with `article` (ties: article
    /// order), with the shared count.
    pub fn related(&self, article: usize) -> Vec<(usize, usize)> {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for &(entity, _) in self.entities_in(article) {
            for (other, _) in self.articles_of(entity) {
                if other != article {
                    *shared.entry(other).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, usize)> = shared.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(article: usize, block: usize, start: usize, entity: usize) -> Mention {
        Mention {
            article,
            block,
            range: start..start + 3,
            entity,
        }
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
        assert_eq!(i.in_article(0).len(), 3);
        assert_eq!(i.in_block(0, 0).len(), 2);
        assert_eq!(i.in_block(0, 1).len(), 0);
        assert_eq!(i.in_block(1, 1).len(), 2);
        assert_eq!(i.in_article(9).len(), 0);
        assert_eq!(i.article_offset(1), 3);
    }

    #[test]
    fn entity_to_mentions_and_articles() {
        let i = index();
        assert_eq!(i.of_entity(0), &[0, 2, 5]);
        assert_eq!(i.articles_of(0), vec![(0, 2), (2, 1)]);
        assert!(i.of_entity(3).is_empty());
    }

    #[test]
    fn article_entities_most_named_first() {
        let i = index();
        assert_eq!(i.entities_in(0), &[(0, 2), (1, 1)]);
        assert_eq!(i.count_in(0, 0), 2);
        assert_eq!(i.count_in(2, 1), 0);
    }

    #[test]
    fn related_articles_rank_by_shared_entities() {
        let i = index();
        // Article 0 names entities 0 and 1: article 1 shares 1, article 2 shares 0.
        assert_eq!(i.related(0), vec![(1, 1), (2, 1)]);
        assert_eq!(i.related(2), vec![(0, 1)]);
    }
}
