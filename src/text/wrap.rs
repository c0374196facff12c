//! Word wrapping with German hyphenation (German 1996 patterns, embedded).
//!
//! `wrap` returns lines as byte ranges into the source text plus a flag for an added hyphen,
//! so callers can style any part of the source (a mention, a search hit) on the wrapped lines.
//! Lines never exceed the width unless a single character is wider than it; no word is lost
//! or reordered. Words, widths and syllable breaks come from textwrap (its hyphenation
//! splitter); the placement is first-fit, as in a pager: a word that does not fit is split at an
//! existing hyphen or at the last syllable break that fits, so the dictionary is asked only
//! about words at the end of a line. (textwrap's own wrap asks about every word up front, which
//! made opening a 20,000-word article take 27 ms instead of 5.)

use std::ops::Range;
use std::sync::OnceLock;

use hyphenation::{Language, Load, Standard};
use textwrap::WordSeparator;
use textwrap::WordSplitter;
use textwrap::core::display_width as columns;
use unicode_width::UnicodeWidthChar;

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

fn german() -> Option<&'static WordSplitter> {
    static SPLITTER: OnceLock<Option<WordSplitter>> = OnceLock::new();
    SPLITTER
        .get_or_init(|| {
            Standard::from_embedded(Language::German1996)
                .ok()
                .map(WordSplitter::Hyphenation)
        })
        .as_ref()
}

/// The line being filled: where it starts and ends in the text, and its width.
struct Open {
    start: usize,
    end: usize,
    width: usize,
}

struct Wrapper<'t> {
    text: &'t str,
    width: usize,
    dictionary: Option<&'static WordSplitter>,
    lines: Vec<Line>,
    open: Option<Open>,
}

impl Wrapper<'_> {
    fn emit(&mut self, hyphen: bool) {
        if let Some(open) = self.open.take() {
            self.lines.push(Line {
                range: open.start..open.end,
                hyphen,
            });
        }
    }

    /// Columns the open line would have up to `start`, with the spaces before it.
    fn used_before(&self, start: usize) -> usize {
        self.open
            .as_ref()
            .map_or(0, |o| o.width + columns(&self.text[o.end..start]))
    }

    fn append(&mut self, start: usize, end: usize) {
        let width = self.used_before(start) + columns(&self.text[start..end]);
        match &mut self.open {
            Some(open) => {
                open.width = width;
                open.end = end;
            }
            None => self.open = Some(Open { start, end, width }),
        }
    }

    /// Places `text[start..end]`, a word or the part of a word after a hyphen.
    fn place(&mut self, mut start: usize, end: usize) {
        while start < end {
            let piece = &self.text[start..end];
            let used = self.used_before(start);
            if used + columns(piece) <= self.width {
                self.append(start, end);
                return;
            }
            let room = self.width.saturating_sub(used);
            if let Some(split) = self.syllable_split(piece, room) {
                self.append(start, start + split);
                self.emit(true);
                start += split;
                continue;
            }
            if self.open.is_some() {
                self.emit(false);
                continue;
            }
            // Alone on a line and still too wide: break it hard at the width.
            let cut = hard_cut(piece, self.width);
            self.append(start, start + cut);
            self.emit(false);
            start += cut;
        }
    }

    /// The longest start of `piece` that ends at a syllable break and fits `room` columns with
    /// its hyphen.
    fn syllable_split(&self, piece: &str, room: usize) -> Option<usize> {
        let dictionary = self.dictionary?;
        let core_start = piece.find(char::is_alphabetic)?;
        let core_end = piece
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphabetic())
            .map(|(i, c)| i + c.len_utf8())?;
        let core = &piece[core_start..core_end];
        if core.chars().count() < 6 || !core.chars().all(char::is_alphabetic) {
            return None;
        }
        dictionary
            .split_points(core)
            .into_iter()
            .map(|b| core_start + b)
            .filter(|&p| p > 0 && p < piece.len() && piece.is_char_boundary(p))
            .filter(|&p| columns(&piece[..p]) < room)
            .max()
    }
}

/// Bytes of the longest start of `piece` that fits `width` columns (at least one char).
fn hard_cut(piece: &str, width: usize) -> usize {
    let mut used = 0;
    for (i, c) in piece.char_indices() {
        let w = c.width().unwrap_or(0);
        if i > 0 && used + w > width {
            return i;
        }
        used += w;
    }
    piece.len()
}

/// Wraps `text` (one paragraph) to `width` columns.
pub fn wrap(text: &str, width: usize, hyphenate: bool) -> Vec<Line> {
    let width = width.max(1);
    let mut wrapper = Wrapper {
        text,
        width,
        // Hyphenation needs room for a syllable and its hyphen.
        dictionary: if hyphenate && width >= 4 {
            german()
        } else {
            None
        },
        lines: Vec::new(),
        open: None,
    };
    let base = text.as_ptr() as usize;
    for word in WordSeparator::AsciiSpace.find_words(text) {
        let word_start = word.word.as_ptr() as usize - base;
        let word = word.word;
        if word.is_empty() {
            continue;
        }
        // Pieces end after each hyphen inside the word ("Ukraine-" "Konflikt").
        let mut piece_start = word_start;
        for (i, _) in word.match_indices('-') {
            if i > 0 && i + 1 < word.len() {
                let cut = word_start + i + 1;
                wrapper.place(piece_start, cut);
                piece_start = cut;
            }
        }
        wrapper.place(piece_start, word_start + word.len());
    }
    wrapper.emit(false);
    wrapper.lines
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
    fn runs_of_spaces_count_as_they_are_shown() {
        for line in rendered("ab   cd  ef", 5, false) {
            assert!(width(&line) <= 5, "{line:?}");
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
