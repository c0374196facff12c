//! Sentence bounds in German article text, for the context of a mention.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by
//! a space and a capital letter, digit or opening quote, unless the dot ends a number ("9. Mai"),
//! an initial ("E.") or a known abbreviation ("Nr.", "Mrd.", "z. B."). Good enough for
//! concordance lines; never panics, always returns a range on char boundaries.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "Nr", "Mrd", "Mio", "bzw", "ca", "Dr", "Prof", "St", "vgl", "z", "B", "u", "a", "d", "h", "S",
    "Jh", "etc", "usw", "Abs", "Art", "Bd", "Hrsg", "Tsd", "evtl", "ggf", "inkl", "sog", "II",
    "III", "IV",
];

/// The byte range of the sentence in `text` that contains byte `at`.
pub fn sentence_around(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let ends = sentence_ends(text);
    let start = ends.iter().copied().filter(|&e| e <= at).max().unwrap_or(0);
    let end = ends.iter().copied().find(|&e| e > at).unwrap_or(text.len());
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (start + lead)..(end - trail).max(start + lead)
}

/// Byte offsets just after each sentence end (where the next sentence's whitespace starts).
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(offset, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence.
        let mut j = i + 1;
        while j < chars.len()
            && matches!(chars[j].1, '"' | '“' | '”' | '«' | '»' | '\'' | ')' | '’')
        {
            j += 1;
        }
        if j >= chars.len() || !chars[j].1.is_whitespace() {
            continue;
        }
        let next = chars[j..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        let starts_sentence =
            next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "„\"«‚(".contains(n));
        if !starts_sentence {
            continue;
        }
        if c == '.' && ends_abbreviation(text, offset) {
            continue;
        }
        let end = chars.get(j).map_or(text.len(), |&(o, _)| o);
        ends.push(end);
    }
    ends
}

/// Whether the dot at byte `dot` ends a number, an initial or a known abbreviation.
fn ends_abbreviation(text: &str, dot: usize) -> bool {
    let word_start = text[..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &text[word_start..dot];
    if word.is_empty() {
        return false;
    }
    if word.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(text: &str, needle: &str) -> String {
        let at = text.find(needle).unwrap();
        text[sentence_around(text, at)].to_string()
    }

    #[test]
    fn finds_the_sentence_holding_the_offset() {
        let text = "Kim reist. Putin wartet in Moskau. Danach Ruhe.";
        assert_eq!(around(text, "Putin"), "Putin wartet in Moskau.");
        assert_eq!(around(text, "Kim"), "Kim reist.");
        assert_eq!(around(text, "Ruhe"), "Danach Ruhe.");
    }

    #[test]
    fn ordinal_numbers_and_abbreviations_do_not_end_sentences() {
        let text = "Am 9. Mai kam Kim nach Moskau. Das kostete 11 Mrd. US-Dollar.";
        assert_eq!(around(text, "Kim"), "Am 9. Mai kam Kim nach Moskau.");
        assert_eq!(around(text, "US-Dollar"), "Das kostete 11 Mrd. US-Dollar.");
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "Er sagte: „Wir kommen.“ Dann ging Kim.";
        assert_eq!(around(text, "Wir"), "Er sagte: „Wir kommen.“");
        assert_eq!(around(text, "Kim"), "Dann ging Kim.");
    }

    #[test]
    fn text_without_an_end_is_one_sentence() {
        assert_eq!(
            around("Kim und Putin treffen sich", "Putin"),
            "Kim und Putin treffen sich"
        );
        assert_eq!(sentence_around("", 5), 0..0);
    }
}
