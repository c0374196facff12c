//! Words for full-text search: text split into words, folded (case, diacritics, `ß`→`ss`) and
//! reduced to their stem by the Snowball stemmer of the article's language (German, English;
//! other languages are folded only). The index, the in-memory store, queries and passage
//! highlighting all take their terms from here, so they always agree on what a word is.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;

use super::fold::fold_str;

/// Longest term kept, in bytes; longer words are cut (a 20 MB "word" is not a word).
const MAX_TERM: usize = 64;

/// The languages with a stemmer; anything else is folded only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    German,
    English,
    Other,
}

impl Language {
    /// From an article's `language` field (`de`, `de-AT`, `en`, `en-GB`, …).
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag.split(['-', '_']).next().unwrap_or("").trim();
        match primary.to_ascii_lowercase().as_str() {
            "de" | "deu" | "ger" | "german" => Language::German,
            "en" | "eng" | "english" => Language::English,
            _ => Language::Other,
        }
    }

    /// The forms a query word may take in an index: its German stem, its English stem and the
    /// folded word itself (for articles in other languages).
    pub const QUERY_FORMS: [Language; 3] = [Language::German, Language::English, Language::Other];
}

fn stemmer(language: Language) -> Option<&'static Stemmer> {
    static GERMAN: OnceLock<Stemmer> = OnceLock::new();
    static ENGLISH: OnceLock<Stemmer> = OnceLock::new();
    match language {
        Language::German => Some(GERMAN.get_or_init(|| Stemmer::create(Algorithm::German))),
        Language::English => Some(ENGLISH.get_or_init(|| Stemmer::create(Algorithm::English))),
        Language::Other => None,
    }
}

/// Whether `c` belongs to a word: letters, digits and combining marks (dropped by folding).
fn is_term_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The word character starting at byte `at` of `text` (a char boundary), and its length.
fn term_char_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (byte.is_ascii_alphanumeric(), 1);
    }
    match text[at..].chars().next() {
        Some(c) => (is_term_char(c), c.len_utf8()),
        None => (false, 1),
    }
}

/// The words of `text` with their byte ranges, unfolded. Scans bytes, decoding only where a
/// character is not ASCII.
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() {
            let (word, len) = term_char_at(text, at);
            if word {
                break;
            }
            at += len;
        }
        if at >= text.len() {
            return None;
        }
        let start = at;
        while at < text.len() {
            let (word, len) = term_char_at(text, at);
            if !word {
                break;
            }
            at += len;
        }
        Some((start..at, &text[start..at]))
    })
}

/// Folds one word into `out` (cleared first), keeping only characters that are word
/// characters after folding, cut at `MAX_TERM` bytes.
fn fold_word(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(&word[..word.len().min(MAX_TERM)]);
        out.make_ascii_lowercase();
        return;
    }
    for c in fold_str(word).chars().filter(|&c| c.is_alphanumeric()) {
        if out.len() + c.len_utf8() > MAX_TERM {
            break;
        }
        out.push(c);
    }
}

/// The term of a folded word in `language`: its stem, or the word itself for numbers and
/// languages without a stemmer.
pub fn stem(folded: &str, language: Language) -> String {
    match stemmer(language) {
        Some(stemmer) if !folded.bytes().any(|b| b.is_ascii_digit()) => {
            stemmer.stem(folded).into_owned()
        }
        _ => folded.to_string(),
    }
}

/// The folded form of one word (no stemming), for prefix queries.
pub fn folded(word: &str) -> String {
    let mut out = String::new();
    fold_word(word, &mut out);
    out
}

/// Turns text into terms, remembering recent stems: an index build sees the same words again
/// and again. One per thread.
pub struct Terms {
    language: Language,
    cache: FastMap<String, String>,
    scratch: String,
}

/// FNV-1a: words are short and come from our own parser, so a fast hash beats SipHash's
/// protection against chosen collisions (a cache of at most `CACHE_LIMIT` entries).
#[derive(Default)]
pub struct WordHasher(u64);

/// A hash map keyed by our own short strings (words, file names), hashed with FNV-1a.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// Stems kept per `Terms` before the cache starts over.
const CACHE_LIMIT: usize = 200_000;

impl Terms {
    pub fn new(language: Language) -> Terms {
        Terms {
            language,
            cache: HashMap::default(),
            scratch: String::new(),
        }
    }

    pub fn set_language(&mut self, language: Language) {
        if language != self.language {
            self.language = language;
            self.cache.clear();
        }
    }

    /// Calls `found` with the byte range and the term of every word of `text` that leaves
    /// something after folding. One hash lookup per word once its stem is known.
    fn each(&mut self, text: &str, mut found: impl FnMut(Range<usize>, &str)) {
        let mut scratch = std::mem::take(&mut self.scratch);
        for (range, word) in words(text) {
            fold_word(word, &mut scratch);
            if scratch.is_empty() {
                continue;
            }
            if let Some(term) = self.cache.get(scratch.as_str()) {
                found(range, term);
                continue;
            }
            if self.cache.len() >= CACHE_LIMIT {
                self.cache.clear();
            }
            let stemmed = stem(&scratch, self.language);
            found(range, &stemmed);
            self.cache.insert(scratch.clone(), stemmed);
        }
        self.scratch = scratch;
    }

    /// Appends the terms of `text` to `out`, separated by single spaces; returns how many.
    pub fn append(&mut self, text: &str, out: &mut String) -> usize {
        let mut count = 0;
        self.each(text, |_, term| {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(term);
            count += 1;
        });
        count
    }

    /// The terms of `text` with the byte range of the word each came from.
    pub fn spans(&mut self, text: &str) -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        self.each(text, |range, term| out.push((range, term.to_string())));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, language: Language) -> String {
        let mut out = String::new();
        Terms::new(language).append(text, &mut out);
        out
    }

    #[test]
    fn german_word_forms_share_a_stem() {
        assert_eq!(
            terms("Sanktion Sanktionen", Language::German),
            "sanktion sanktion"
        );
        assert_eq!(terms("Putins Putin", Language::German), "putin putin");
    }

    #[test]
    fn english_word_forms_share_a_stem() {
        assert_eq!(
            terms("sanctions sanctioned", Language::English),
            "sanction sanction"
        );
    }

    #[test]
    fn folding_removes_case_diacritics_and_sharp_s() {
        assert_eq!(
            terms("Pjöngjang Rasŏn STRASSE Straße", Language::Other),
            "pjongjang rason strasse strasse"
        );
    }

    #[test]
    fn words_split_at_hyphens_and_punctuation_and_keep_their_ranges() {
        let found: Vec<_> = words("Kim Jong-un, 2023.").collect();
        assert_eq!(
            found,
            vec![
                (0..3, "Kim"),
                (4..8, "Jong"),
                (9..11, "un"),
                (13..17, "2023")
            ]
        );
    }

    #[test]
    fn numbers_are_never_stemmed() {
        assert_eq!(terms("1990er 2023", Language::German), "1990er 2023");
    }

    #[test]
    fn giant_words_are_cut_and_terms_hold_no_separator() {
        let giant = "ä".repeat(10_000);
        let out = terms(&giant, Language::Other);
        assert!(out.len() <= MAX_TERM);
        assert!(out.bytes().all(|b| b.is_ascii_alphanumeric()));
    }

    #[test]
    fn language_tags_pick_the_stemmer() {
        assert_eq!(Language::from_tag("de-AT"), Language::German);
        assert_eq!(Language::from_tag("EN"), Language::English);
        assert_eq!(Language::from_tag("fr"), Language::Other);
    }
}
