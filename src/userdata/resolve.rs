//! Annotations seen against the loaded corpus: where each one is now (attached, moved,
//! orphaned), which entities its words name, and the filter shared by `dossier notes`,
//! `dossier export` and the reader's annotations view, so all three select alike.

use std::ops::Range;

use super::Annotation;
use super::anchor::{Status, locate};
use crate::corpus::Corpus;
use crate::corpus::article::{block_of_paragraph, paragraph_number};
use crate::corpus::fold::fold_str;
use crate::corpus::ids::{ArticleId, EntityId};

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
    let Some((id, found)) = article.and_then(|id| corpus.article(id).map(|a| (id, a))) else {
        return Resolved {
            annotation,
            status: Status::Orphaned,
            article,
            place: None,
            entities: Vec::new(),
        };
    };
    let hint = block_of_paragraph(annotation.paragraph).unwrap_or(0);
    let location = locate(&found.blocks, hint, &annotation.selector);
    let mut entities = Vec::new();
    if let Some((block, range)) = &location.place {
        for mention in corpus.links.in_block(id, *block) {
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
