//! The linker: finds every mention of a catalogue entity in an article's blocks.
//!
//! One aho-corasick pass per block over all surface forms (leftmost-longest), then the rules
//! the automaton cannot know: matches only at word boundaries (a hyphen is one), endings by
//! kind and language (`corpus::forms`: genitive `-s`, German `-es`/`-n`, possessive `'s`)
//! belong to the mention, a rejected long match falls back to a shorter form at the same
//! start, and a form shared by several entities resolves to the candidate named most recently
//! and unambiguously earlier in the same article (or stays unlinked and is reported). Forms
//! in the catalogue's `ignore` list match like aliases but link nothing, so they shadow the
//! shorter aliases inside them. A form that holds another entity's form names both
//! ("Ukraine-Krieg"), and the catalogue's overrides correct single mentions.

mod compile;
mod ellipsis;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, Input};

use super::article::{Article, Block, Place};
use super::catalogue::Catalogue;
use super::forms::{self, Endings, Lang, Langs};
use super::ids::{ArticleId, EntityId};
use super::overrides::{Override, Part, place};

/// One mention of an entity: where it is and what it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub article: ArticleId,
    /// The title, the lead or the body block it is in.
    pub place: Place,
    /// Byte range in the block's text; always on char boundaries.
    pub range: Range<usize>,
    /// The entity the words name.
    pub entity: EntityId,
    /// Further entities the same words name: the parts of a compound or of a longer name
    /// ("Ukraine-Krieg": the war, then Ukraine). `None` for most mentions; shared with the
    /// linker, so a form repeated a million times costs one list.
    pub also: Option<Arc<[EntityId]>>,
}

impl Mention {
    /// A mention of one entity.
    pub fn new(article: ArticleId, place: Place, range: Range<usize>, entity: EntityId) -> Self {
        Mention {
            article,
            place,
            range,
            entity,
            also: None,
        }
    }

    /// Every entity the mention names, `entity` first.
    pub fn entities(&self) -> impl Iterator<Item = EntityId> + '_ {
        std::iter::once(self.entity).chain(self.also.iter().flat_map(|a| a.iter().copied()))
    }

    /// Whether the mention names `entity` (first or among the others).
    pub fn names(&self, entity: EntityId) -> bool {
        self.entities().any(|e| e == entity)
    }
}

/// A mention of a form several entities share, with no earlier unambiguous candidate (in
/// the body: the title's and the lead's are not reported).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambiguity {
    pub article: ArticleId,
    pub block: usize,
    pub range: Range<usize>,
    /// The entities sharing the form; shared with the linker, so a form repeated a million
    /// times costs one list.
    pub candidates: Arc<[EntityId]>,
}

/// What linking one article found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleLinks {
    pub mentions: Vec<Mention>,
    pub ambiguities: Vec<Ambiguity>,
}

/// Which article, in which language, and which of its texts the blocks are.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    /// The article's key, which overrides name; "" for text that is no article.
    pub key: &'a str,
    pub lang: Lang,
    /// The body, or the title and lead (blocks 0 and 1).
    pub header: bool,
}

impl Default for Doc<'_> {
    fn default() -> Self {
        Doc {
            key: "",
            lang: Lang::German,
            header: false,
        }
    }
}

/// One distinct surface form.
#[derive(Debug)]
struct Pattern {
    len: usize,
    /// The entities that use this form; more than one makes it ambiguous, none means an
    /// ignored form.
    entities: Arc<[EntityId]>,
    /// For a shared form: its slot in the per-article table of the latest candidate named.
    shared_slot: Option<usize>,
    /// Other patterns that are proper prefixes of this one, longest first.
    prefixes: Vec<usize>,
    /// Whether the form starts / ends with a word character (then a boundary is required).
    starts_in_word: bool,
    ends_in_word: bool,
    /// The endings it takes, by language (German, English, other).
    endings: [Endings; 3],
    /// The languages it is a form in (generated German forms are German only).
    langs: Langs,
    /// The pattern whose count a match adds to: itself, or the listed form it was made from.
    counts_as: usize,
    /// Other entities its text names.
    also: Option<Arc<[EntityId]>>,
}

/// The compiled catalogue, ready to link any number of articles.
pub struct Linker {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    by_text: HashMap<String, usize>,
    /// For each entity: the slots of the shared forms it takes part in.
    shared_of: Vec<Vec<usize>>,
    /// How many shared forms there are.
    shared: usize,
    overrides: Vec<Override>,
    /// Article key → its overrides (indices into `overrides`).
    overrides_of: HashMap<String, Vec<usize>>,
}

/// A word character for boundary purposes: a Unicode letter or digit.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::German => 0,
        Lang::English => 1,
        Lang::Other => 2,
    }
}

/// An override placed in the blocks: where, and what it says.
struct Placed {
    block: usize,
    range: Range<usize>,
    entity: Option<EntityId>,
}

impl Linker {
    /// Compiles all surface forms of the catalogue, the forms generated from them and its
    /// overrides. Near-linear in the catalogue's size.
    pub fn new(catalogue: &Catalogue) -> Linker {
        compile::compile(catalogue)
    }

    /// The pattern id of a surface form, for counting which forms ever matched.
    pub fn pattern_of(&self, form: &str) -> Option<usize> {
        self.by_text.get(form).copied()
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The overrides of the catalogue, in file order.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// The positions in `overrides()` of the overrides of the article with key `key`.
    pub fn overrides_of(&self, key: &str) -> &[usize] {
        self.overrides_of.get(key).map_or(&[], Vec::as_slice)
    }

    /// Links an article, with its language and overrides: its title, its lead and its body,
    /// in that order (the order of `Place`). `hits` counts the body's matches only, and only
    /// the body's ambiguities are reported.
    pub fn link_article(
        &self,
        id: ArticleId,
        article: &Article,
        hits: &mut [usize],
    ) -> ArticleLinks {
        let doc = Doc {
            key: article.id.as_str(),
            lang: Lang::of(&article.front.language),
            header: false,
        };
        let mut links = self.link_doc(doc, id, &article.blocks, hits);
        let header = self.link_header(id, article, &links.mentions);
        if !header.is_empty() {
            links.mentions.splice(0..0, header);
        }
        links
    }

    /// The mentions in an article's title and lead. `body` is what linking the body found: a
    /// shared form in the header ("Kim und Putin treffen sich") with no earlier candidate in
    /// the header resolves to the candidate the body names first.
    fn link_header(&self, id: ArticleId, article: &Article, body: &[Mention]) -> Vec<Mention> {
        let doc = Doc {
            key: article.id.as_str(),
            lang: Lang::of(&article.front.language),
            header: true,
        };
        let mut first: Vec<Option<EntityId>> = vec![None; self.shared];
        for m in body {
            for &slot in self.shared_of.get(m.entity.index()).into_iter().flatten() {
                if let Some(f @ None) = first.get_mut(slot) {
                    *f = Some(m.entity);
                }
            }
        }
        self.link_from(doc, id, &article.header_blocks(), &mut [], first)
            .mentions
    }

    /// Links blocks that belong to no article file: German, no overrides. `hits[p]` is
    /// incremented for every match of pattern `p`.
    pub fn link(&self, article: ArticleId, blocks: &[Block], hits: &mut [usize]) -> ArticleLinks {
        self.link_doc(Doc::default(), article, blocks, hits)
    }

    /// The overrides of `doc` that apply, placed in `blocks` and sorted by place.
    fn placed(&self, doc: Doc<'_>, blocks: &[Block]) -> Vec<Placed> {
        let Some(list) = self.overrides_of.get(doc.key) else {
            return Vec::new();
        };
        let mut placed: Vec<Placed> = list
            .iter()
            .filter_map(|&i| self.overrides.get(i))
            .filter_map(|o| {
                let (offset, within) = match (doc.header, o.part) {
                    (false, Part::Body) => (0, blocks),
                    (true, Part::Title) => (0, blocks.get(..1)?),
                    (true, Part::Lead) => (1, blocks.get(1..2)?),
                    _ => return None,
                };
                let (block, range) = place(within, o)?;
                Some(Placed {
                    block: block + offset,
                    range,
                    entity: o.entity,
                })
            })
            .collect();
        placed.sort_by_key(|p| (p.block, p.range.start));
        placed
    }

    /// Links `blocks` as `doc` says. `hits[p]` is incremented for every match of pattern `p`.
    pub fn link_doc(
        &self,
        doc: Doc<'_>,
        article: ArticleId,
        blocks: &[Block],
        hits: &mut [usize],
    ) -> ArticleLinks {
        self.link_from(doc, article, blocks, hits, vec![None; self.shared])
    }

    /// Links `blocks`; `latest[slot]` is the candidate of each shared form named last,
    /// unambiguously, before them.
    fn link_from(
        &self,
        doc: Doc<'_>,
        article: ArticleId,
        blocks: &[Block],
        hits: &mut [usize],
        mut latest: Vec<Option<EntityId>>,
    ) -> ArticleLinks {
        let mut links = ArticleLinks::default();
        let Some(automaton) = &self.automaton else {
            return links;
        };
        let placed = self.placed(doc, blocks);
        let mut next_placed = 0;
        for (b, block) in blocks.iter().enumerate() {
            let text = block.text.as_str();
            // In a header, block 0 is the title and block 1 the lead.
            let place = match (doc.header, b) {
                (false, _) => Place::Block(b),
                (true, 0) => Place::Title,
                (true, _) => Place::Lead,
            };
            let first_of_block = links.mentions.len();
            let mut at = 0;
            // Overrides of this block not yet emitted, and the end of the last one emitted.
            let mut covered_to = 0;
            loop {
                let found = (at < text.len())
                    .then(|| automaton.find(Input::new(text).span(at..text.len())))
                    .flatten();
                let accepted = found.and_then(|m| {
                    let start = m.start();
                    std::iter::once(m.pattern().as_usize())
                        .chain(
                            self.patterns[m.pattern().as_usize()]
                                .prefixes
                                .iter()
                                .copied(),
                        )
                        .find_map(|p| self.accept(text, start, p, doc.lang).map(|end| (p, end)))
                        .map(|(p, end)| (start, p, end))
                });
                let limit = match (found, accepted) {
                    (_, Some((_, _, end))) => end,
                    (Some(m), None) => m.start() + 1,
                    (None, None) => usize::MAX,
                };
                while let Some(o) = placed
                    .get(next_placed)
                    .filter(|o| o.block == b && o.range.start < limit)
                {
                    if let Some(entity) = o.entity {
                        self.named(entity, &mut latest);
                        links
                            .mentions
                            .push(Mention::new(article, place, o.range.clone(), entity));
                    }
                    covered_to = covered_to.max(o.range.end);
                    next_placed += 1;
                }
                let Some(m) = found else {
                    break;
                };
                let Some((start, p, end)) = accepted else {
                    at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                    continue;
                };
                at = end;
                if start < covered_to {
                    // An override holds these words.
                    continue;
                }
                let pattern = &self.patterns[p];
                if let Some(h) = hits.get_mut(pattern.counts_as) {
                    *h += 1;
                }
                let candidates = &pattern.entities;
                if candidates.is_empty() {
                    continue;
                }
                let entity = match (pattern.shared_slot, &candidates[..]) {
                    (Some(slot), _) => latest[slot],
                    (None, &[only]) => {
                        self.named(only, &mut latest);
                        Some(only)
                    }
                    (None, _) => None,
                };
                match entity {
                    Some(entity) => links.mentions.push(Mention {
                        also: pattern.also.clone(),
                        ..Mention::new(article, place, start..end, entity)
                    }),
                    None => links.ambiguities.push(Ambiguity {
                        article,
                        block: b,
                        range: start..end,
                        candidates: Arc::clone(candidates),
                    }),
                }
            }
            if doc.lang == Lang::German {
                ellipsis::complete(
                    self,
                    article,
                    place,
                    text,
                    &mut links.mentions,
                    first_of_block,
                );
            }
        }
        links
    }

    /// Notes that `entity` was named unambiguously, for the shared forms that follow.
    fn named(&self, entity: EntityId, latest: &mut [Option<EntityId>]) {
        for &slot in self.shared_of.get(entity.index()).into_iter().flatten() {
            if let Some(l) = latest.get_mut(slot) {
                *l = Some(entity);
            }
        }
    }

    /// Whether pattern `p` placed at `start` stands at word boundaries in an article of
    /// language `lang`; returns the end of the mention, which includes an allowed ending.
    fn accept(&self, text: &str, start: usize, p: usize, lang: Lang) -> Option<usize> {
        let pattern = &self.patterns[p];
        if pattern.langs & lang.bit() == 0 {
            return None;
        }
        let end = start + pattern.len;
        if pattern.starts_in_word && text[..start].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        if !pattern.ends_in_word {
            return Some(end);
        }
        let endings = pattern.endings[lang_index(lang)];
        let rest = &text[end..];
        let boundary = |i: usize| !rest[i..].chars().next().is_some_and(is_word_char);
        if boundary(0) {
            if endings & forms::POSSESSIVE != 0 {
                for ending in forms::ending_texts(forms::POSSESSIVE) {
                    if rest.starts_with(ending) && boundary(ending.len()) {
                        return Some(end + ending.len());
                    }
                }
            }
            return Some(end);
        }
        for bit in [forms::ES, forms::N, forms::S] {
            if endings & bit == 0 {
                continue;
            }
            for ending in forms::ending_texts(bit) {
                if rest.starts_with(ending) && boundary(ending.len()) {
                    return Some(end + ending.len());
                }
            }
        }
        None
    }

    /// Every form the linker looks for as a form of `entity`, listed or generated; a mention
    /// of it is one of these, maybe with an ending, or the first part of one before an
    /// elision hyphen ("Nord-"). In no particular order.
    pub fn forms_of(&self, entity: EntityId) -> impl Iterator<Item = &str> {
        self.by_text
            .iter()
            .filter(move |(_, p)| self.patterns[**p].entities.contains(&entity))
            .map(|(text, _)| text.as_str())
    }

    /// The one entity a listed or generated form names, if it names exactly one.
    fn sole_entity_of(&self, form: &str) -> Option<EntityId> {
        let pattern = self.patterns.get(*self.by_text.get(form)?)?;
        match pattern.entities[..] {
            [e] => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod forms_tests;
#[cfg(test)]
mod tests;
