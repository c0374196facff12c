//! The corpus: articles, catalogue and links, loaded once; no terminal types here.
//!
//! `Corpus::build` parses every article it is given (a broken one is skipped with a warning
//! that names it, the others still load), links them all against the catalogue and builds the
//! link index. `problems` lists what `dossier check` reports.

pub mod article;
mod blocks;
pub mod catalogue;
pub mod catalogue_check;
pub mod catalogue_edit;
pub mod check;
pub mod dates;
pub mod files;
pub mod fold;
pub mod forms;
pub mod front;
pub mod ids;
pub mod index;
pub mod inline;
pub mod linker;
pub mod months;
pub mod overrides;
pub mod passages;
pub mod query;
pub mod quote;
pub mod resolve;
pub mod sanitize;
pub mod search;
pub mod sentence;
pub mod slug;
pub mod terms;
pub mod timeline;

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diag::Diagnostic;
use article::{Article, Block, parse_article};
use catalogue::{Catalogue, Entity};
use ids::{ArticleId, ArticleKey, EntityId};
use index::LinkIndex;
use linker::Linker;

pub use files::{Links, read_article_dir, read_article_dir_with};

/// The raw bytes of one input file, with its id (file stem) and the path shown in messages.
#[derive(Clone, Debug)]
pub struct RawFile {
    pub id: String,
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

/// Articles, catalogue and the links between them.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Loaded articles, ordered by date then id.
    articles: Vec<Article>,
    pub catalogue: Catalogue,
    /// Every article's mentions: its title's, its lead's, then its body's.
    pub links: LinkIndex,
    /// Articles that could not be loaded, one warning each.
    pub skipped: Vec<Diagnostic>,
    /// Problems in articles that still loaded (an unknown front matter field).
    pub warnings: Vec<Diagnostic>,
    /// How often each listed alias and each ignored form matched, for `check`.
    form_hits: check::FormHits,
    by_id: HashMap<ArticleKey, ArticleId>,
}

impl Corpus {
    /// Parses and links `files` against `catalogue`.
    pub fn build(
        files: Vec<RawFile>,
        catalogue: Catalogue,
        mut skipped: Vec<Diagnostic>,
    ) -> Corpus {
        let mut articles: Vec<Article> = Vec::with_capacity(files.len());
        let mut warnings = Vec::new();
        for file in &files {
            match parse_article(&file.id, &file.path, &file.bytes) {
                Ok(article) => {
                    warnings.extend(article.warnings.iter().cloned());
                    articles.push(article);
                }
                Err(problem) => skipped.push(Diagnostic {
                    message: format!("skipped: {}", problem.message),
                    ..problem
                }),
            }
        }
        articles.sort_by(|a, b| {
            a.front
                .date
                .cmp(&b.front.date)
                .then_with(|| a.id.cmp(&b.id))
        });
        let linker = Linker::new(&catalogue);
        let mut hits = vec![0usize; linker.pattern_count()];
        let per_article: Vec<linker::ArticleLinks> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| linker.link_article(ArticleId::from_index(i), a, &mut hits))
            .collect();
        let links = LinkIndex::build(per_article, catalogue.len());
        let form_hits = check::FormHits::of(&catalogue, &linker, &hits);
        let by_id = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), ArticleId::from_index(i)))
            .collect();
        Corpus {
            articles,
            catalogue,
            links,
            skipped,
            warnings,
            form_hits,
            by_id,
        }
    }

    /// The mentions in an article's title and lead (the first of its mentions).
    pub fn header_mentions(&self, article: ArticleId) -> &[linker::Mention] {
        let all = self.links.in_article(article);
        &all[..all.partition_point(|m| m.place.block().is_none())]
    }

    /// The article with this key (its file name without `.md`).
    pub fn article_id(&self, key: &str) -> Option<ArticleId> {
        self.by_id.get(key).copied()
    }

    /// One article; `None` for an id this corpus did not make.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id.index())
    }

    /// Every article, ordered by date then key (position `i` has `ArticleId::from_index(i)`).
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Every article with its id, in order.
    pub fn iter_articles(&self) -> impl ExactSizeIterator<Item = (ArticleId, &Article)> {
        self.articles
            .iter()
            .enumerate()
            .map(|(i, a)| (ArticleId::from_index(i), a))
    }

    /// One entity of the catalogue.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.catalogue.entity(id)
    }

    /// The block a mention is in (`None` in the title or lead).
    pub fn block_of(&self, mention: &linker::Mention) -> Option<&Block> {
        self.article(mention.article)?
            .blocks
            .get(mention.place.block()?)
    }

    /// The exact text of a mention.
    pub fn mention_text(&self, mention: &linker::Mention) -> &str {
        self.article(mention.article)
            .and_then(|a| a.text_at(mention.place))
            .and_then(|t| t.get(mention.range.clone()))
            .unwrap_or("")
    }

    /// Everything `check` reports: skipped articles, aliases that match nothing, ambiguous
    /// mentions, facts citing unknown articles, overrides that apply nowhere. Sorted by file
    /// and position.
    pub fn problems(&self) -> Vec<Diagnostic> {
        let named = |e: EntityId| !self.links.of_entity(e).is_empty();
        let is_loaded = |key: &str| self.article_id(key).is_some();
        let mut catalogue = check::catalogue_problems(
            &self.catalogue,
            &named,
            &self.form_hits,
            !self.articles.is_empty(),
            &is_loaded,
        );
        for o in &self.catalogue.overrides {
            let article = self.article_id(&o.article).and_then(|a| self.article(a));
            if let Some(why) = overrides::unapplied(article, o) {
                catalogue.push(Diagnostic::error(
                    self.catalogue.path.as_str(),
                    Some(o.position),
                    why,
                ));
            }
        }
        let mut ambiguities = Vec::new();
        for run in self
            .links
            .ambiguities
            .chunk_by(|a, b| a.article == b.article)
        {
            if let Some(article) = run.first().and_then(|a| self.article(a.article)) {
                ambiguities.extend(check::ambiguity_problems(article, run, &self.catalogue));
            }
        }
        check::ordered([
            self.skipped.clone(),
            self.warnings.clone(),
            catalogue,
            ambiguities,
        ])
    }
}

/// `400000` as `400,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
