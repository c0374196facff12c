//! The linker: finds every mention of a catalogue entity in an article's blocks.
//!
//! One aho-corasick pass per block over all surface forms (leftmost-longest), then the rules
//! the automaton cannot know: matches only at word boundaries (a hyphen is one), a genitive
//! `-s` links to the base form, a rejected long match falls back to a shorter form at the same
//! start, and a form shared by several entities resolves to the candidate named most recently
//! and unambiguously earlier in the same article (or stays unlinked and is reported). Forms
//! in the catalogue's `ignore` list match like aliases but link nothing, so they shadow the
//! shorter aliases inside them.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::article::Block;
use super::catalogue::Catalogue;
use super::ids::{ArticleId, EntityId};

/// One mention of an entity: where it is and what it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub article: ArticleId,
    pub block: usize,
    /// Byte range in the block's text; always on char boundaries.
    pub range: Range<usize>,
    pub entity: EntityId,
}

/// A mention of a form several entities share, with no earlier unambiguous candidate.
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
}

/// A word character for boundary purposes: a Unicode letter or digit.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Linker {
    /// Compiles all surface forms of the catalogue. Near-linear in the catalogue's size.
    pub fn new(catalogue: &Catalogue) -> Linker {
        let mut by_text: HashMap<String, usize> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut entities: Vec<Vec<usize>> = Vec::new();
        for (e, entity) in catalogue.entities().iter().enumerate() {
            for form in entity.surface_forms() {
                let id = *by_text.entry(form.to_string()).or_insert_with(|| {
                    texts.push(form.to_string());
                    entities.push(Vec::new());
                    texts.len() - 1
                });
                // Entities come in order, so a repeat within one entity is the last entry.
                if entities[id].last() != Some(&e) {
                    entities[id].push(e);
                }
            }
        }
        for (form, _) in &catalogue.ignore {
            by_text.entry(form.clone()).or_insert_with(|| {
                texts.push(form.clone());
                entities.push(Vec::new());
                texts.len() - 1
            });
        }
        let prefixes = proper_prefixes(&texts);
        let mut shared_of = vec![Vec::new(); catalogue.len()];
        let mut shared = 0;
        let patterns: Vec<Pattern> = texts
            .iter()
            .zip(entities)
            .zip(prefixes)
            .map(|((text, entities), prefixes)| {
                let shared_slot = (entities.len() > 1).then(|| {
                    for &e in &entities {
                        shared_of[e].push(shared);
                    }
                    shared += 1;
                    shared - 1
                });
                Pattern {
                    len: text.len(),
                    entities: entities.into_iter().map(EntityId::from_index).collect(),
                    shared_slot,
                    prefixes,
                    starts_in_word: text.chars().next().is_some_and(is_word_char),
                    ends_in_word: text.chars().next_back().is_some_and(is_word_char),
                }
            })
            .collect();
        let automaton = if texts.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&texts)
                .or_else(|_| {
                    // A catalogue too large for a DFA still links, more slowly.
                    AhoCorasick::builder()
                        .match_kind(MatchKind::LeftmostLongest)
                        .build(&texts)
                })
                .ok()
        };
        Linker {
            automaton,
            patterns,
            by_text,
            shared_of,
            shared,
        }
    }

    /// The pattern id of a surface form, for counting which forms ever matched.
    pub fn pattern_of(&self, form: &str) -> Option<usize> {
        self.by_text.get(form).copied()
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Links one article. `hits[p]` is incremented for every match of pattern `p`.
    pub fn link(&self, article: ArticleId, blocks: &[Block], hits: &mut [usize]) -> ArticleLinks {
        let mut links = ArticleLinks::default();
        let Some(automaton) = &self.automaton else {
            return links;
        };
        // latest[slot] = the candidate of a shared form named last, unambiguously.
        let mut latest: Vec<Option<EntityId>> = vec![None; self.shared];
        for (b, block) in blocks.iter().enumerate() {
            let text = block.text.as_str();
            let mut at = 0;
            while at < text.len() {
                let Some(found) = automaton.find(Input::new(text).span(at..text.len())) else {
                    break;
                };
                let start = found.start();
                let accepted = std::iter::once(found.pattern().as_usize())
                    .chain(
                        self.patterns[found.pattern().as_usize()]
                            .prefixes
                            .iter()
                            .copied(),
                    )
                    .find_map(|p| self.accept(text, start, p).map(|end| (p, end)));
                let Some((p, end)) = accepted else {
                    at = start + text[start..].chars().next().map_or(1, char::len_utf8);
                    continue;
                };
                at = end;
                if let Some(h) = hits.get_mut(p) {
                    *h += 1;
                }
                let pattern = &self.patterns[p];
                let candidates = &pattern.entities;
                if candidates.is_empty() {
                    continue;
                }
                let entity = match (pattern.shared_slot, &candidates[..]) {
                    (Some(slot), _) => latest[slot],
                    (None, &[only]) => {
                        for &slot in self.shared_of.get(only.index()).into_iter().flatten() {
                            latest[slot] = Some(only);
                        }
                        Some(only)
                    }
                    (None, _) => None,
                };
                match entity {
                    Some(entity) => links.mentions.push(Mention {
                        article,
                        block: b,
                        range: start..end,
                        entity,
                    }),
                    None => links.ambiguities.push(Ambiguity {
                        article,
                        block: b,
                        range: start..end,
                        candidates: Arc::clone(candidates),
                    }),
                }
            }
        }
        links
    }

    /// Whether pattern `p` placed at `start` stands at word boundaries; returns the end of the
    /// mention, which includes a genitive `s`.
    fn accept(&self, text: &str, start: usize, p: usize) -> Option<usize> {
        let pattern = &self.patterns[p];
        let end = start + pattern.len;
        if pattern.starts_in_word && text[..start].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        if !pattern.ends_in_word {
            return Some(end);
        }
        let mut rest = text[end..].chars();
        match rest.next() {
            None => Some(end),
            Some(c) if !is_word_char(c) => Some(end),
            Some('s') if !rest.next().is_some_and(is_word_char) => Some(end + 1),
            Some(_) => None,
        }
    }
}

/// For each text, the indices of the other texts that are proper prefixes of it, longest
/// first. One sort and a stack: in sorted order every prefix of a text comes before it, and
/// every text between the two shares that prefix, so the prefixes of a text are exactly the
/// stack left after popping what is not one.
fn proper_prefixes(texts: &[String]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by(|&a, &b| texts[a].cmp(&texts[b]));
    let mut prefixes = vec![Vec::new(); texts.len()];
    let mut stack: Vec<usize> = Vec::new();
    for i in order {
        while let Some(&top) = stack.last() {
            if texts[i].starts_with(texts[top].as_str()) && texts[top].len() < texts[i].len() {
                break;
            }
            stack.pop();
        }
        prefixes[i] = stack.iter().rev().copied().collect();
        stack.push(i);
    }
    prefixes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article::BlockKind;
    use crate::corpus::catalogue::parse_catalogue;
    use crate::diag::Position;

    const CATALOGUE: &str = r#"
[[entity]]
id = "kim-jong-un"
name = "Kim Jong-un"
kind = "person"
aliases = ["Kim Jong Un", "Kim"]
summary = "s"
[[entity]]
id = "kim-jong-il"
name = "Kim Jong-il"
kind = "person"
aliases = ["Kim Jong Il", "Kim"]
summary = "s"
[[entity]]
id = "kim-il-sung"
name = "Kim Il-sung"
kind = "person"
aliases = ["Kim Il Sung", "Kim"]
summary = "s"
[[entity]]
id = "kim-kwang-jin"
name = "Kim Kwang-jin"
kind = "person"
summary = "s"
[[entity]]
id = "kim-dynastie"
name = "Kim-Dynastie"
kind = "organisation"
aliases = ["Kim-Diktatur"]
summary = "s"
[[entity]]
id = "putin"
name = "Wladimir Putin"
kind = "person"
aliases = ["Putin"]
summary = "s"
[[entity]]
id = "moskau"
name = "Moskau"
kind = "city"
aliases = ["Moscow"]
summary = "s"
[[entity]]
id = "ukraine"
name = "Ukraine"
kind = "country"
summary = "s"
[[entity]]
id = "nordkorea"
name = "Nordkorea"
kind = "country"
summary = "s"
[[entity]]
id = "korea"
name = "Korea"
kind = "country"
summary = "s"
[[entity]]
id = "un"
name = "Vereinte Nationen"
kind = "organisation"
aliases = ["UN", "Vereinten Nationen"]
summary = "s"
[[entity]]
id = "usa"
name = "Vereinigte Staaten"
kind = "country"
aliases = ["USA", "US"]
summary = "s"
[[entity]]
id = "un-sicherheitsrat"
name = "UN-Sicherheitsrat"
kind = "organisation"
summary = "s"
[[entity]]
id = "alexander-ii"
name = "Alexander II."
kind = "person"
summary = "s"
[[entity]]
id = "pjoengjang"
name = "Pjöngjang"
kind = "city"
aliases = ["Pyongyang"]
summary = "s"
"#;

    fn catalogue() -> Catalogue {
        let text = format!("ignore = [\"US-Dollar\"]\n{CATALOGUE}");
        parse_catalogue("entities.toml", text.as_bytes()).unwrap()
    }

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
                number: None,
                origins: vec![(0, Position { line: 1, col: 1 })],
                ..Block::default()
            })
            .collect()
    }

    /// (surface text, entity id) of every mention, in order.
    fn linked(texts: &[&str]) -> Vec<(String, String)> {
        let c = catalogue();
        let linker = Linker::new(&c);
        let b = blocks(texts);
        let mut hits = vec![0; linker.pattern_count()];
        linker
            .link(ArticleId::from_index(0), &b, &mut hits)
            .mentions
            .iter()
            .map(|m| {
                (
                    b[m.block].text[m.range.clone()].to_string(),
                    c.entity(m.entity).unwrap().id.clone(),
                )
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn hyphen_is_a_boundary_so_compounds_link_their_first_part() {
        assert_eq!(
            linked(&["Während seine Rolle im Ukraine-Konflikt weltweit in der Kritik steht"]),
            pairs(&[("Ukraine", "ukraine")])
        );
    }

    #[test]
    fn a_closed_compound_does_not_link() {
        assert!(linked(&["Aber auch von einem möglichen Moskaubesuch ist die Rede"]).is_empty());
        assert!(linked(&["die Nordkoreaner haben bereits Kredite"]).is_empty());
    }

    #[test]
    fn genitive_s_links_to_base_entity() {
        assert_eq!(
            linked(&[
                "„Putins Schwenk“ nach Asien, Kim Jong-uns Erscheinen, Moskaus Kurs, Nordkoreas Wirtschaft"
            ]),
            pairs(&[
                ("Putins", "putin"),
                ("Kim Jong-uns", "kim-jong-un"),
                ("Moskaus", "moskau"),
                ("Nordkoreas", "nordkorea"),
            ])
        );
    }

    #[test]
    fn genitive_s_must_end_the_word() {
        assert!(linked(&["die Putinsche Politik"]).is_empty());
    }

    #[test]
    fn kim_jong_il_is_never_kim_jong_un() {
        assert_eq!(
            linked(&["Putin traf sich bereits 2002 mit dem verstorbenen Kim Jong-il in Russland"]),
            pairs(&[("Putin", "putin"), ("Kim Jong-il", "kim-jong-il")])
        );
        assert_eq!(
            linked(&["Während sein Vater Kim Jong Il unter Flugangst litt"]),
            pairs(&[("Kim Jong Il", "kim-jong-il")])
        );
    }

    #[test]
    fn kim_kwang_jin_is_never_anyone_else() {
        assert_eq!(
            linked(&["berichtet der ehemalige nordkoreanische Banker Kim Kwang-jin dem ZDF"]),
            pairs(&[("Kim Kwang-jin", "kim-kwang-jin")])
        );
    }

    #[test]
    fn longer_hyphenated_name_beats_the_shared_short_form() {
        assert_eq!(
            linked(&["Kim Jong-un sagte: Die Kim-Diktatur trieb das Atomprogramm voran."]),
            pairs(&[
                ("Kim Jong-un", "kim-jong-un"),
                ("Kim-Diktatur", "kim-dynastie")
            ])
        );
    }

    #[test]
    fn bare_kim_resolves_to_the_most_recent_unambiguous_kim() {
        assert_eq!(
            linked(&[
                "Putin traf sich 2002 mit dem verstorbenen Kim Jong-il in Russland.",
                "Bei dem Besuch überreichte Putin Kim eine Schrotflinte.",
                "Später kam Kim Jong-un an die Macht; Kim reiste nach Moskau.",
            ]),
            pairs(&[
                ("Putin", "putin"),
                ("Kim Jong-il", "kim-jong-il"),
                ("Putin", "putin"),
                ("Kim", "kim-jong-il"),
                ("Kim Jong-un", "kim-jong-un"),
                ("Kim", "kim-jong-un"),
                ("Moskau", "moskau"),
            ])
        );
    }

    #[test]
    fn bare_kims_genitive_resolves_like_kim() {
        assert_eq!(
            linked(&["Kim Il Sung war der Großvater.", "Kims Strategie"]),
            pairs(&[("Kim Il Sung", "kim-il-sung"), ("Kims", "kim-il-sung")])
        );
    }

    #[test]
    fn bare_kim_without_an_earlier_full_name_stays_unlinked_and_is_reported() {
        let c = catalogue();
        let linker = Linker::new(&c);
        let b = blocks(&["Kim und Putin treffen sich.", "Dann kam Kim Jong-un."]);
        let mut hits = vec![0; linker.pattern_count()];
        let links = linker.link(ArticleId::from_index(3), &b, &mut hits);
        assert_eq!(links.ambiguities.len(), 1);
        let a = &links.ambiguities[0];
        assert_eq!(
            (a.article, a.block, a.range.clone()),
            (ArticleId::from_index(3), 0, 0..3)
        );
        assert_eq!(a.candidates.len(), 3);
        assert!(
            links
                .mentions
                .iter()
                .all(|m| m.range != (0..3) || m.block != 0)
        );
        assert_eq!(hits[linker.pattern_of("Kim").unwrap()], 1);
    }

    #[test]
    fn recency_does_not_cross_articles() {
        let c = catalogue();
        let linker = Linker::new(&c);
        let mut hits = vec![0; linker.pattern_count()];
        let first = linker.link(
            ArticleId::from_index(0),
            &blocks(&["Kim Jong-il war da."]),
            &mut hits,
        );
        assert!(first.ambiguities.is_empty());
        let second = linker.link(
            ArticleId::from_index(1),
            &blocks(&["Kim war da."]),
            &mut hits,
        );
        assert_eq!(second.ambiguities.len(), 1);
    }

    #[test]
    fn a_failed_long_match_falls_back_to_a_shorter_form_at_the_same_start() {
        // "UN-Sicherheitsrats" is the genitive of the longer form; "UN-Sicherheitsratsbeschluss"
        // fails the boundary for it, and then "UN" still links.
        assert_eq!(
            linked(&["im UN-Sicherheitsrats und der UN-Sicherheitsratsbeschluss"]),
            pairs(&[("UN-Sicherheitsrats", "un-sicherheitsrat"), ("UN", "un")])
        );
    }

    #[test]
    fn a_rejected_match_does_not_hide_the_next_one() {
        assert_eq!(
            linked(&["vom Moskaubesuch in Moskau"]),
            pairs(&[("Moskau", "moskau")])
        );
    }

    #[test]
    fn prefix_letters_block_a_match() {
        assert!(linked(&["Antiputin"]).is_empty());
    }

    #[test]
    fn forms_ending_in_punctuation_need_no_boundary_after() {
        assert_eq!(
            linked(&["als Zar Alexander II.das Ussuriland erwarb"]),
            pairs(&[("Alexander II.", "alexander-ii")])
        );
    }

    #[test]
    fn ignored_forms_shadow_the_aliases_inside_them() {
        assert_eq!(
            linked(&["drei Milliarden US-Dollar trotz US-Sanktionen"]),
            pairs(&[("US", "usa")])
        );
    }

    #[test]
    fn matching_is_case_sensitive() {
        assert!(linked(&["un peu de putin"]).is_empty());
    }

    #[test]
    fn non_ascii_neighbours_count_as_letters() {
        assert!(linked(&["ÄPutin Putinä"]).is_empty());
        assert_eq!(
            linked(&["„Pjöngjang“"]),
            pairs(&[("Pjöngjang", "pjoengjang")])
        );
    }

    #[test]
    fn mention_ranges_are_sorted_and_disjoint() {
        let c = catalogue();
        let linker = Linker::new(&c);
        let b =
            blocks(&["Putin Putins Kim Jong-un Kim Kim-Diktatur UN-Sicherheitsrat UN Pyongyang"]);
        let mut hits = vec![0; linker.pattern_count()];
        let links = linker.link(ArticleId::from_index(0), &b, &mut hits);
        assert_eq!(links.mentions.len(), 8);
        for pair in links.mentions.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start);
        }
    }

    #[test]
    fn proper_prefixes_agree_with_comparing_every_pair() {
        let texts: Vec<String> = [
            "Kim",
            "Kim Jong",
            "Kim Jong-un",
            "Kim Jong-il",
            "K",
            "Ki",
            "Kimchi",
            "Putin",
            "P",
            "US",
            "US-Dollar",
            "UN",
            "UN-Sicherheitsrat",
            "Ö",
            "Öl",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let fast = proper_prefixes(&texts);
        for (i, text) in texts.iter().enumerate() {
            let mut slow: Vec<usize> = (0..texts.len())
                .filter(|&j| texts[j].len() < text.len() && text.starts_with(texts[j].as_str()))
                .collect();
            slow.sort_by_key(|&j| std::cmp::Reverse(texts[j].len()));
            assert_eq!(fast[i], slow, "prefixes of {text:?}");
        }
    }

    #[test]
    fn empty_catalogue_links_nothing() {
        let linker = Linker::new(&Catalogue::default());
        let mut hits = Vec::new();
        assert_eq!(
            linker.link(ArticleId::from_index(0), &blocks(&["Putin"]), &mut hits),
            ArticleLinks::default()
        );
    }
}
