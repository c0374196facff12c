//! Forms of a name the catalogue does not list: endings the linker accepts after a form (by
//! the entity's kind and the article's language) and whole forms generated from it (German
//! adjective declension in multi-word names, spellings of Korean given names).
//!
//! Endings cost nothing at match time: the automaton finds the listed form and the linker
//! takes an allowed ending after it when a word boundary follows. Generated whole forms are
//! extra patterns; an explicit form of any entity, or an ignored form, always beats them.
//!
//! An ending can make an ordinary word of a name ("Rom" + "s" is "Roms", a common noun too).
//! Such a form is still generated, and `check` reports it where it was linked
//! (`ending_makes_a_word`), because not generating it would drop true mentions silently
//! ("Roms Bürgermeister" is Rome's) while a report lets the user decide: confirm it as an
//! alias, or ignore it for that entity. It also keeps the word list (embedded, a second to
//! decode in a debug build) out of every command that links: only `check` reads it, as its
//! suggestions do anyway. A name that is itself an ordinary word ("Sicherheitsrat") was listed
//! knowingly; its inflected forms are the same word and are not reported. Declined whole forms
//! have several words and are never in the word list.

use super::catalogue::EntityKind;

/// The language of an article, as far as forms are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    German,
    English,
    Other,
}

impl Lang {
    /// The language of an article's `language` field (an ISO 639-1 code, maybe with a region).
    pub fn of(code: &str) -> Lang {
        let code = code.trim();
        let primary = code.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("de") {
            Lang::German
        } else if primary.eq_ignore_ascii_case("en") {
            Lang::English
        } else {
            Lang::Other
        }
    }

    /// The bit of this language in a `Langs` mask.
    pub const fn bit(self) -> u8 {
        match self {
            Lang::German => 1,
            Lang::English => 2,
            Lang::Other => 4,
        }
    }
}

/// A set of languages as bits (`Lang::bit`).
pub type Langs = u8;
pub const ALL_LANGS: Langs = 7;

/// Endings the linker may take after a form, as bits.
pub type Endings = u8;
/// Genitive or plural `-s` ("Putins", "Moskaus", "Kims"), in every language.
pub const S: Endings = 1;
/// German genitive `-es` of nouns ("Krieges", "UN-Sicherheitsrates").
pub const ES: Endings = 2;
/// German `-n` of nouns and nominalised adjectives ending in `-e` ("Winterspielen").
pub const N: Endings = 4;
/// Possessive `'s` / `’s` ("Putin's", "Russia’s"), in every language.
pub const POSSESSIVE: Endings = 8;

/// The endings a form of an entity of `kind` takes in articles of language `lang`.
pub fn endings(form: &str, kind: EntityKind, lang: Lang) -> Endings {
    let Some(last) = form.chars().next_back() else {
        return 0;
    };
    if !last.is_alphanumeric() {
        return 0;
    }
    let mut endings = S | POSSESSIVE;
    let noun_like = kind != EntityKind::Person;
    let acronym = form
        .split([' ', '-'])
        .next_back()
        .is_some_and(|w| w.chars().all(|c| !c.is_lowercase()));
    if lang == Lang::German && noun_like && !acronym && last.is_alphabetic() {
        if last == 'e' {
            endings |= N;
        } else if !is_vowel(last) {
            endings |= ES;
        }
    }
    endings
}

/// The text of ending `bit` as it follows a form; `None` for the possessive, which has two.
pub fn ending_texts(bit: Endings) -> &'static [&'static str] {
    match bit {
        S => &["s"],
        ES => &["es"],
        N => &["n"],
        POSSESSIVE => &["'s", "’s"],
        _ => &[],
    }
}

/// For `check`: when `words`, a mention's text that no entity lists, is a form the linker
/// took with an ending (`is_form` tells the forms it looks for) and the word list knows it as
/// an ordinary German noun although the form without the ending is no ordinary word, that
/// form ("Roms" → "Rom").
pub fn ending_makes_a_word(words: &str, is_form: impl Fn(&str) -> bool) -> Option<&str> {
    let list = crate::names::words::words();
    if !list.de_noun.contains(words) {
        return None;
    }
    let base = [ES, N, S]
        .iter()
        .flat_map(|&bit| ending_texts(bit))
        .filter_map(|ending| words.strip_suffix(ending))
        .find(|base| !base.is_empty() && is_form(base))?;
    let ordinary = list.de_noun.contains(base) || list.de_lower.contains(&base.to_lowercase());
    (!ordinary).then_some(base)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'ä' | 'ö' | 'ü' | 'y')
}

/// Whole forms generated from `form` of an entity of `kind`, each with the languages it
/// applies to. The form itself is not among them.
pub fn generated(form: &str, kind: EntityKind) -> Vec<(String, Langs)> {
    let mut out: Vec<(String, Langs)> = Vec::new();
    let mut push = |text: String, langs: Langs| {
        if text != form && !out.iter().any(|(t, _)| *t == text) {
            out.push((text, langs));
        }
    };
    if kind == EntityKind::Person {
        for variant in given_name_spellings(form) {
            push(variant, ALL_LANGS);
        }
    } else {
        for declined in declined(form) {
            push(declined, Lang::German.bit());
        }
    }
    out
}

/// "Kim Jong-un" → "Kim Jong-Un", "Kim Jong Un": a hyphenated given name whose second part
/// is written small (the usual romanisation of Korean names) is also written with a capital
/// after the hyphen, or with a space for the hyphen. Names such as "Hans-Georg" are left alone.
fn given_name_spellings(form: &str) -> Vec<String> {
    let korean = |w: &str| {
        w.split_once('-').is_some_and(|(a, b)| {
            a.chars().next().is_some_and(char::is_uppercase)
                && b.chars().next().is_some_and(char::is_lowercase)
                && !b.contains('-')
        })
    };
    let words: Vec<&str> = form.split(' ').collect();
    if words.len() < 2 || !words[1..].iter().any(|w| korean(w)) {
        return Vec::new();
    }
    let respell = |joiner: &str| {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| match w.split_once('-') {
                Some((a, b)) if i > 0 && korean(w) => format!("{a}{joiner}{}", capitalised(b)),
                _ => w.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    vec![respell("-"), respell(" ")]
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Adjective endings of German declension: strong, weak and mixed forms use these five.
const ADJECTIVE_ENDINGS: [&str; 5] = ["er", "es", "en", "em", "e"];

/// The stem of a word that looks like a declined German adjective ("Kalter" → "Kalt",
/// "Russisch-Ukrainischen" → "Russisch-Ukrainisch"), or `None`.
fn adjective_stem(word: &str) -> Option<&str> {
    if word.chars().count() < 4 || word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if !word.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let ending = ADJECTIVE_ENDINGS.iter().find(|e| word.ends_with(*e))?;
    let stem = &word[..word.len() - ending.len()];
    let last = stem.chars().next_back()?;
    (last.is_alphabetic() && !is_vowel(last)).then_some(stem)
}

/// "Kalter Krieg" → "Kalte Krieg", "Kalten Krieg", "Kaltem Krieg", …; "Russischer Ferner
/// Osten" → "Russischen Fernen Osten", …; "Zerfall der Sowjetunion" → "Zerfalls der
/// Sowjetunion". The leading adjectives take every ending together; a head noun followed by
/// more words takes the genitive there (after the last word the linker adds endings itself).
fn declined(form: &str) -> Vec<String> {
    let words: Vec<&str> = form.split(' ').collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut run = 0;
    while run + 1 < words.len()
        && adjective_stem(words[run]).is_some()
        && (starts_upper(words[run + 1]) || adjective_stem(words[run + 1]).is_some())
    {
        run += 1;
    }
    let head = words[run];
    let tail = &words[run + 1..];
    let mut heads = vec![head.to_string()];
    let head_is_noun = starts_upper(head)
        && head.chars().all(|c| c.is_alphabetic() || c == '-')
        && !head.chars().all(char::is_uppercase);
    if !tail.is_empty()
        && head_is_noun
        && let Some(last) = head.chars().next_back()
    {
        heads.push(format!("{head}s"));
        if last == 'e' {
            heads.push(format!("{head}n"));
        } else if !is_vowel(last) {
            heads.push(format!("{head}es"));
        }
    }
    let stems: Vec<&str> = words[..run]
        .iter()
        .filter_map(|w| adjective_stem(w))
        .collect();
    let endings: &[&str] = if run == 0 { &[""] } else { &ADJECTIVE_ENDINGS };
    let mut out = Vec::new();
    for ending in endings {
        for head in &heads {
            let mut parts: Vec<String> = stems.iter().map(|s| format!("{s}{ending}")).collect();
            parts.push(head.clone());
            parts.extend(tail.iter().map(|w| w.to_string()));
            let text = parts.join(" ");
            if text != form && !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(form: &str, kind: EntityKind) -> Vec<String> {
        generated(form, kind).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn adjectives_of_a_multi_word_name_take_every_ending() {
        let forms = texts("Kalter Krieg", EntityKind::Event);
        for f in [
            "Kalte Krieg",
            "Kalten Krieg",
            "Kaltem Krieg",
            "Kaltes Krieg",
        ] {
            assert!(forms.contains(&f.to_string()), "{f} in {forms:?}");
        }
        assert!(!forms.contains(&"Kalter Krieg".to_string()));
    }

    #[test]
    fn several_leading_adjectives_are_declined_together() {
        let forms = texts("Russischer Ferner Osten", EntityKind::Region);
        assert!(forms.contains(&"Russischen Fernen Osten".to_string()));
        assert!(!forms.contains(&"Russischen Ferner Osten".to_string()));
    }

    #[test]
    fn a_head_noun_before_more_words_takes_the_genitive() {
        let forms = texts("Zerfall der Sowjetunion", EntityKind::Event);
        assert_eq!(
            forms,
            ["Zerfalls der Sowjetunion", "Zerfalles der Sowjetunion"]
        );
        let forms = texts("Olympische Winterspiele 2014", EntityKind::Event);
        assert!(forms.contains(&"Olympischen Winterspielen 2014".to_string()));
    }

    #[test]
    fn a_noun_followed_by_an_article_is_not_an_adjective() {
        let forms = texts(
            "Brücke der koreanisch-russischen Freundschaft",
            EntityKind::Facility,
        );
        assert!(
            forms
                .iter()
                .all(|f| f.contains("der koreanisch-russischen")),
            "{forms:?}"
        );
        assert!(forms.iter().all(|f| !f.starts_with("Brück ")), "{forms:?}");
    }

    #[test]
    fn people_get_spellings_of_korean_given_names_not_declension() {
        assert_eq!(
            texts("Kim Jong-un", EntityKind::Person),
            ["Kim Jong-Un", "Kim Jong Un"]
        );
        assert!(texts("Hans-Georg Maaßen", EntityKind::Person).is_empty());
        assert!(texts("Sergei Lawrow", EntityKind::Person).is_empty());
    }

    #[test]
    fn single_words_generate_no_whole_forms() {
        assert!(texts("Moskau", EntityKind::City).is_empty());
        assert!(texts("Kreml", EntityKind::Organisation).is_empty());
    }

    #[test]
    fn endings_depend_on_kind_and_language() {
        assert_eq!(
            endings("Putin", EntityKind::Person, Lang::German),
            S | POSSESSIVE
        );
        assert_eq!(
            endings("UN-Sicherheitsrat", EntityKind::Organisation, Lang::German),
            S | ES | POSSESSIVE
        );
        assert_eq!(
            endings("UN-Sicherheitsrat", EntityKind::Organisation, Lang::English),
            S | POSSESSIVE
        );
        assert_eq!(
            endings("TASS", EntityKind::Organisation, Lang::German),
            S | POSSESSIVE
        );
        assert_eq!(
            endings("Moskau", EntityKind::City, Lang::German),
            S | POSSESSIVE
        );
        assert_eq!(
            endings("Alexander II.", EntityKind::Person, Lang::German),
            0
        );
    }

    #[test]
    fn an_ending_that_makes_an_ordinary_word_of_a_name_is_found() {
        let forms = ["Rom", "Sicherheitsrat", "Moskau"];
        let is_form = |f: &str| forms.contains(&f);
        // "Roms" is a common noun (of "Rom", a Romani man) though "Rom" is no ordinary word.
        assert_eq!(ending_makes_a_word("Roms", is_form), Some("Rom"));
        // A name that is a common noun itself was listed knowingly.
        assert_eq!(ending_makes_a_word("Sicherheitsrates", is_form), None);
        // "Moskaus" is no common noun.
        assert_eq!(ending_makes_a_word("Moskaus", is_form), None);
        // Only forms the linker looks for count.
        assert_eq!(ending_makes_a_word("Kurs", is_form), None);
    }

    #[test]
    fn language_codes_are_read_with_regions() {
        assert_eq!(Lang::of("de-CH"), Lang::German);
        assert_eq!(Lang::of("EN_gb"), Lang::English);
        assert_eq!(Lang::of("fr"), Lang::Other);
    }
}
