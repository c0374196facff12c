//! Word wrapping with hyphenation by language (patterns from `hyphenate`).
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
use textwrap::WordSeparator;
use textwrap::WordSplitter;

use super::hyphenate::{Patterns, patterns_for};
use super::{clusters, columns, columns_within, width};

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

/// Pieces longer than this (in bytes) are never hyphenated, only cut: the dictionary's work
/// grows with the word, and the longest German words are well under 100 letters.
const MAX_HYPHENATED: usize = 256;

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
        self.append_measured(start, end, width);
    }

    /// Like `append`, when the caller knows the line's width up to `end`.
    fn append_measured(&mut self, start: usize, end: usize, width: usize) {
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
            // Measured only as far as the room goes: a huge word is cut line by line, and
            // measuring all of its rest for every line made that quadratic.
            if let Some(w) = self
                .width
                .checked_sub(used)
                .and_then(|room| columns_within(piece, room))
            {
                self.append_measured(start, end, used + w);
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
        if piece.len() > MAX_HYPHENATED {
            // No language has such words; a run this long is data, and is cut hard.
            return None;
        }
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

/// Bytes of the longest start of `piece` that fits `room` columns (at least one character
/// with its marks; see `clusters`).
fn hard_cut(piece: &str, room: usize) -> usize {
    let mut used = 0;
    let mut end = 0;
    for cluster in clusters(piece) {
        let w = width(cluster);
        if end > 0 && used + w > room {
            return end;
        }
        used += w;
        end += cluster.len();
    }
    piece.len()
}

/// Wraps `text` (one paragraph) to `width` columns, hyphenated with German patterns when
/// `hyphenate` is set. For an article's text use `wrap_with` and its language's patterns.
pub fn wrap(text: &str, width: usize, hyphenate: bool) -> Vec<Line> {
    wrap_with(text, width, hyphenate.then(|| patterns_for("de")).flatten())
}

/// Wraps `text` (one paragraph) to `width` columns, hyphenated with `patterns` (see
/// `patterns_for`), or not at all with `None`.
pub fn wrap_with(text: &str, width: usize, patterns: Option<Patterns>) -> Vec<Line> {
    let width = width.max(1);
    let mut wrapper = Wrapper {
        text,
        width,
        // Hyphenation needs room for a syllable and its hyphen.
        dictionary: patterns.filter(|_| width >= 4),
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
    fn lines_fit_when_a_variation_selector_widens_a_character() {
        // Found by tests/properties.rs: "❤\u{fe0f}" was measured as one column (textwrap adds
        // up characters), so lines of such emoji ran past the width.
        let text = "❤\u{fe0f}❤\u{fe0f}❤\u{fe0f} ab ❤\u{fe0f}x";
        for w in 2..8 {
            for line in rendered(text, w, false) {
                assert!(width(&line) <= w, "{line:?} wider than {w}");
            }
        }
        // A mark stays with its character when a word is cut hard.
        assert_eq!(
            rendered("e\u{301}e\u{301}e\u{301}", 2, false),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn a_huge_word_is_cut_in_linear_time() {
        // A 2 MB word took minutes: the rest of the word was measured again for every line.
        let word = "a".repeat(2_000_000);
        let started = std::time::Instant::now();
        for hyphenate in [false, true] {
            let lines = wrap(&word, 80, hyphenate);
            assert_eq!(lines.len(), 25_000);
            assert!(lines.iter().all(|l| l.range.len() == 80 && !l.hyphen));
        }
        let wide = "日".repeat(200_000);
        assert_eq!(wrap(&wide, 81, true).len(), 5_000);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn empty_text_has_no_lines_and_zero_width_is_safe() {
        assert!(wrap("", 10, true).is_empty());
        assert!(!wrap("Kim", 0, true).is_empty());
    }
}
