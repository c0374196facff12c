//! The in-memory store: a whole `Corpus` and the terms of every article, for the bundled
//! articles and for tests. It answers every question the SQLite index answers, with the same
//! ranking (FTS5's bm25 evaluated in Rust) and the same order of ties.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{ArticleRow, ArticleVisitor, CorpusStore, EntityCount, Hit, LinkedArticle, StoreError};
use crate::corpus::Corpus;
use crate::corpus::catalogue::Catalogue;
use crate::corpus::ids::{ArticleId, EntityId};
use crate::corpus::query::{Document, Query, bm25};
use crate::corpus::terms::{Language, Terms};
use crate::diag::Diagnostic;

/// A loaded corpus behind the store trait.
pub struct MemStore {
    corpus: Corpus,
    /// The terms of every article, made at the first full-text search.
    documents: OnceLock<Vec<Document>>,
}

impl MemStore {
    pub fn new(corpus: Corpus) -> MemStore {
        MemStore {
            corpus,
            documents: OnceLock::new(),
        }
    }

    fn documents(&self) -> &[Document] {
        self.documents.get_or_init(|| {
            let mut terms = Terms::new(Language::German);
            self.corpus
                .articles()
                .iter()
                .map(|a| Document::of(a, &mut terms))
                .collect()
        })
    }

    /// The corpus inside.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Gives the corpus back.
    pub fn into_corpus(self) -> Corpus {
        self.corpus
    }

    fn row_of(&self, index: usize) -> ArticleRow {
        let a = &self.corpus.articles()[index];
        ArticleRow {
            key: a.id.clone(),
            path: a.path.clone(),
            title: a.front.title.clone(),
            date: a.front.date.clone(),
            source: a.front.source.clone(),
            words: a.words,
        }
    }
}

impl CorpusStore for MemStore {
    fn catalogue(&self) -> &Catalogue {
        &self.corpus.catalogue
    }

    fn rows(&self) -> Result<Vec<ArticleRow>, StoreError> {
        Ok((0..self.corpus.articles().len())
            .map(|i| self.row_of(i))
            .collect())
    }

    fn row(&self, key: &str) -> Result<Option<ArticleRow>, StoreError> {
        Ok(self
            .corpus
            .article_id(key)
            .map(|id| self.row_of(id.index())))
    }

    fn article(&self, key: &str) -> Result<Option<LinkedArticle>, StoreError> {
        Ok(self.corpus.article_id(key).and_then(|id| {
            Some(LinkedArticle {
                article: self.corpus.article(id)?.clone(),
                mentions: self.corpus.links.in_article(id).to_vec(),
            })
        }))
    }

    fn entity_counts(&self) -> Result<Vec<EntityCount>, StoreError> {
        Ok(self
            .corpus
            .catalogue
            .iter()
            .map(|(e, _)| EntityCount {
                mentions: self.corpus.links.of_entity(e).len(),
                articles: self.corpus.links.articles_of(e).len(),
            })
            .collect())
    }

    fn articles_of(
        &self,
        entity: EntityId,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<(ArticleRow, usize)>, StoreError> {
        Ok(self
            .corpus
            .links
            .articles_of(entity)
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(a, n)| (self.row_of(a.index()), n))
            .collect())
    }

    fn search(
        &self,
        query: &Query,
        entities: &[Vec<EntityId>],
        limit: usize,
    ) -> Result<Vec<Hit>, StoreError> {
        let links = &self.corpus.links;
        let names = |a: ArticleId, set: &[EntityId]| {
            links.entities_in(a).iter().any(|(e, _)| set.contains(e))
        };
        let union: HashSet<EntityId> = entities.iter().flatten().copied().collect();
        let text_scores = if query.clauses.is_empty() {
            None
        } else {
            Some(bm25(query, self.documents()))
        };
        let mut ranked: Vec<(f64, usize)> = Vec::new();
        for (a, _) in self.corpus.iter_articles() {
            if !entities.iter().all(|set| names(a, set)) {
                continue;
            }
            let score = match &text_scores {
                Some(scores) => match scores[a.index()] {
                    Some(bm25) => -bm25,
                    None => continue,
                },
                None => links
                    .entities_in(a)
                    .iter()
                    .filter(|(e, _)| union.contains(e))
                    .map(|(_, n)| *n as f64)
                    .sum(),
            };
            ranked.push((score, a.index()));
        }
        ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        Ok(ranked
            .into_iter()
            .take(limit)
            .map(|(score, a)| Hit {
                row: self.row_of(a),
                score,
            })
            .collect())
    }

    fn skipped(&self) -> Result<Vec<Diagnostic>, StoreError> {
        Ok(self.corpus.skipped.clone())
    }

    fn each_article(&self, visit: &mut ArticleVisitor<'_>) -> Result<(), StoreError> {
        for article in self.corpus.articles() {
            if !visit(Ok(article))? {
                break;
            }
        }
        Ok(())
    }

    fn in_memory(&self) -> Option<&Corpus> {
        Some(&self.corpus)
    }
}
