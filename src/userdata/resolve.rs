//! Annotations seen against the loaded corpus: where each one is now (attached, moved,
//! orphaned), which entities its words name, and the filter shared by `dossier notes`,
//! `dossier export` and the reader's annotations view, so all three select alike.

use std::collections::HashMap;
use std::ops::Range;

use super::Annotation;
use super::anchor::{Status, locate};
use super::export::Citation;
use crate::corpus::Corpus;
use crate::corpus::article::{Article, Place, block_of_paragraph, paragraph_number};
use crate::corpus::fold::fold_str;
use crate::corpus::ids::{ArticleId, EntityId};
use crate::corpus::linker::Mention;
use crate::store::{CorpusStore, StoreError};

/// An annotation and where it is in the current text.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub annotation: Annotation,
    pub status: Status,
    /// The article, when it is still loaded.
    pub article: Option<ArticleId>,
    /// The 0-based block and byte range of the quote now; `None` when orphaned.
    pub place: Option<(usize, Range<usize>)>,
    /// Entities named within the quote, in order of first mention, without repeats.
    pub entities: Vec<EntityId>,
}

impl Resolved {
    /// The 1-based paragraph the quote is in now (where it was, when orphaned).
    pub fn paragraph(&self) -> usize {
        self.place
            .as_ref()
            .map_or(self.annotation.paragraph, |(b, _)| paragraph_number(*b))
    }
}

/// Finds every annotation in `corpus`; the order is kept.
pub fn resolve(corpus: &Corpus, annotations: Vec<Annotation>) -> Vec<Resolved> {
    annotations
        .into_iter()
        .map(|annotation| resolve_one(corpus, annotation))
        .collect()
}

fn resolve_one(corpus: &Corpus, annotation: Annotation) -> Resolved {
    let article = corpus.article_id(annotation.article.as_str());
    match article.and_then(|id| corpus.article(id).map(|a| (id, a))) {
        Some((id, found)) => resolve_in(annotation, id, found, corpus.links.in_article(id)),
        None => orphaned(annotation, article),
    }
}

/// An annotation whose article (known as `article`, if at all) is not loaded.
pub fn orphaned(annotation: Annotation, article: Option<ArticleId>) -> Resolved {
    Resolved {
        annotation,
        status: Status::Orphaned,
        article,
        place: None,
        entities: Vec::new(),
    }
}

/// Finds `annotation` in `found` (known as `id`), whose mentions are `mentions`.
pub fn resolve_in(
    annotation: Annotation,
    id: ArticleId,
    found: &Article,
    mentions: &[Mention],
) -> Resolved {
    let hint = block_of_paragraph(annotation.paragraph).unwrap_or(0);
    let location = locate(&found.blocks, hint, &annotation.selector);
    let mut entities = Vec::new();
    if let Some((block, range)) = &location.place {
        for mention in mentions.iter().filter(|m| m.place == Place::Block(*block)) {
            let overlaps = mention.range.start < range.end && range.start < mention.range.end;
            if overlaps && !entities.contains(&mention.entity) {
                entities.push(mention.entity);
            }
        }
    }
    Resolved {
        annotation,
        status: location.status,
        article: Some(id),
        place: location.place,
        entities,
    }
}

/// What a citation needs of an article the annotations name.
#[derive(Clone, Debug)]
struct CitedArticle {
    title: String,
    source: String,
    author: Option<String>,
    date: String,
    url: Option<String>,
}

/// The articles named by annotations resolved through a store, for their citations.
#[derive(Clone, Debug, Default)]
pub struct Cited {
    articles: HashMap<String, CitedArticle>,
}

impl Cited {
    /// The citation of a resolved annotation, when its article is loaded.
    pub fn citation(&self, r: &Resolved) -> Option<Citation<'_>> {
        r.article?;
        let a = self.articles.get(r.annotation.article.as_str())?;
        Some(Citation {
            title: &a.title,
            source: &a.source,
            author: a.author.as_deref(),
            date: &a.date,
            paragraph: r.paragraph(),
            url: a.url.as_deref().filter(|u| !u.trim().is_empty()),
        })
    }
}

/// Finds every annotation in the articles of `store`, reading each article named once and
/// keeping none of them: memory follows the annotations, not the corpus. The order is kept;
/// each `Resolved::article` is the article's place among those named, in article order
/// (date, then key), as `resolve` gives it among all articles.
pub fn resolve_in_store(
    store: &dyn CorpusStore,
    annotations: Vec<Annotation>,
) -> Result<(Vec<Resolved>, Cited), StoreError> {
    let mut by_article: HashMap<String, Vec<usize>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, a) in annotations.iter().enumerate() {
        let key = a.article.as_str();
        match by_article.get_mut(key) {
            Some(list) => list.push(i),
            None => {
                by_article.insert(key.to_string(), vec![i]);
                order.push(key.to_string());
            }
        }
    }
    let mut slots: Vec<Option<Annotation>> = annotations.into_iter().map(Some).collect();
    let mut resolved: Vec<Option<Resolved>> = (0..slots.len()).map(|_| None).collect();
    let mut cited = Cited::default();
    for key in &order {
        let linked = store.article(key)?;
        for &i in by_article.get(key).map_or(&[][..], Vec::as_slice) {
            let Some(annotation) = slots[i].take() else {
                continue;
            };
            resolved[i] = Some(match &linked {
                // The place among the named articles is set below.
                Some(l) => resolve_in(
                    annotation,
                    ArticleId::from_index(0),
                    &l.article,
                    &l.mentions,
                ),
                None => orphaned(annotation, None),
            });
        }
        if let Some(l) = linked {
            let front = l.article.front;
            cited.articles.insert(
                key.clone(),
                CitedArticle {
                    title: front.title,
                    source: front.source,
                    author: front.author,
                    date: front.date,
                    url: front.url,
                },
            );
        }
    }
    let mut loaded: Vec<(&str, &str)> = cited
        .articles
        .iter()
        .map(|(key, a)| (a.date.as_str(), key.as_str()))
        .collect();
    loaded.sort_unstable();
    let place: HashMap<&str, ArticleId> = loaded
        .iter()
        .enumerate()
        .map(|(i, (_, key))| (*key, ArticleId::from_index(i)))
        .collect();
    let resolved = resolved
        .into_iter()
        .flatten()
        .map(|mut r| {
            if r.article.is_some() {
                r.article = place.get(r.annotation.article.as_str()).copied();
            }
            r
        })
        .collect();
    Ok((resolved, cited))
}

/// Which annotations to show or export; every given part must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub tag: Option<String>,
    pub entity: Option<EntityId>,
    pub article: Option<ArticleId>,
    /// Folded (case and diacritics) substring of the quote or the note.
    pub text: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn matches(&self, r: &Resolved) -> bool {
        let tag = self
            .tag
            .as_ref()
            .is_none_or(|t| r.annotation.tags.iter().any(|x| x.eq_ignore_ascii_case(t)));
        let entity = self.entity.is_none_or(|e| r.entities.contains(&e));
        let article = self.article.is_none_or(|a| r.article == Some(a));
        let text = self.text.as_ref().is_none_or(|q| {
            let q = fold_str(q);
            fold_str(&r.annotation.selector.exact).contains(&q)
                || fold_str(&r.annotation.note).contains(&q)
        });
        tag && entity && article && text
    }
}
