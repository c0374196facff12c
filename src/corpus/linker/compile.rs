//! Compiling a catalogue into the linker's patterns: every listed form, the ignored forms,
//! and the forms generated from them (`corpus::forms`), each with the endings it takes by
//! language, its prefixes among the other patterns, and the entities named inside it.
//!
//! Listed forms and ignored forms come first and own their text: a generated form that
//! equals one of them is dropped, so generation never takes a form from another entity.
//! A form an entity ignores for itself (its own `ignore`) names every entity it would name
//! but that one: the others that list it, and the others whose forms sit inside it.

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::{Linker, Pattern, is_word_char};
use crate::corpus::catalogue::{Catalogue, EntityKind};
use crate::corpus::forms::{self, ALL_LANGS, Lang, Langs};
use crate::corpus::ids::EntityId;

/// A pattern being collected.
struct Draft {
    text: String,
    entities: Vec<usize>,
    langs: Langs,
    /// The listed form a generated one comes from (its matches count for that form).
    base: Option<usize>,
}

pub(super) fn compile(catalogue: &Catalogue) -> Linker {
    let mut by_text: HashMap<String, usize> = HashMap::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let add = |by_text: &mut HashMap<String, usize>,
               drafts: &mut Vec<Draft>,
               text: &str,
               entity: Option<usize>,
               langs: Langs,
               base: Option<usize>| {
        let id = *by_text.entry(text.to_string()).or_insert_with(|| {
            drafts.push(Draft {
                text: text.to_string(),
                entities: Vec::new(),
                langs,
                base,
            });
            drafts.len() - 1
        });
        if let Some(e) = entity
            && drafts[id].entities.last() != Some(&e)
        {
            drafts[id].entities.push(e);
        }
        id
    };
    for (e, entity) in catalogue.entities().iter().enumerate() {
        for form in entity.surface_forms() {
            add(&mut by_text, &mut drafts, form, Some(e), ALL_LANGS, None);
        }
    }
    for (form, _) in &catalogue.ignore {
        add(&mut by_text, &mut drafts, form, None, ALL_LANGS, None);
    }
    // Pattern → the entities it never names (their own `ignore`).
    let mut excluded: HashMap<usize, Vec<usize>> = HashMap::new();
    for (e, entity) in catalogue.entities().iter().enumerate() {
        for form in &entity.ignore {
            let id = add(&mut by_text, &mut drafts, form, None, ALL_LANGS, None);
            excluded.entry(id).or_default().push(e);
        }
    }
    for (&id, out) in &excluded {
        drafts[id].entities.retain(|e| !out.contains(e));
    }
    let listed = drafts.len();
    for (e, entity) in catalogue.entities().iter().enumerate() {
        for form in entity.surface_forms() {
            let Some(&base) = by_text.get(form) else {
                continue;
            };
            for (text, langs) in forms::generated(form, entity.kind) {
                let taken = by_text.get(&text).is_some_and(|&id| {
                    id < listed && excluded.get(&id).is_none_or(|out| out.contains(&e))
                });
                if taken {
                    continue;
                }
                add(&mut by_text, &mut drafts, &text, Some(e), langs, Some(base));
            }
        }
    }
    let texts: Vec<&str> = drafts.iter().map(|d| d.text.as_str()).collect();
    let prefixes = proper_prefixes(&texts);
    let mut shared_of = vec![Vec::new(); catalogue.len()];
    let mut shared = 0;
    let patterns: Vec<Pattern> = drafts
        .iter()
        .zip(prefixes)
        .enumerate()
        .map(|(p, (draft, prefixes))| {
            let shared_slot = (draft.entities.len() > 1).then(|| {
                for &e in &draft.entities {
                    shared_of[e].push(shared);
                }
                shared += 1;
                shared - 1
            });
            let endings = [Lang::German, Lang::English, Lang::Other].map(|lang| {
                draft
                    .entities
                    .iter()
                    .filter_map(|&e| catalogue.entities().get(e))
                    .fold(0, |acc, e| acc | forms::endings(&draft.text, e.kind, lang))
            });
            Pattern {
                len: draft.text.len(),
                entities: draft
                    .entities
                    .iter()
                    .copied()
                    .map(EntityId::from_index)
                    .collect(),
                shared_slot,
                prefixes,
                starts_in_word: draft.text.chars().next().is_some_and(is_word_char),
                ends_in_word: draft.text.chars().next_back().is_some_and(is_word_char),
                endings,
                langs: draft.langs,
                counts_as: draft.base.unwrap_or(p),
                also: None,
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
    let mut overrides: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, o) in catalogue.overrides.iter().enumerate() {
        overrides.entry(o.article.clone()).or_default().push(i);
    }
    let mut linker = Linker {
        automaton,
        patterns,
        by_text,
        shared_of,
        shared,
        overrides: catalogue.overrides.clone(),
        overrides_of: overrides,
    };
    let no_one = Vec::new();
    let also: Vec<Option<Arc<[EntityId]>>> = texts
        .iter()
        .enumerate()
        .map(|(p, text)| {
            let out = excluded.get(&p).unwrap_or(&no_one);
            named_inside(&linker, catalogue, p, text, out)
        })
        .collect();
    for (p, (pattern, also)) in linker.patterns.iter_mut().zip(also).enumerate() {
        if pattern.entities.is_empty() && excluded.contains_key(&p) {
            // Ignored for the entities inside it: it names the others inside it, if any.
            if let Some((first, rest)) = also.as_deref().and_then(<[EntityId]>::split_first) {
                pattern.entities = Arc::from([*first]);
                pattern.also = (!rest.is_empty()).then(|| Arc::from(rest));
            }
        } else {
            pattern.also = also;
        }
    }
    linker
}

/// The other entities that pattern `p`'s own text names ("Ukraine" in "Ukraine-Krieg", "UN"
/// in "UN-Sicherheitsrat" and "UN Security Council", "Sowjetunion" in "Zerfall der
/// Sowjetunion", "Nordkorea" and "Russland" in "Nordkorea-Russland-Gipfel 2019"). A name
/// that ends a longer one after a plain modifier is that one's head, not a mention: "North
/// Korea" does not name Korea. People's names name nobody else ("Choe Ryong-hae" is not
/// "Choe"), and forms several entities share name nobody here. Entities in `excluded` (by
/// index) ignore this form: it never names them. A form with no entity of its own names the
/// others inside it only when some entity ignores it (else it is ignored for all).
fn named_inside(
    linker: &Linker,
    catalogue: &Catalogue,
    p: usize,
    text: &str,
    excluded: &[usize],
) -> Option<Arc<[EntityId]>> {
    let own = linker.patterns.get(p)?;
    let owner = match own.entities[..] {
        [owner] => {
            if catalogue
                .entity(owner)
                .is_none_or(|e| e.kind == EntityKind::Person)
            {
                return None;
            }
            Some(owner)
        }
        [] if !excluded.is_empty() => None,
        _ => return None,
    };
    let automaton = linker.automaton.as_ref()?;
    let mut found: Vec<EntityId> = Vec::new();
    let mut note = |q: usize, start: usize, end: usize| {
        if let [e] = linker.patterns[q].entities[..]
            && Some(e) != owner
            && !excluded.contains(&e.index())
            && !found.contains(&e)
            && names_another(text, start, end, start + linker.patterns[q].len)
        {
            found.push(e);
        }
    };
    for &q in &own.prefixes {
        if let Some(end) = linker.accept(text, 0, q, Lang::German) {
            note(q, 0, end);
        }
    }
    let mut at = text.chars().next().map_or(1, char::len_utf8);
    while at < text.len() {
        let Some(m) = automaton.find(Input::new(text).span(at..text.len())) else {
            break;
        };
        let start = m.start();
        let accepted = std::iter::once(m.pattern().as_usize())
            .chain(
                linker.patterns[m.pattern().as_usize()]
                    .prefixes
                    .iter()
                    .copied(),
            )
            .find_map(|q| {
                linker
                    .accept(text, start, q, Lang::German)
                    .map(|end| (q, end))
            });
        match accepted {
            Some((q, end)) => {
                note(q, start, end);
                at = end.max(start + 1);
                while !text.is_char_boundary(at) {
                    at += 1;
                }
            }
            None => at = start + text[start..].chars().next().map_or(1, char::len_utf8),
        }
    }
    (!found.is_empty()).then(|| Arc::from(found))
}

/// Words that join a name to the noun before it ("Krieg in der Ukraine", "invasion of
/// Ukraine"): after them a name is named, not modified.
const JOINING_WORDS: [&str; 30] = [
    "der", "die", "das", "des", "dem", "den", "in", "im", "am", "an", "auf", "aus", "von", "vom",
    "zu", "zum", "zur", "bei", "mit", "nach", "über", "gegen", "um", "für", "of", "the", "on",
    "at", "to", "for",
];

/// Whether a form found at `start..end` inside `text` (the form itself ends at `bare_end`,
/// before any ending) names its entity rather than being the head of the longer name: it is
/// joined by a hyphen, other words follow it, it takes an ending (a genitive), or a joining
/// word stands before it.
fn names_another(text: &str, start: usize, end: usize, bare_end: usize) -> bool {
    if end < text.len() || end > bare_end || start == 0 {
        return true;
    }
    let before = &text[..start];
    if before.ends_with('-') {
        return true;
    }
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    JOINING_WORDS.contains(&word.to_lowercase().as_str())
}

/// For each text, the indices of the other texts that are proper prefixes of it, longest
/// first. One sort and a stack: in sorted order every prefix of a text comes before it, and
/// every text between the two shares that prefix, so the prefixes of a text are exactly the
/// stack left after popping what is not one.
pub(super) fn proper_prefixes(texts: &[&str]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by(|&a, &b| texts[a].cmp(texts[b]));
    let mut prefixes = vec![Vec::new(); texts.len()];
    let mut stack: Vec<usize> = Vec::new();
    for i in order {
        while let Some(&top) = stack.last() {
            if texts[i].starts_with(texts[top]) && texts[top].len() < texts[i].len() {
                break;
            }
            stack.pop();
        }
        prefixes[i] = stack.iter().rev().copied().collect();
        stack.push(i);
    }
    prefixes
}
