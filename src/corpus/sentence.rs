//! Sentence bounds in German article text, for the context of a mention.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by
//! a space and a capital letter, digit or opening quote, unless the dot ends a number ("9. Mai"),
//! an initial ("E.") or a known abbreviation ("Nr.", "Mrd.", "z. B."). Good enough for
//! concordance lines; never panics, always returns a range on char boundaries, and looks no
//! further than `MAX_REACH` bytes either way.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "Nr", "Mrd", "Mio", "bzw", "ca", "Dr", "Prof", "St", "vgl", "z", "B", "u", "a", "d", "h", "S",
    "Jh", "etc", "usw", "Abs", "Art", "Bd", "Hrsg", "Tsd", "evtl", "ggf", "inkl", "sog", "II",
    "III", "IV",
];

/// How far (in bytes) the search for a sentence's bounds reaches on either side of the offset;
/// a longer sentence is cut there. The search walks outwards from the offset only as far as
/// the nearest sentence ends, so a concordance of a huge paragraph stays linear (it searched
/// the whole block again for every mention).
pub const MAX_REACH: usize = 2_000;

/// The byte range of the sentence in `text` that contains byte `at` (cut `MAX_REACH` bytes
/// or so from `at` when it is longer).
pub fn sentence_around(text: &str, at: usize) -> Range<usize> {
    let at = floor_boundary(text, at.min(text.len()));
    let lo = floor_boundary(text, at.saturating_sub(MAX_REACH));
    let hi = ceil_boundary(text, at.saturating_add(MAX_REACH).min(text.len()));
    let window = &text[lo..hi];
    let at = at - lo;
    // The last sentence end at or before `at`: ends grow with the punctuation they follow, so
    // the first one found walking back is the last one.
    let start = window[..at]
        .char_indices()
        .rev()
        .filter(|&(_, c)| is_terminal(c))
        .find_map(|(o, c)| end_after(window, o, c).filter(|&e| e <= at))
        .unwrap_or(0);
    // The first end after `at`; the punctuation may sit just before `at` when `at` falls in the
    // closing quotes that follow it.
    let mut from = at;
    for (i, c) in window[..at].char_indices().rev() {
        if is_closing(c) {
            from = i;
        } else if c == '[' || c == ']' || c.is_ascii_digit() {
            // Perhaps inside a footnote marker after the punctuation: look further back.
            continue;
        } else {
            if is_terminal(c) {
                from = i;
            }
            break;
        }
    }
    let end = window[from..]
        .char_indices()
        .filter(|&(_, c)| is_terminal(c))
        .find_map(|(o, c)| end_after(window, from + o, c).filter(|&e| e > at))
        .unwrap_or(window.len());
    let slice = &window[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (lo + start + lead)..(lo + end - trail).max(lo + start + lead)
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets belong to the sentence they end.
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '\'' | ')' | '’')
}

/// If the punctuation `c` at byte `o` ends a sentence: the offset just after it and its closing
/// quotes (where the whitespace before the next sentence starts).
fn end_after(text: &str, o: usize, c: char) -> Option<usize> {
    let after_mark = o + c.len_utf8();
    let rest = &text[after_mark..];
    let quotes = rest
        .char_indices()
        .find(|&(_, q)| !is_closing(q))
        .map_or(rest.len(), |(i, _)| i);
    let mut end = after_mark + quotes;
    // Footnote markers belong to the sentence they follow: "umorientierte.[12][13] Im April".
    while let Some(marker) = footnote_marker_len(&text[end..]) {
        end += marker;
    }
    let after = &text[end..];
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let next = after.chars().find(|c| !c.is_whitespace());
    let starts_sentence =
        next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "„\"«‚(".contains(n));
    if !starts_sentence || (c == '.' && ends_abbreviation(text, o)) {
        return None;
    }
    Some(end)
}

/// The length of a footnote marker `[n]` (one to four digits) at the start of `text`.
fn footnote_marker_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('[')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=4).contains(&digits) && rest[digits..].starts_with(']')).then_some(digits + 2)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
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

    #[test]
    fn footnote_markers_after_the_full_stop_end_the_sentence() {
        let text = "Russland orientierte sich um.[12][13] Im April 2019 trafen sich Putin und Kim.";
        let at = text.find("Putin").unwrap();
        assert_eq!(
            &text[sentence_around(text, at)],
            "Im April 2019 trafen sich Putin und Kim."
        );
        let first = &text[sentence_around(text, 0)];
        assert_eq!(first, "Russland orientierte sich um.[12][13]");
    }

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
    fn a_huge_paragraph_is_searched_only_near_the_offset() {
        let text = "Kim reist nach Moskau. Putin wartet. ".repeat(100_000);
        let started = std::time::Instant::now();
        for i in 0..2_000 {
            let at = text.len() / 2_000 * i;
            let at = text[at..].find("Putin").map_or(0, |p| at + p);
            assert_eq!(&text[sentence_around(&text, at)], "Putin wartet.");
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        // A sentence longer than the reach is cut near the offset, on char boundaries.
        let endless = "ö".repeat(10 * MAX_REACH);
        let range = sentence_around(&endless, 5 * MAX_REACH + 1);
        assert!(range.len() <= 2 * MAX_REACH + 2 && range.contains(&(5 * MAX_REACH)));
        assert!(endless.get(range).is_some());
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
