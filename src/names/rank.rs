//! From the forms a `Suggester` collected to ranked suggestions: how much each form looks like
//! a name (word list and use in the corpus), the variants of one name grouped (inflected forms,
//! adjective forms, a surname with its full name, an acronym with the long form the text pairs
//! it with), and the groups ordered by how sure and how present they are.

use std::collections::{BTreeSet, HashMap};

use super::kind::guess;
use super::scan::{Role, strip_genitive, title_case};
use super::words::{Words, words};
use super::{Example, Form, Suggester, Suggestion};
use crate::corpus::fold::fold_str;

/// A form must look at least this much like a name to be suggested.
const QUALIFIES: f64 = 1.0;

/// A form named only once must look this much like a name to be suggested.
const SURE_ONCE: f64 = 2.0;

/// How much a form looks like a name: positive for names, negative for ordinary words.
fn name_score(form: &Form, lower: &HashMap<String, usize>, words: &Words) -> f64 {
    let role = form.role.unwrap_or(Role::Name);
    let mut score = if form.words > 1 {
        if form.adjective_led {
            2.0
        } else if role == Role::Noun {
            // English capitals make names of ordinary words; German nouns are capitalised
            // anyway ("Land Zusicherungen").
            if form.german { -3.0 } else { 1.5 }
        } else {
            2.5
        }
    } else {
        match role {
            Role::Acronym => 2.0,
            Role::Name => single_name_score(&form.text, form.german, lower, words),
            Role::Noun | Role::Adjective | Role::Ordinary | Role::Lower => -3.0,
        }
    };
    if form.mid + form.in_compound == 0 {
        // Only ever at the start of a sentence: its capital says nothing, unless no list
        // knows the word (Getlink).
        score -= if form.words == 1
            && role == Role::Name
            && (!known_word(&form.text, words) || words.en_proper.contains(&form.text))
        {
            1.0
        } else {
            2.0
        };
    }
    if form.words == 1
        && form.german
        && super::scan::NOUN_ENDINGS
            .iter()
            .any(|e| form.text.ends_with(e) && form.text.len() > e.len() + 3)
    {
        // Unterstützung, Ereignis: endings only common nouns have.
        score -= 4.0;
    }
    if form.words == 1 && is_calendar_word(&form.text) {
        score -= 4.0;
    }
    if form.mentions >= 1
        && form.words == 1
        && form.adjectival * 2 > form.mentions
        && demonym_shape(&form.text)
    {
        // "British regulator", "French state operator": an adjective of a people.
        score -= 2.5;
    }
    if form.dated * 3 >= form.mentions.max(1) {
        // "im September 2012", "9. Mai": a date.
        score -= 2.0;
    }
    if form.mentions >= 2 && form.modified * 2 > form.mentions {
        // "die Lage", "seinen Zug": used like a common noun.
        score -= 1.5;
    }
    score
}

fn known_word(w: &str, words: &Words) -> bool {
    let l = w.to_lowercase();
    let t = title_case(w);
    words.de_lower.contains(&l)
        || words.en_lower.contains(&l)
        || words.de_noun.contains(&t)
        || words.de_cap.contains(&t)
        || words.en_proper.contains(w)
}

fn single_name_score(
    text: &str,
    german: bool,
    lower: &HashMap<String, usize>,
    words: &Words,
) -> f64 {
    let base = strip_genitive(text).unwrap_or(text);
    let known = |w: &str| {
        let l = w.to_lowercase();
        let t = title_case(w);
        words.de_lower.contains(&l)
            || words.en_lower.contains(&l)
            || words.de_noun.contains(&t)
            || words.de_cap.contains(&t)
            || words.en_proper.contains(w)
    };
    let mut score = 0.0;
    let noun = words.de_noun.contains(text) || words.de_noun.contains(base);
    // A name of the English list, or a word no list knows (Lawrow, Weselsky).
    let proper = !noun && (words.en_proper.contains(text) || words.en_proper.contains(base));
    if proper || (!known(text) && !known(base)) {
        score += 2.0;
    } else if words.de_cap.contains(text) || words.de_cap.contains(base) {
        score += 1.0;
    }
    let written_lower = text.to_lowercase();
    if german && words.en_lower.contains(&written_lower) && !words.en_proper.contains(text) {
        // A loanword (Regime, Status, Munition): ordinary in English, so no name in German.
        score -= 2.0;
    }
    if lower.get(&written_lower).copied().unwrap_or(0) > 0 {
        score -= 2.5;
    }
    score
}

/// The grouping key of a form: folded words, adjective endings taken off.
fn key(form: &Form) -> String {
    let words: Vec<&str> = form.text.split(' ').collect();
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let f = fold_str(w).replace('-', " ");
            if form.adjective_led && i < last {
                strip_ending(&f).to_string()
            } else {
                f
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip_ending(word: &str) -> &str {
    for ending in ["en", "er", "es", "em", "e"] {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.chars().count() >= 3
        {
            return stem;
        }
    }
    word
}

/// Inflectional endings a form may add to its base: genitive, weak and plural.
const ENDINGS: &[&str] = &["s", "es", "n", "en", "'s", "’s"];

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, i: usize) -> usize {
        let mut i = i;
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[b] = a;
        }
    }
}

/// Two names side by side ("besuchte Sergei Schoigu Pjöngjang", "Staatschefs Wladimir
/// Putin") are two mentions, not one name: a form is split where both sides are used on
/// their own elsewhere, and its mentions go to both.
fn split_adjacent_names(mut forms: Vec<Form>) -> Vec<Form> {
    let index: HashMap<String, usize> = forms
        .iter()
        .enumerate()
        .map(|(i, f)| (f.text.clone(), i))
        .collect();
    let alone = |text: &str| -> Option<usize> {
        index
            .get(text)
            .or_else(|| strip_genitive(text).and_then(|b| index.get(b)))
            .copied()
            .filter(|&i| forms[i].mentions > forms[i].in_compound)
    };
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    // (form, left part, right part or the text the form keeps)
    let mut moves: Vec<(usize, usize, Result<usize, String>)> = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        if f.words < 2 || f.adjective_led {
            continue;
        }
        let words: Vec<&str> = f.text.split(' ').collect();
        let split = (1..words.len()).find_map(|k| {
            // A particle at the seam belongs to neither side ("Russland von Pjöngjang").
            let mut l = k;
            while l > 1 && lower(words[l - 1]) {
                l -= 1;
            }
            let mut r = k;
            while r + 1 < words.len() && lower(words[r]) {
                r += 1;
            }
            if lower(words[k - 1]) && l == k {
                return None;
            }
            let left = words[..l].join(" ");
            let right = words[r..].join(" ");
            let left_alone = alone(&left).filter(|&x| x != i)?;
            match alone(&right) {
                Some(x) if x != i => Some((left_alone, Ok(x))),
                // "Chinas Mao Zedong": a genitive before a name of two words.
                _ if words.len() - r >= 2
                    && l == 1
                    && strip_genitive(words[0]).is_some_and(|b| index.contains_key(b)) =>
                {
                    Some((left_alone, Err(right)))
                }
                _ => None,
            }
        });
        if let Some((l, r)) = split {
            moves.push((i, l, r));
        }
    }
    for (i, l, r) in moves {
        let (mentions, mid, articles) =
            (forms[i].mentions, forms[i].mid, forms[i].articles.clone());
        let parts: Vec<usize> = match r {
            Ok(r) => vec![l, r],
            Err(right) => {
                forms[i].words = right.split(' ').count();
                forms[i].text = right;
                vec![l]
            }
        };
        for &part in &parts {
            let p = &mut forms[part];
            p.mentions += mentions;
            p.mid += mid;
            for a in &articles {
                if !p.articles.contains(a) {
                    p.articles.push(*a);
                }
            }
        }
        if parts.len() == 2 {
            forms[i].mentions = 0;
        }
    }
    forms.retain(|f| f.mentions > 0);
    forms
}

/// The people of a place are not an entity of their own: "Nordkoreaner", "Moskauer".
fn demonyms(forms: &[Form], scores: &mut [f64]) {
    let names: std::collections::HashSet<String> = forms
        .iter()
        .zip(scores.iter())
        .filter(|(f, s)| f.words == 1 && **s >= QUALIFIES)
        .map(|(f, _)| f.text.clone())
        .collect();
    for (f, score) in forms.iter().zip(scores.iter_mut()) {
        if f.words != 1 || !f.german {
            continue;
        }
        let people = ["ern", "er", "ner", "nern", "n"].iter().any(|e| {
            f.text
                .strip_suffix(e)
                .is_some_and(|base| names.contains(base) || names.contains(&format!("{base}e")))
        });
        if people {
            *score -= 4.0;
        }
    }
}

/// Days and months: proper nouns by grammar, never entities.
fn is_calendar_word(word: &str) -> bool {
    const CALENDAR: &[&str] = &[
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "januar",
        "februar",
        "marz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "october",
        "december",
    ];
    let folded = fold_str(strip_genitive(word).unwrap_or(word));
    CALENDAR.contains(&fold_str(word).as_str()) || CALENDAR.contains(&folded.as_str())
}

/// The ending of an English adjective of a people: British, Chinese, Russian, French.
fn demonym_shape(word: &str) -> bool {
    ["ish", "ese", "ian", "an", "ch", "ic", "i"]
        .iter()
        .any(|e| word.ends_with(e))
}

/// A common noun made with a name ("Koreakrieg", "UN-Sicherheitsrat", "Kim-Dynastie") that
/// recurs is a name of its own: an event, a body, a dynasty. Its score is raised to just
/// qualify when its head is a name found on its own.
fn name_compounds(forms: &[Form], scores: &mut [f64]) {
    let names: std::collections::HashSet<String> = forms
        .iter()
        .zip(scores.iter())
        .filter(|(f, s)| f.words == 1 && **s >= QUALIFIES)
        .map(|(f, _)| f.text.to_lowercase())
        .collect();
    for (f, score) in forms.iter().zip(scores.iter_mut()) {
        if f.words != 1 || f.role != Some(Role::Noun) || f.mentions < 2 || f.mid == 0 {
            continue;
        }
        let lower = f.text.to_lowercase();
        let head_is_name = lower
            .char_indices()
            .skip(2)
            .map(|(i, _)| &lower[..i])
            .any(|head| {
                // At a hyphen (UN-Sicherheitsrat) or a name of four letters or more
                // (Koreakrieg), not "un" of "Unterstützung".
                (head.ends_with('-') || head.chars().count() >= 4)
                    && names.contains(head.trim_end_matches('-'))
            });
        if head_is_name {
            *score = QUALIFIES;
        }
    }
}

/// Whether every word of a name of several words could be part of a person's name: none is
/// an ordinary word or a common noun ("North Korea" is not one).
fn person_like(form: &Form, words: &Words) -> bool {
    form.words > 1
        && !form.adjective_led
        && form.text.split([' ', '-']).all(|w| {
            let l = w.to_lowercase();
            w.chars().next().is_some_and(char::is_uppercase)
                && (!words.en_lower.contains(&l) || words.en_proper.contains(w))
                && !words.de_lower.contains(&l)
                && !(form.german
                    && super::scan::is_noun(w, super::scan::Lang::German, words)
                    && !words.en_proper.contains(w))
        })
}

pub(super) fn rank(s: Suggester, article: Option<&str>) -> Vec<Suggestion> {
    let words = words();
    let forms: Vec<Form> = s
        .forms
        .into_values()
        // Forms of the catalogue (and their genitives) were never collected.
        .filter(|f| f.covered * 2 <= f.mentions)
        .collect();
    let forms = split_adjacent_names(forms);
    let mut scores: Vec<f64> = forms
        .iter()
        .map(|f| name_score(f, &s.lower, words))
        .collect();
    name_compounds(&forms, &mut scores);
    demonyms(&forms, &mut scores);
    let keys: Vec<String> = forms.iter().map(key).collect();
    let mut groups = UnionFind((0..forms.len()).collect());
    let by_key: HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    // The same key, and inflected forms with their base: Putins → Putin, Kalten Krieges →
    // Kalten Krieg, Kim Jong Un → Kim Jong-un.
    for (i, k) in keys.iter().enumerate() {
        if let Some(&j) = by_key.get(k.as_str()) {
            groups.union(j, i);
        }
        for ending in ENDINGS {
            if let Some(base) = k.strip_suffix(ending)
                && let Some(&j) = by_key.get(base)
            {
                groups.union(j, i);
            }
        }
    }
    // A surname or given name alone joins the most named person's name it starts or ends,
    // when that name is used often enough to be what the short form means.
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, f) in forms.iter().enumerate() {
        if person_like(f, words) {
            let words: Vec<&str> = keys[i].split(' ').collect();
            for w in [words[0], words[words.len() - 1]] {
                by_word.entry(w.to_string()).or_default().push(i);
            }
        }
    }
    for (i, f) in forms.iter().enumerate() {
        if f.words != 1 || f.role == Some(Role::Acronym) {
            continue;
        }
        let k = &keys[i];
        let word = std::iter::once(k.as_str())
            .chain(ENDINGS.iter().filter_map(|e| k.strip_suffix(e)))
            .find(|w| by_word.contains_key(*w));
        let Some(full) = word.and_then(|w| by_word.get(w)).and_then(|c| {
            c.iter()
                .copied()
                .max_by_key(|&j| (forms[j].mentions, std::cmp::Reverse(j)))
        }) else {
            continue;
        };
        groups.union(full, i);
    }
    // A name and the same name with a first word a sentence start left out ("British
    // Railways" of "Great British Railways").
    for (i, k) in keys.iter().enumerate() {
        if let Some((_, rest)) = k.split_once(' ')
            && rest.contains(' ')
            && let Some(&j) = by_key.get(rest)
        {
            groups.union(i, j);
        }
    }
    // An acronym and the long form the text pairs it with.
    let by_text: HashMap<&str, usize> = forms
        .iter()
        .enumerate()
        .map(|(i, f)| (f.text.as_str(), i))
        .collect();
    for (i, f) in forms.iter().enumerate() {
        if let Some(j) = f.paired.as_deref().and_then(|p| by_text.get(p)) {
            groups.union(*j, i);
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..forms.len() {
        let root = groups.find(i);
        members.entry(root).or_default().push(i);
    }
    let wanted = article
        .and_then(|a| s.docs.iter().position(|(k, _)| k == a))
        .map(|i| i as u32);
    let mut out = Vec::new();
    for (_, members) in members {
        let best = members.iter().map(|&i| scores[i]).fold(f64::MIN, f64::max);
        if best < QUALIFIES {
            continue;
        }
        let mentions: usize = members.iter().map(|&i| forms[i].mentions).sum();
        let articles: BTreeSet<u32> = members
            .iter()
            .flat_map(|&i| forms[i].articles.iter().copied())
            .collect();
        if article.is_some() && !wanted.is_some_and(|w| articles.contains(&w)) {
            continue;
        }
        if forms[members[0]]
            .text
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            < 2
        {
            // A letter on its own ("Lawrow (L)") names nothing.
            continue;
        }
        if mentions == 1 && best < SURE_ONCE {
            // Named once, and only just looking like a name: mostly a noun, whatever the
            // word list says ("Antwort", "Luxuszug"); a real name this rare can wait.
            continue;
        }
        // The name: the longest form that qualifies, most named, without an ending another
        // form lacks.
        let name_of = members
            .iter()
            .copied()
            .filter(|&i| scores[i] >= QUALIFIES)
            .max_by(|&a, &b| {
                let rank = |i: usize| {
                    let f = &forms[i];
                    let inflected = ENDINGS.iter().any(|e| {
                        keys[i]
                            .strip_suffix(e)
                            .is_some_and(|base| members.iter().any(|&m| keys[m] == base))
                    });
                    let acronym = f.role == Some(Role::Acronym) && f.words == 1;
                    (keys[i].split(' ').count(), !acronym, !inflected, f.mentions)
                };
                rank(a).cmp(&rank(b)).then(b.cmp(&a))
            })
            .unwrap_or(members[0]);
        let name = forms[name_of].text.clone();
        let mut aliases: Vec<String> = members
            .iter()
            .filter(|&&i| i != name_of)
            .map(|&i| forms[i].text.clone())
            .collect();
        aliases.sort_by(|a, b| {
            let m = |t: &str| {
                members
                    .iter()
                    .find(|&&i| forms[i].text == t)
                    .map_or(0, |&i| forms[i].mentions)
            };
            m(b).cmp(&m(a)).then(a.cmp(b))
        });
        let mut cues = super::kind::Cues::default();
        for &i in &members {
            cues.add(&forms[i].cues);
        }
        let head = &forms[name_of];
        let person_like = head.words > 1 && !head.adjective_led && head.role == Some(Role::Name);
        let kind = guess(
            &name,
            head.words,
            head.role == Some(Role::Acronym),
            person_like,
            &cues,
            words,
        );
        let mut examples: Vec<&(u32, usize, String)> =
            members.iter().flat_map(|&i| &forms[i].examples).collect();
        examples.sort_by_key(|e| (e.0, e.1));
        examples.dedup_by_key(|e| e.0);
        let examples: Vec<Example> = examples
            .into_iter()
            .take(2)
            .map(|(a, b, sentence)| Example {
                article: s.docs[*a as usize].0.clone(),
                paragraph: crate::corpus::article::paragraph_number(*b),
                sentence: sentence.clone(),
            })
            .collect();
        let first = members
            .iter()
            .filter_map(|&i| forms[i].first)
            .min_by_key(|(a, p)| (*a, *p))
            .map(|(a, p)| (s.docs[a as usize].1.clone(), p))
            .unwrap_or_else(|| (String::new(), crate::diag::Position { line: 1, col: 1 }));
        // Sure enough to be suggested, then ordered by how present it is.
        let score = 0.5 * best.min(2.0)
            + 1.5 * (1.0 + mentions as f64).ln()
            + (articles.len() as f64 - 1.0);
        out.push(Suggestion {
            name,
            aliases,
            kind,
            mentions,
            articles: articles
                .iter()
                .map(|&a| s.docs[a as usize].0.clone())
                .collect(),
            examples,
            first,
            score,
            confidence: best,
        });
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)));
    out
}
