//! Word wrapping with German hyphenation (German 1996 patterns, embedded).
//!
//! `wrap` returns lines as byte ranges into the source text plus a flag for an added hyphen,
//! so callers can style any part of the source (a mention, a search hit) on the wrapped lines.
//! Lines never exceed the width unless a single character is wider than it; no word is lost
//! or reordered.

use std::ops::Range;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};

/// One wrapped line: `text[range]`, followed by `-` when `hyphen` is set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub range: Range<usize>,
    pub hyphen: bool,
}

impl Line {
    /// The line as it is shown.
    pub fn render(&self, text: &str) -> String {
        let mut s = text.get(self.range.clone()).unwrap_or("").to_string();
        if self.hyphen {
            s.push('-');
        }
        s
    }
}

fn german() -> Option<&'static Standard> {
    static DICTIONARY: OnceLock<Option<Standard>> = OnceLock::new();
    DICTIONARY
        .get_or_init(|| Standard::from_embedded(Language::German1996).ok())
        .as_ref()
}

/// Wraps `text` (one paragraph, single spaces) to `width` columns.
pub fn wrap(text: &str, width: usize, hyphenate: bool) -> Vec<Line> {
    let width = width.max(1);
    if text.trim().is_empty() {
        return Vec::new();
    }
    // Hyphenation needs room for a syllable and its hyphen.
    let dictionary = if hyphenate && width >= 4 {
        german()
    } else {
        None
    };
    let words: Vec<Word> = WordSeparator::AsciiSpace.find_words(text).collect();
    let mut fragments: Vec<Word> = Vec::with_capacity(words.len());
    for word in words {
        split_word(word, dictionary, &mut fragments);
    }
    // A fragment that may end a line with an added hyphen must leave a column for it.
    let fragments = break_words(
        fragments,
        if dictionary.is_some() {
            width - 1
        } else {
            width
        },
    );
    let widths = [width as f64];
    let lines = wrap_optimal_fit(&fragments, &widths, &Penalties::new())
        .unwrap_or_else(|_| wrap_first_fit(&fragments, &widths));
    let base = text.as_ptr() as usize;
    lines
        .iter()
        .filter_map(|line| {
            let first = line.first()?;
            let last = line.last()?;
            let start = first.word.as_ptr() as usize - base;
            let end = last.word.as_ptr() as usize - base + last.word.len();
            Some(Line {
                range: start..end,
                hyphen: last.penalty == "-",
            })
        })
        .collect()
}

/// Splits a word at its own hyphens and, with a dictionary, at German syllable breaks.
fn split_word<'a>(word: Word<'a>, dictionary: Option<&Standard>, out: &mut Vec<Word<'a>>) {
    let text = word.word;
    let mut points: Vec<usize> = text
        .match_indices('-')
        .filter(|(i, _)| {
            let before = text[..*i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let after = text[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            before && after
        })
        .map(|(i, _)| i + 1)
        .collect();
    if let Some(dictionary) = dictionary {
        // Hyphenate each hyphen-free, letters-only stretch; punctuation around a word stays.
        let mut offset = 0;
        for part in text.split('-') {
            let core_start = part.find(char::is_alphabetic).unwrap_or(part.len());
            let core_end = part.rfind(char::is_alphabetic).map_or(core_start, |i| {
                i + part[i..].chars().next().map_or(1, char::len_utf8)
            });
            let core = &part[core_start..core_end];
            if core.chars().count() >= 6 && core.chars().all(char::is_alphabetic) {
                for b in dictionary.hyphenate(core).breaks {
                    points.push(offset + core_start + b);
                }
            }
            offset += part.len() + 1;
        }
    }
    points.sort_unstable();
    points.dedup();
    points.retain(|&p| p > 0 && p < text.len() && text.is_char_boundary(p));
    let mut previous = 0;
    for p in points {
        let piece = &text[previous..p];
        out.push(Word {
            word: piece,
            whitespace: "",
            penalty: if piece.ends_with('-') { "" } else { "-" },
            width: textwrap::core::display_width(piece),
        });
        previous = p;
    }
    let last = &text[previous..];
    out.push(Word {
        word: last,
        whitespace: word.whitespace,
        penalty: word.penalty,
        width: textwrap::core::display_width(last),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;

    const TEXT: &str = "Die nordkoreanisch-russischen Beziehungen gehen auf das Jahr 1945 zurück, als auf der Konferenz von Jalta die Teilung Koreas beschlossen wurde.";

    fn rendered(text: &str, w: usize, hyphenate: bool) -> Vec<String> {
        wrap(text, w, hyphenate)
            .iter()
            .map(|l| l.render(text))
            .collect()
    }

    #[test]
    fn lines_fit_the_width() {
        for w in [8, 12, 20, 33, 80] {
            for line in rendered(TEXT, w, true) {
                assert!(width(&line) <= w, "{line:?} wider than {w}");
            }
        }
    }

    #[test]
    fn no_line_exceeds_even_tiny_widths() {
        let texts = [
            TEXT,
            "Bundesland und Grund",
            "Atomwaffenentwicklung Kim Jong-un",
        ];
        for text in texts {
            for w in 1..=14 {
                for hyphenate in [false, true] {
                    for line in rendered(text, w, hyphenate) {
                        assert!(
                            width(&line) <= w,
                            "{line:?} wider than {w} (hyphenate {hyphenate})"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn no_word_is_lost_or_reordered() {
        for w in [5, 10, 17, 40] {
            for hyphenate in [false, true] {
                let lines = wrap(TEXT, w, hyphenate);
                let mut joined = String::new();
                for line in &lines {
                    joined.push_str(&TEXT[line.range.clone()]);
                    if !line.hyphen && !TEXT[..line.range.end].ends_with('-') {
                        joined.push(' ');
                    }
                }
                let expected: String = TEXT.split_whitespace().collect();
                let got: String = joined.split_whitespace().collect();
                assert_eq!(got, expected, "width {w}, hyphenate {hyphenate}");
            }
        }
    }

    #[test]
    fn german_words_are_hyphenated_when_asked() {
        let lines = rendered("Atomwaffenentwicklung", 10, true);
        assert!(lines.len() >= 2);
        assert!(lines[0].ends_with('-'), "{lines:?}");
        let plain = rendered("Atomwaffenentwicklung", 10, false);
        // Without hyphenation the word is broken hard at the width, without a hyphen.
        assert!(!plain[0].ends_with('-'), "{plain:?}");
    }

    #[test]
    fn existing_hyphens_are_break_points_without_a_second_hyphen() {
        let lines = rendered("Ukraine-Konflikt", 9, false);
        assert_eq!(lines, ["Ukraine-", "Konflikt"]);
    }

    #[test]
    fn ranges_point_into_the_source() {
        let text = "Pjöngjang und Wladiwostok";
        let lines = wrap(text, 14, false);
        assert_eq!(&text[lines[0].range.clone()], "Pjöngjang und");
        assert_eq!(&text[lines[1].range.clone()], "Wladiwostok");
    }

    #[test]
    fn empty_text_has_no_lines_and_zero_width_is_safe() {
        assert!(wrap("", 10, true).is_empty());
        assert!(!wrap("Kim", 0, true).is_empty());
    }
}
