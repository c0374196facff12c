//! The corpus: articles, catalogue and links, loaded once; no terminal types here.
//!
//! `Corpus::build` parses every article it is given (a broken one is skipped with a warning
//! that names it, the others still load), links them all against the catalogue and builds the
//! link index. `problems` lists what `dossier check` reports.

pub mod article;
mod blocks;
pub mod catalogue;
pub mod catalogue_edit;
pub mod dates;
pub mod files;
pub mod fold;
pub mod front;
pub mod ids;
pub mod index;
pub mod inline;
pub mod linker;
pub mod passages;
pub mod query;
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
    pub links: LinkIndex,
    /// For each article, the mentions in its title (`block` 0) and lead (`block` 1), found
    /// by the same linker as the body's; shown like them, counted apart from them.
    header_links: Vec<Vec<linker::Mention>>,
    /// Articles that could not be loaded, one warning each.
    pub skipped: Vec<Diagnostic>,
    /// Problems in articles that still loaded (an unknown front matter field).
    pub warnings: Vec<Diagnostic>,
    /// For each entity, for each alias: how often it matched.
    alias_hits: Vec<Vec<usize>>,
    /// For each ignored form: how often it matched.
    ignore_hits: Vec<usize>,
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
        let per_article = articles
            .iter()
            .enumerate()
            .map(|(i, a)| linker.link(ArticleId::from_index(i), &a.blocks, &mut hits))
            .collect();
        let links = LinkIndex::build(per_article, catalogue.len());
        let mut header_hits = vec![0usize; linker.pattern_count()];
        let header_links = articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let header = a.header_blocks();
                linker
                    .link(ArticleId::from_index(i), &header, &mut header_hits)
                    .mentions
            })
            .collect();
        let alias_hits = catalogue
            .entities()
            .iter()
            .map(|e| {
                e.aliases
                    .iter()
                    .map(|alias| linker.pattern_of(alias).map_or(0, |p| hits[p]))
                    .collect()
            })
            .collect();
        let ignore_hits = catalogue
            .ignore
            .iter()
            .map(|(form, _)| linker.pattern_of(form).map_or(0, |p| hits[p]))
            .collect();
        let by_id = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), ArticleId::from_index(i)))
            .collect();
        Corpus {
            articles,
            catalogue,
            links,
            header_links,
            skipped,
            warnings,
            alias_hits,
            ignore_hits,
            by_id,
        }
    }

    /// The mentions in an article's title (`block` 0) and lead (`block` 1).
    pub fn header_mentions(&self, article: ArticleId) -> &[linker::Mention] {
        self.header_links
            .get(article.index())
            .map_or(&[], Vec::as_slice)
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

    /// The block a mention is in.
    pub fn block_of(&self, mention: &linker::Mention) -> Option<&Block> {
        self.article(mention.article)?.blocks.get(mention.block)
    }

    /// The exact text of a mention.
    pub fn mention_text(&self, mention: &linker::Mention) -> &str {
        self.block_of(mention)
            .and_then(|b| b.text.get(mention.range.clone()))
            .unwrap_or("")
    }

    /// Everything `check` reports: skipped articles, aliases that match nothing, ambiguous
    /// mentions, facts citing unknown articles. Sorted by file and position.
    pub fn problems(&self) -> Vec<Diagnostic> {
        let mut problems = self.skipped.clone();
        problems.extend(self.warnings.iter().cloned());
        let path = &self.catalogue.path;
        for (e, entity) in self.catalogue.iter() {
            if self.links.of_entity(e).is_empty() && !self.articles.is_empty() {
                problems.push(Diagnostic::error(
                    path.as_str(),
                    Some(entity.position),
                    format!(
                        "entity `{}` ({}) is named nowhere in the articles",
                        entity.id, entity.name
                    ),
                ));
            }
            for (a, alias) in entity.aliases.iter().enumerate() {
                if self.alias_hits.get(e.index()).and_then(|h| h.get(a)) == Some(&0) {
                    problems.push(Diagnostic::error(
                        path.as_str(),
                        entity.alias_positions.get(a).copied(),
                        format!(
                            "alias `{alias}` of `{}` matches nothing in the articles",
                            entity.id
                        ),
                    ));
                }
            }
            for (f, fact) in entity.facts.iter().enumerate() {
                if let Some(source) = &fact.source
                    && self.article_id(source).is_none()
                {
                    problems.push(Diagnostic::error(
                        path.as_str(),
                        entity.fact_positions.get(f).copied(),
                        format!(
                            "fact `{}` of `{}` cites `{source}`, which is not a loaded article",
                            fact.label, entity.id
                        ),
                    ));
                }
            }
        }
        for ((form, position), hits) in self.catalogue.ignore.iter().zip(&self.ignore_hits) {
            if *hits == 0 {
                problems.push(Diagnostic::error(
                    path.as_str(),
                    Some(*position),
                    format!("ignored form `{form}` matches nothing in the articles"),
                ));
            }
        }
        problems.extend(self.ambiguity_problems());
        problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.position.cmp(&b.position)));
        problems
    }
}

impl Corpus {
    /// One problem per ambiguous form per article, at its first occurrence and with the number
    /// of times it recurs: a form repeated 400,000 times is one line, and each line's
    /// position and candidate list are worked out once.
    fn ambiguity_problems(&self) -> Vec<Diagnostic> {
        // (article, surface, candidates) -> (first ambiguity, count), in order of appearance.
        let mut groups: HashMap<(ArticleId, &str, *const EntityId), usize> = HashMap::new();
        let mut firsts: Vec<(&linker::Ambiguity, &str, usize)> = Vec::new();
        for ambiguity in &self.links.ambiguities {
            let Some(block) = self
                .article(ambiguity.article)
                .and_then(|a| a.blocks.get(ambiguity.block))
            else {
                continue;
            };
            let surface = block.text.get(ambiguity.range.clone()).unwrap_or("");
            let key = (ambiguity.article, surface, ambiguity.candidates.as_ptr());
            match groups.get(&key) {
                Some(&g) => firsts[g].2 += 1,
                None => {
                    groups.insert(key, firsts.len());
                    firsts.push((ambiguity, surface, 1));
                }
            }
        }
        firsts
            .into_iter()
            .filter_map(|(ambiguity, surface, count)| {
                let article = self.article(ambiguity.article)?;
                let block = article.blocks.get(ambiguity.block)?;
                const SHOWN: usize = 8;
                let mut names: Vec<String> = ambiguity
                    .candidates
                    .iter()
                    .take(SHOWN)
                    .filter_map(|&c| self.catalogue.entity(c))
                    .map(|e| format!("{} ({})", e.name, e.id))
                    .collect();
                if ambiguity.candidates.len() > SHOWN {
                    let more = ambiguity.candidates.len() - SHOWN;
                    names.push(format!("{} more", thousands(more)));
                }
                let times = match count {
                    1 => String::new(),
                    n => format!(" ×{} (the first here)", thousands(n)),
                };
                Some(Diagnostic::error(
                    article.path.as_str(),
                    Some(block.position_of(ambiguity.range.start)),
                    format!(
                        "ambiguous mention `{surface}`{times}: could be {}; name one of them in full earlier in the article",
                        names.join(", ")
                    ),
                ))
            })
            .collect()
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
