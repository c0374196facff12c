//! Hyphenation patterns by an article's language: the `hyphenation` crate's embedded TeX
//! patterns for German, English, French, Spanish and a dozen more, each loaded once on first
//! use. An unknown language gets no patterns, so its text is wrapped without hyphens.

use std::sync::OnceLock;

use hyphenation::{Language, Load, Standard};
use textwrap::WordSplitter;

/// Syllable patterns for one language, ready for the wrapper.
pub type Patterns = &'static WordSplitter;

/// The languages with patterns: an ISO 639-1 code (and regional forms) and the patterns used.
const LANGUAGES: [(&str, Language); 20] = [
    ("de", Language::German1996),
    ("en", Language::EnglishUS),
    ("en-gb", Language::EnglishGB),
    ("fr", Language::French),
    ("es", Language::Spanish),
    ("it", Language::Italian),
    ("pt", Language::Portuguese),
    ("nl", Language::Dutch),
    ("pl", Language::Polish),
    ("cs", Language::Czech),
    ("ru", Language::Russian),
    ("uk", Language::Ukrainian),
    ("sv", Language::Swedish),
    ("da", Language::Danish),
    ("nb", Language::NorwegianBokmal),
    ("no", Language::NorwegianBokmal),
    ("fi", Language::Finnish),
    ("hu", Language::Hungarian),
    ("tr", Language::Turkish),
    ("ca", Language::Catalan),
];

/// The patterns for a language code such as `de`, `en`, `en-GB`, `fr-CA` or `de_CH` (case and
/// `_` or `-` do not matter; a region without its own patterns falls back to the language);
/// `None` for a language without patterns or an empty code.
pub fn patterns_for(language: &str) -> Option<Patterns> {
    static LOADED: [OnceLock<Option<WordSplitter>>; LANGUAGES.len()] =
        [const { OnceLock::new() }; LANGUAGES.len()];
    let code = language.trim().to_ascii_lowercase().replace('_', "-");
    let base = code.split('-').next().unwrap_or("");
    let index = LANGUAGES
        .iter()
        .position(|(c, _)| *c == code)
        .or_else(|| LANGUAGES.iter().position(|(c, _)| *c == base))?;
    LOADED[index]
        .get_or_init(|| {
            Standard::from_embedded(LANGUAGES[index].1)
                .ok()
                .map(WordSplitter::Hyphenation)
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wrap::wrap_with;

    fn hyphenated(text: &str, width: usize, language: &str) -> Vec<String> {
        wrap_with(text, width, patterns_for(language))
            .iter()
            .map(|l| l.render(text))
            .collect()
    }

    #[test]
    fn each_language_uses_its_own_patterns() {
        // German patterns break English words wrongly ("informati-on") and English ones
        // German compounds ("Staat-sober-").
        assert_eq!(hyphenated("information", 10, "en"), ["informa-", "tion"]);
        assert_eq!(hyphenated("information", 10, "de"), ["informati-", "on"]);
        assert_eq!(
            hyphenated("Staatsoberhäupter", 7, "de"),
            ["Staats-", "ober-", "häupter"]
        );
        assert_eq!(
            hyphenated("Staatsoberhäupter", 7, "en"),
            ["Staat-", "sober-", "häupter"]
        );
        assert_eq!(hyphenated("government", 5, "en"), ["gov-", "ern-", "ment"]);
    }

    #[test]
    fn unknown_language_is_not_hyphenated() {
        assert!(patterns_for("xx").is_none());
        assert!(patterns_for("").is_none());
        let lines = hyphenated("Informationen Informationen", 9, "xx");
        assert!(lines.iter().all(|l| !l.ends_with('-')), "{lines:?}");
    }

    #[test]
    fn regional_codes_fall_back_to_the_language() {
        assert!(patterns_for("de-CH").is_some());
        assert!(patterns_for("EN_gb").is_some());
        assert!(std::ptr::eq(
            patterns_for("fr-CA").unwrap(),
            patterns_for("fr").unwrap()
        ));
    }
}
