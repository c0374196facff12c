//! Reading a paragraph into words and candidate names: capitalised runs split at common nouns
//! and titles, German adjective-led names ("Zweiten Weltkrieg"), particles inside a name
//! ("Akademie der Wissenschaften", "Office of Rail"), acronyms, hyphenated names ("Kim
//! Jong-un") and the names inside hyphenated compounds ("US" in "US-Sanktionen").
//!
//! Pure functions of the text and the word list; byte ranges always lie on char boundaries.

use std::ops::Range;

use super::words::Words;

/// The language of a paragraph, as far as names go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    German,
    English,
}

impl Lang {
    /// German for `de`, English for everything else (the word lists hold those two).
    pub fn of(code: &str) -> Lang {
        if code.trim().to_lowercase().starts_with("de") {
            Lang::German
        } else {
            Lang::English
        }
    }
}

/// One word of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    /// First word of the paragraph or after `.`, `!`, `?`, `:`, `;`: its capital says nothing.
    pub initial: bool,
    /// Only whitespace lies between this word and the one before.
    pub joined: bool,
}

/// Splits `text` into words: letters and digits, with inner hyphens and apostrophes
/// (`Jong-un`, `Yan'an`, `US-Sanktionen`).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut initial = true;
    let mut joined = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_alphanumeric() {
            let start = at;
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                let inner = matches!(c, '-' | '\'' | '’')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                if c.is_alphanumeric() || inner {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(Token {
                range: start..end,
                initial,
                joined,
            });
            initial = false;
            joined = true;
            i = j;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | ':' | ';' | '…') {
            initial = true;
        }
        // "Entry/Exit System": a slash between two words keeps them together.
        let slash = c == '/'
            && i > 0
            && chars[i - 1].1.is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.1.is_alphanumeric());
        if !c.is_whitespace() && !slash {
            joined = false;
        }
        i += 1;
    }
    out
}

/// The language of one paragraph: the article's, unless its lower-case words are clearly of
/// the other list (an English photo caption in a German article).
pub fn language_of(text: &str, tokens: &[Token], article: Lang, words: &Words) -> Lang {
    let (mut de, mut en) = (0usize, 0usize);
    for t in tokens {
        let w = &text[t.range.clone()];
        if !w.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        match (words.de_lower.contains(w), words.en_lower.contains(w)) {
            (true, false) => de += 1,
            (false, true) => en += 1,
            _ => {}
        }
    }
    if en >= 3 && en > 2 * de {
        Lang::English
    } else if de >= 3 && de > 2 * en {
        Lang::German
    } else {
        article
    }
}

/// What a word is, for finding names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Written lower-case.
    Lower,
    /// A name or part of one (not a common noun, not an ordinary word).
    Name,
    /// An acronym: USA, UN, TASS, COVID-19.
    Acronym,
    /// A capitalised common noun (German) or ordinary word (English).
    Noun,
    /// A capitalised adjective in the middle of a German sentence: "Zweiten", "Deutsche".
    Adjective,
    /// Capitalised only because it starts the sentence, or shouted (HANDOUT).
    Ordinary,
}

/// The role of `word` in a paragraph of language `lang`.
pub fn role(word: &str, initial: bool, lang: Lang, words: &Words) -> Role {
    let Some(first) = word.chars().next() else {
        return Role::Lower;
    };
    if !first.is_uppercase() {
        return Role::Lower;
    }
    let lower = word.to_lowercase();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    if letters >= 2 && upper == letters {
        // HANDOUT, NICHT: an ordinary word in capitals; USA, TASS: an acronym.
        let titled = title_case(&lower);
        let ordinary = letters >= 3
            && (words.de_lower.contains(&lower)
                || words.en_lower.contains(&lower)
                || words.de_noun.contains(&titled)
                || words.en_proper.contains(&titled));
        return if ordinary {
            Role::Ordinary
        } else {
            Role::Acronym
        };
    }
    if let Some((head, tail)) = word.rsplit_once('-') {
        // Jong-un, Son-hui: a name; US-Sanktionen, Ukraine-Krieg: a compound noun.
        if tail.chars().next().is_some_and(char::is_lowercase) {
            return if head.contains('-') && is_noun(tail, lang, words) {
                Role::Noun
            } else {
                Role::Name
            };
        }
        if is_noun(tail, lang, words) {
            return Role::Noun;
        }
        // Russisch-Ukrainischen: an adjective, as in "Russisch-Ukrainischen Kriegs".
        if lang == Lang::German && words.de_lower.contains(&tail.to_lowercase()) {
            return if initial {
                Role::Ordinary
            } else {
                Role::Adjective
            };
        }
        return Role::Name;
    }
    let ordinary_lower = match lang {
        Lang::German => words.de_lower.contains(&lower),
        Lang::English => words.en_lower.contains(&lower),
    };
    if initial && ordinary_lower {
        return Role::Ordinary;
    }
    match lang {
        Lang::German => {
            // A German noun first: the English list has "Land" and "Rice" as surnames.
            // The genitive of a noun the list lacks (Treffens of Treffen); not a name of
            // the English list (Reuters).
            if !words.en_proper.contains(word)
                && let Some(stem) = word.strip_suffix('s').filter(|s| s.chars().count() >= 4)
            {
                let stem_lower = stem.to_lowercase();
                if is_noun(stem, lang, words)
                    || (words.de_lower.contains(&stem_lower)
                        && !is_adjective_form(&stem_lower, words))
                {
                    return Role::Noun;
                }
            }
            // A capitalised ordinary word mid-sentence: an adjective of a name ("Zweiten
            // Weltkrieg") when the list inflects it as one, else a noun made of a verb or
            // missing from the list as a noun ("Treffen", "Grenze").
            if ordinary_lower && !is_proper(word, words) && is_adjective_form(&lower, words) {
                // Before the noun test: the list also has nominalised adjectives (Zweite).
                Role::Adjective
            } else if is_noun(word, lang, words) || (ordinary_lower && !is_proper(word, words)) {
                Role::Noun
            } else {
                Role::Name
            }
        }
        Lang::English => {
            if ordinary_lower && !is_proper(word, words) {
                Role::Noun
            } else {
                Role::Name
            }
        }
    }
}

/// An English proper name of the list, or one with a genitive (Korea's, Putins).
fn is_proper(word: &str, words: &Words) -> bool {
    words.en_proper.contains(word)
        || strip_genitive(word).is_some_and(|base| words.en_proper.contains(base))
}

/// Whether a capitalised word is a common noun: in the list as one, or a compound whose last
/// part is one after a head that is an ordinary word or noun (Panzerzug, Zusammenarbeit).
pub fn is_noun(word: &str, lang: Lang, words: &Words) -> bool {
    let titled = title_case(word);
    match lang {
        Lang::English => words.en_lower.contains(&word.to_lowercase()),
        Lang::German => {
            if words.de_noun.contains(&titled) {
                return true;
            }
            // A noun the list has only inflected (Kriege, Krieges, but no Krieg).
            if ["e", "es", "en"].iter().any(|e| {
                let form = format!("{titled}{e}");
                words.de_noun.contains(&form) || words.de_cap.contains(&form)
            }) {
                return true;
            }
            // Derivational endings only common nouns have: Entstalinisierung, Sicherheit.
            let lower = word.to_lowercase();
            if NOUN_ENDINGS.iter().any(|e| {
                lower
                    .strip_suffix(e)
                    .is_some_and(|stem| stem.chars().count() >= 3)
            }) {
                return true;
            }
            // Singular-only nouns are "other capitalised words" in the list; a compound of a
            // word and a noun is a noun all the same (Zusammenbruch, Existenzangst). A listed
            // word is taken apart only into a listed head and a noun of five letters or more
            // (not Russ-land, Frank-furt).
            compound_noun(&titled, words.de_cap.contains(&titled), words)
        }
    }
}

/// Endings that make common nouns of other words, with their plurals.
pub const NOUN_ENDINGS: &[&str] = &[
    "nis", "nisse", "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften",
    "ismus", "ität", "itäten", "ierung", "ierungen",
];

/// Head + noun: the longest noun tail of at least four letters after a head of at least
/// three that is an ordinary word or a noun, with or without a linking `s`.
fn compound_noun(word: &str, strict: bool, words: &Words) -> bool {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for &(at, _) in chars.iter().take(chars.len().saturating_sub(3)).skip(3) {
        let tail = title_case(&word[at..]);
        // The tail as a listed noun, an inflected form of one (Besuche of Besuch), a long
        // capitalised word (Übergang), or a word the list has only in lower case that is no
        // adjective (Grenze, Freund: nouns the list lacks).
        let tail_lower = tail.to_lowercase();
        let tail_chars = tail.chars().count();
        let listed = words.de_noun.contains(&tail)
            || ["e", "en", "n", "s", "es"].iter().any(|e| {
                tail.strip_suffix(e)
                    .is_some_and(|stem| stem.chars().count() >= 4 && words.de_noun.contains(stem))
            })
            || (tail_chars >= 7 && words.de_cap.contains(&tail))
            || (tail_chars >= 5
                && words.de_lower.contains(&tail_lower)
                && !is_adjective_form(&tail_lower, words));
        if !listed || (strict && tail_chars < 5) {
            continue;
        }
        let head = &word[..at];
        let head_lower = head.to_lowercase();
        let known = |h: &str| {
            words.de_noun.contains(&title_case(h)) || words.de_lower.contains(&h.to_lowercase())
        };
        if known(head) || words.de_lower.contains(&head_lower) {
            return true;
        }
        // A linking or dropped ending (Grenzstadt, Grenzübergang: Grenze).
        if known(&format!("{head}e")) || known(&format!("{head}en")) {
            return true;
        }
        // Any head before a long noun (Pferdefreund, Vizefinanzminister), but not in a
        // word the list has.
        if !strict && tail_chars >= 6 {
            return true;
        }
        if let Some(linked) = head.strip_suffix('s')
            && linked.chars().count() >= 3
            && known(linked)
        {
            return true;
        }
    }
    false
}

/// Whether a lower-case word is a form of an adjective the list inflects fully (russischen:
/// russische, russischer, russisches; zweiten; vereinten).
pub fn is_adjective_form(word: &str, words: &Words) -> bool {
    let stem = ["en", "er", "es", "em", "e"]
        .iter()
        .find_map(|e| word.strip_suffix(e))
        .filter(|s| s.chars().count() >= 3);
    // The bare stem is a word too (kalt, deutsch, vereint; not treff, grenz), and a strong
    // ending exists (kalter, deutsches; not sagter: "sagte" is a verb).
    stem.is_some_and(|stem| {
        words.de_lower.contains(stem)
            && (words.de_lower.contains(&format!("{stem}er"))
                || words.de_lower.contains(&format!("{stem}es")))
            && ["e", "en", "er", "es"]
                .iter()
                .filter(|e| words.de_lower.contains(&format!("{stem}{e}")))
                .count()
                >= 2
    })
}

/// `Korea's` → `Korea`.
pub fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
}

/// `Putins` → `Putin`, `Korea's` → `Korea`.
pub fn strip_genitive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('s').filter(|b| b.chars().count() >= 3))
}

/// First letter upper-case, the rest lower-case.
pub fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// A candidate name: token indices of a paragraph, with the roles it was built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub tokens: Range<usize>,
    /// Led by a capitalised adjective in mid-sentence ("Zweiten Weltkrieg").
    pub adjective_led: bool,
    /// Found only as the name part of a hyphenated compound ("US" of "US-Sanktionen").
    pub in_compound: bool,
    /// Byte range in the paragraph (for a compound part: of the part).
    pub range: Range<usize>,
}

/// Particles that may stand inside a name between two capitalised words.
fn is_particle(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::German => matches!(
            word,
            "von" | "van" | "de" | "al" | "bin" | "ibn" | "der" | "des"
        ),
        Lang::English => matches!(
            word,
            "of" | "for"
                | "de"
                | "du"
                | "la"
                | "von"
                | "van"
                | "der"
                | "al"
                | "bin"
                | "ibn"
                | "da"
                | "di"
        ),
    }
}

/// Particles inside a person's name.
fn is_person_particle(word: &str) -> bool {
    matches!(
        word,
        "von" | "van" | "de" | "al" | "bin" | "ibn" | "da" | "di" | "du" | "la"
    )
}

/// The candidate names of one paragraph: runs of capitalised words, trimmed and split.
pub fn candidates(
    text: &str,
    tokens: &[Token],
    roles: &[Role],
    lang: Lang,
    words: &Words,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if matches!(roles[i], Role::Lower | Role::Ordinary) {
            compound_parts(text, &tokens[i], roles[i], i, &mut out);
            i += 1;
            continue;
        }
        // A run of joined capitalised words, particles allowed between two of them.
        // An English possessive ends a name ("the European Union's Entry/Exit System").
        let possessive = |t: usize| {
            lang == Lang::English && strip_possessive(&text[tokens[t].range.clone()]).is_some()
        };
        let start = i;
        let mut end = i + 1;
        let mut saw_of = false;
        while end < tokens.len() && tokens[end].joined && !possessive(end - 1) {
            if !matches!(roles[end], Role::Lower | Role::Ordinary) {
                end += 1;
                continue;
            }
            let word = &text[tokens[end].range.clone()];
            // "Office of Rail and Road": "and" joins once, after "of".
            let and = saw_of && word == "and" && lang == Lang::English;
            saw_of = (saw_of || word == "of") && !and;
            let particle = roles[end] == Role::Lower && (is_particle(word, lang) || and);
            let next_caps = tokens.get(end + 1).is_some_and(|t| t.joined)
                && roles
                    .get(end + 1)
                    .is_some_and(|r| !matches!(r, Role::Lower | Role::Ordinary));
            if particle && next_caps {
                end += 2;
            } else {
                break;
            }
        }
        for t in start..end {
            compound_parts(text, &tokens[t], roles[t], t, &mut out);
        }
        split_run(text, tokens, roles, start..end, lang, words, &mut out);
        i = end;
    }
    out
}

/// The name parts of a hyphenated compound noun: "US" of "US-Sanktionen", "Ukraine" of
/// "Ukraine-Krieg", "Kim" of "Kim-Dynastie".
fn compound_parts(text: &str, token: &Token, role: Role, index: usize, out: &mut Vec<Candidate>) {
    if role != Role::Noun {
        return;
    }
    let word = &text[token.range.clone()];
    let Some((head, _)) = word.rsplit_once('-') else {
        return;
    };
    let mut offset = token.range.start;
    for part in head.split('-') {
        if part.chars().next().is_some_and(char::is_uppercase) && part.chars().count() >= 2 {
            out.push(Candidate {
                tokens: index..index + 1,
                adjective_led: false,
                in_compound: true,
                range: offset..offset + part.len(),
            });
        }
        offset += part.len() + 1;
    }
}

fn split_run(
    text: &str,
    tokens: &[Token],
    roles: &[Role],
    run: Range<usize>,
    lang: Lang,
    words: &Words,
    out: &mut Vec<Candidate>,
) {
    let mut push = |r: Range<usize>, adjective_led: bool| {
        // A name never ends in a particle.
        let mut r = r;
        while r.end > r.start && roles[r.end - 1] == Role::Lower {
            r.end -= 1;
        }
        if r.is_empty() {
            return;
        }
        let last = &text[tokens[r.end - 1].range.clone()];
        let end =
            tokens[r.end - 1].range.start + strip_possessive(last).map_or(last.len(), str::len);
        out.push(Candidate {
            range: tokens[r.start].range.start..end,
            tokens: r,
            adjective_led,
            in_compound: false,
        });
    };
    if lang == Lang::English {
        // Capitals in mid-sentence make a name even of ordinary words ("Network Rail",
        // "Office of Rail"); a title before a person's name is left out ("Transport Secretary
        // Louise Haigh").
        let ordinary = |k: usize| {
            let w = &text[tokens[k].range.clone()];
            words.en_lower.contains(&w.to_lowercase())
        };
        // The last title word before two or more name words: "Russian Foreign Minister
        // Sergei Lavrov" → "Sergei Lavrov".
        let person = (run.start + 1..run.end.saturating_sub(1)).rev().find(|&k| {
            ordinary(k - 1)
                && roles[k - 1] != Role::Lower
                && (k..run.end).all(|p| !ordinary(p) && roles[p] == Role::Name)
        });
        push(person.unwrap_or(run.start)..run.end, false);
        return;
    }
    let mut i = run.start;
    while i < run.end {
        match roles[i] {
            Role::Adjective => {
                // Adjectives, then the noun or name they qualify, then "der X" chains:
                // "Zweiten Weltkrieg", "Russische Akademie der Wissenschaften".
                let mut j = i;
                while j < run.end && roles[j] == Role::Adjective {
                    j += 1;
                }
                if j < run.end && matches!(roles[j], Role::Noun | Role::Name | Role::Acronym) {
                    j += 1;
                    while j + 1 < run.end && roles[j] == Role::Lower {
                        let mut k = j + 1;
                        while k < run.end && roles[k] == Role::Adjective {
                            k += 1;
                        }
                        if k < run.end && matches!(roles[k], Role::Noun | Role::Name) {
                            j = k + 1;
                        } else {
                            break;
                        }
                    }
                    push(i..j, true);
                }
                i = j.max(i + 1);
            }
            Role::Noun => {
                // A title before a name ("Präsident Putin") is left out; a noun on its own is
                // a candidate the scores judge.
                let mut j = i;
                while j < run.end && roles[j] == Role::Noun {
                    j += 1;
                }
                if j == run.end || roles[j] == Role::Lower {
                    push(i..j, false);
                }
                i = j;
            }
            Role::Name | Role::Acronym => {
                let mut j = i;
                while j < run.end {
                    match roles[j] {
                        Role::Name | Role::Acronym => j += 1,
                        // A given name before a surname that is also a noun (Martin Seiler).
                        Role::Noun
                            if j == i + 1
                                && words.en_proper.contains(&text[tokens[i].range.clone()])
                                && !NOUN_ENDINGS
                                    .iter()
                                    .chain(&["en", "e"])
                                    .any(|e| text[tokens[j].range.clone()].ends_with(e))
                                && (j + 1 == run.end || roles[j + 1] == Role::Lower) =>
                        {
                            j += 1
                        }
                        // "Ursula von der Leyen", not "Zusammenbruch der Sowjetunion".
                        Role::Lower
                            if j + 1 < run.end
                                && is_person_particle(&text[tokens[j].range.clone()])
                                && matches!(roles[j + 1], Role::Name | Role::Acronym) =>
                        {
                            j += 2
                        }
                        _ => break,
                    }
                }
                push(i..j, false);
                i = j;
            }
            Role::Lower | Role::Ordinary => i += 1,
        }
    }
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
