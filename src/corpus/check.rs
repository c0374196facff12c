//! What `dossier check` finds in the articles and the catalogue. `Checker` takes the articles
//! one at a time and keeps counts, never articles, so it checks any number of them in bounded
//! memory; `Corpus::problems` reports the same problems from a corpus already in memory, both
//! through the functions here, so the messages are one.

use std::collections::HashMap;

use super::article::Article;
use super::catalogue::Catalogue;
use super::ids::{ArticleId, EntityId};
use super::linker::{Ambiguity, Linker};
use super::overrides::unapplied;
use super::thousands;
use crate::diag::Diagnostic;

/// How often each alias of each entity (by entity, then alias), each ignored form and each
/// form an entity ignores for itself (by entity, then form) matched.
#[derive(Clone, Debug, Default)]
pub(super) struct FormHits {
    pub(super) aliases: Vec<Vec<usize>>,
    pub(super) ignored: Vec<usize>,
    pub(super) ignored_by: Vec<Vec<usize>>,
}

impl FormHits {
    /// The per-form counts out of the linker's per-pattern `hits`.
    pub(super) fn of(catalogue: &Catalogue, linker: &Linker, hits: &[usize]) -> FormHits {
        let count = |form: &str| linker.pattern_of(form).map_or(0, |p| hits[p]);
        FormHits {
            aliases: catalogue
                .entities()
                .iter()
                .map(|e| e.aliases.iter().map(|alias| count(alias)).collect())
                .collect(),
            ignored: catalogue
                .ignore
                .iter()
                .map(|(form, _)| count(form))
                .collect(),
            ignored_by: catalogue
                .entities()
                .iter()
                .map(|e| e.ignore.iter().map(|form| count(form)).collect())
                .collect(),
        }
    }
}

/// What the catalogue claims that the articles do not bear out: entities named nowhere (when
/// there are articles), aliases and ignored forms that match nothing, facts citing an article
/// that is not loaded.
pub(super) fn catalogue_problems(
    catalogue: &Catalogue,
    named: &dyn Fn(EntityId) -> bool,
    hits: &FormHits,
    any_articles: bool,
    is_loaded: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let path = &catalogue.path;
    for (e, entity) in catalogue.iter() {
        if !named(e) && any_articles {
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
            if hits.aliases.get(e.index()).and_then(|h| h.get(a)) == Some(&0) {
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
        for (i, form) in entity.ignore.iter().enumerate() {
            if hits.ignored_by.get(e.index()).and_then(|h| h.get(i)) == Some(&0) {
                problems.push(Diagnostic::error(
                    path.as_str(),
                    entity.ignore_positions.get(i).copied(),
                    format!(
                        "form `{form}` ignored for `{}` matches nothing in the articles",
                        entity.id
                    ),
                ));
            }
        }
        for (f, fact) in entity.facts.iter().enumerate() {
            if let Some(source) = &fact.source
                && !is_loaded(source)
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
    for ((form, position), hits) in catalogue.ignore.iter().zip(&hits.ignored) {
        if *hits == 0 {
            problems.push(Diagnostic::error(
                path.as_str(),
                Some(*position),
                format!("ignored form `{form}` matches nothing in the articles"),
            ));
        }
    }
    problems
}

/// One problem per ambiguous form in `article`, at its first occurrence and with the number
/// of times it recurs: a form repeated 400,000 times is one line, and each line's position
/// and candidate list are worked out once. `ambiguities` are the article's own.
pub(super) fn ambiguity_problems(
    article: &Article,
    ambiguities: &[Ambiguity],
    catalogue: &Catalogue,
) -> Vec<Diagnostic> {
    // (surface, candidates) -> index in `firsts`, in order of appearance.
    let mut groups: HashMap<(&str, *const EntityId), usize> = HashMap::new();
    let mut firsts: Vec<(&Ambiguity, &str, usize)> = Vec::new();
    for ambiguity in ambiguities {
        let Some(block) = article.blocks.get(ambiguity.block) else {
            continue;
        };
        let surface = block.text.get(ambiguity.range.clone()).unwrap_or("");
        let key = (surface, ambiguity.candidates.as_ptr());
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
            let block = article.blocks.get(ambiguity.block)?;
            const SHOWN: usize = 8;
            let mut names: Vec<String> = ambiguity
                .candidates
                .iter()
                .take(SHOWN)
                .filter_map(|&c| catalogue.entity(c))
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

/// Puts the problems in the order `check` prints them: skipped files, article warnings,
/// the catalogue's problems and ambiguous mentions, then sorted (stably) by file and place.
pub(super) fn ordered(parts: [Vec<Diagnostic>; 4]) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = parts.into_iter().flatten().collect();
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.position.cmp(&b.position)));
    problems
}

/// Checks articles given one at a time against a catalogue.
pub struct Checker<'c> {
    catalogue: &'c Catalogue,
    linker: Linker,
    hits: Vec<usize>,
    named: Vec<bool>,
    articles: usize,
    mentions: usize,
    warnings: Vec<Diagnostic>,
    ambiguities: Vec<Diagnostic>,
    /// Overrides that apply nowhere in their article, and which overrides' articles were seen.
    overrides: Vec<Diagnostic>,
    seen: Vec<bool>,
    /// Forms the linker made with an ending that are ordinary words (`forms::
    /// ending_makes_a_word`), in order of appearance: form, base, entity, count, first place.
    made_words: Vec<MadeWord>,
}

/// A form made with an ending that is an ordinary word, and where it was linked.
struct MadeWord {
    form: String,
    base: String,
    entity: EntityId,
    count: usize,
    path: String,
    first: crate::diag::Position,
}

/// What a check found, and over how much.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub problems: Vec<Diagnostic>,
    pub articles: usize,
    pub entities: usize,
    /// Mentions in the articles' bodies.
    pub mentions: usize,
}

impl<'c> Checker<'c> {
    pub fn new(catalogue: &'c Catalogue) -> Checker<'c> {
        let linker = Linker::new(catalogue);
        Checker {
            hits: vec![0; linker.pattern_count()],
            named: vec![false; catalogue.len()],
            linker,
            catalogue,
            articles: 0,
            mentions: 0,
            warnings: Vec::new(),
            ambiguities: Vec::new(),
            overrides: Vec::new(),
            seen: vec![false; catalogue.overrides.len()],
            made_words: Vec::new(),
        }
    }

    /// One loaded article: its warnings, its ambiguous mentions, and what its links count.
    /// Returns its mentions (for what else reads the article in the same pass).
    pub fn article(&mut self, article: &Article) -> Vec<super::linker::Mention> {
        self.warnings.extend(article.warnings.iter().cloned());
        let id = ArticleId::from_index(self.articles);
        let links = self.linker.link_article(id, article, &mut self.hits);
        for e in links.mentions.iter().flat_map(|m| m.entities()) {
            if let Some(named) = self.named.get_mut(e.index()) {
                *named = true;
            }
        }
        for &i in self.linker.overrides_of(article.id.as_str()) {
            let Some(o) = self.linker.overrides().get(i) else {
                continue;
            };
            if let Some(seen) = self.seen.get_mut(i) {
                *seen = true;
            }
            if let Some(why) = unapplied(Some(article), o) {
                self.overrides.push(Diagnostic::error(
                    self.catalogue.path.as_str(),
                    Some(o.position),
                    why,
                ));
            }
        }
        self.mentions += links.mentions.len();
        self.note_made_words(article, &links.mentions);
        self.ambiguities.extend(ambiguity_problems(
            article,
            &links.ambiguities,
            self.catalogue,
        ));
        self.articles += 1;
        links.mentions
    }

    /// Notes the mentions whose words the linker made with an ending and that are ordinary
    /// words ("Roms" of "Rom").
    fn note_made_words(&mut self, article: &Article, mentions: &[super::linker::Mention]) {
        for m in mentions {
            let Some(block) = m.place.block().and_then(|b| article.blocks.get(b)) else {
                continue;
            };
            let words = block.text.get(m.range.clone()).unwrap_or("");
            if self.linker.pattern_of(words).is_some() {
                continue;
            }
            let linker = &self.linker;
            let Some(base) =
                super::forms::ending_makes_a_word(words, |f| linker.pattern_of(f).is_some())
            else {
                continue;
            };
            match self.made_words.iter_mut().find(|w| w.form == words) {
                Some(seen) => seen.count += 1,
                None => self.made_words.push(MadeWord {
                    form: words.to_string(),
                    base: base.to_string(),
                    entity: m.entity,
                    count: 1,
                    path: article.path.clone(),
                    first: block.position_of(m.range.start),
                }),
            }
        }
    }

    /// Every problem, with `skipped` (files that did not load); `is_loaded` tells whether a
    /// fact's source is a loaded article.
    pub fn finish(self, skipped: Vec<Diagnostic>, is_loaded: &dyn Fn(&str) -> bool) -> Checked {
        let hits = FormHits::of(self.catalogue, &self.linker, &self.hits);
        let named = |e: EntityId| self.named.get(e.index()).copied().unwrap_or(false);
        let mut catalogue =
            catalogue_problems(self.catalogue, &named, &hits, self.articles > 0, is_loaded);
        catalogue.extend(self.overrides);
        for (o, _) in self
            .catalogue
            .overrides
            .iter()
            .zip(&self.seen)
            .filter(|(_, s)| !**s)
        {
            if let Some(why) = unapplied(None, o) {
                catalogue.push(Diagnostic::error(
                    self.catalogue.path.as_str(),
                    Some(o.position),
                    why,
                ));
            }
        }
        let mut warnings = self.warnings;
        for w in &self.made_words {
            let Some(entity) = self.catalogue.entity(w.entity) else {
                continue;
            };
            warnings.push(Diagnostic::warning(
                w.path.as_str(),
                Some(w.first),
                format!(
                    "`{}` (`{}` with an ending) is an ordinary word, linked {}× to `{}` ({}): where it is not {}, `dossier catalogue ignore {:?} --entity {}`; where it is, `dossier catalogue alias {} {:?}` says so",
                    w.form,
                    w.base,
                    w.count,
                    entity.id,
                    entity.name,
                    entity.name,
                    w.form,
                    entity.id,
                    entity.id,
                    w.form
                ),
            ));
        }
        Checked {
            problems: ordered([skipped, warnings, catalogue, self.ambiguities]),
            articles: self.articles,
            entities: self.catalogue.len(),
            mentions: self.mentions,
        }
    }
}
