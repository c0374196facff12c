//! Visual mode's selection in the reading pane: a range of one paragraph that grows and
//! shrinks by words and sentences from where it started, as vim's `v` does. Pure text
//! arithmetic on the block's text: every range is on char boundaries and inside the block.

use std::ops::Range;

use crate::config::action::Action;
use crate::corpus::sentence::sentence_around;

/// A selection in block `block`: the unit it started on (`anchor`, always selected) and the
/// moving edge (`head`, a byte offset on the one side of the anchor or the other).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visual {
    pub block: usize,
    anchor: Range<usize>,
    head: usize,
}

/// What a motion came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moved {
    Moved,
    /// The edge is at the paragraph's start or end: the selection stays in one paragraph.
    AtEdge,
}

impl Visual {
    /// A selection of `unit` of block `block` (a word or a sentence), or `None` when it is
    /// empty.
    pub fn new(block: usize, text: &str, unit: Range<usize>) -> Option<Visual> {
        let unit = clamp(text, unit);
        if unit.is_empty() {
            return None;
        }
        Some(Visual {
            block,
            head: unit.end,
            anchor: unit,
        })
    }

    /// Starts on the word at or after byte `at` of `text`.
    pub fn on_word(block: usize, text: &str, at: usize) -> Option<Visual> {
        let words = words(text);
        let word = words
            .iter()
            .find(|w| w.end > at)
            .or(words.last())
            .cloned()?;
        Visual::new(block, text, word)
    }

    /// Starts on the sentence holding byte `at` of `text`.
    pub fn on_sentence(block: usize, text: &str, at: usize) -> Option<Visual> {
        let at = at.min(text.len());
        let mut range = sentence_around(text, at);
        if range.is_empty() {
            // `at` in the space between sentences: the next one.
            let next = text[at..]
                .char_indices()
                .find(|(_, c)| !c.is_whitespace())
                .map_or(at, |(i, _)| at + i);
            range = sentence_around(text, next);
        }
        Visual::new(block, text, range)
    }

    /// The selected bytes of the block.
    pub fn range(&self) -> Range<usize> {
        if self.head >= self.anchor.end {
            self.anchor.start..self.head
        } else {
            self.head.min(self.anchor.start)..self.anchor.end
        }
    }

    /// The moving edge's byte offset (what scrolling keeps on screen).
    pub fn head(&self) -> usize {
        self.head
    }

    /// Moves the edge by `action` (a word or sentence on or back, the paragraph's start or
    /// end); `None` when the action is no motion of visual mode.
    pub fn extend(&mut self, action: Action, text: &str) -> Option<Moved> {
        let forward = matches!(
            action,
            Action::WordForward | Action::SentenceForward | Action::LineEnd
        );
        let units = match action {
            Action::WordForward | Action::WordBackward => words(text),
            Action::SentenceForward | Action::SentenceBackward => sentences(text),
            Action::LineStart | Action::LineEnd => std::iter::once(0..text.len()).collect(),
            _ => return None,
        };
        let before = self.head;
        let right = self.head >= self.anchor.end;
        self.head = match (right, forward) {
            // The edge right of the anchor moves over unit ends; left of it, over unit starts.
            (true, true) => units
                .iter()
                .map(|u| u.end)
                .find(|&e| e > self.head)
                .unwrap_or(self.head),
            (true, false) => {
                let back = units.iter().map(|u| u.end).rfind(|&e| e < self.head);
                match back {
                    Some(e) if e >= self.anchor.end => e,
                    // Past the anchor: on to the unit starts on its left.
                    _ => units
                        .iter()
                        .map(|u| u.start)
                        .rfind(|&s| s < self.anchor.start)
                        .unwrap_or(self.anchor.end),
                }
            }
            (false, false) => units
                .iter()
                .map(|u| u.start)
                .rfind(|&s| s < self.head)
                .unwrap_or(self.head),
            (false, true) => {
                let on = units.iter().map(|u| u.start).find(|&s| s > self.head);
                match on {
                    Some(s) if s <= self.anchor.start => s,
                    _ => units
                        .iter()
                        .map(|u| u.end)
                        .find(|&e| e > self.anchor.end)
                        .unwrap_or(self.anchor.end),
                }
            }
        };
        Some(if self.head == before {
            Moved::AtEdge
        } else {
            Moved::Moved
        })
    }
}

fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let floor = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = floor(range.start);
    start..floor(range.end).max(start)
}

/// Punctuation that does not belong to a word at its edges.
fn is_edge_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && !matches!(c, '%' | '€' | '$' | '§')
}

/// The words of `text`: runs without whitespace, punctuation at either end left out (a word
/// of punctuation only is kept whole).
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start_matches(is_edge_punctuation).len();
        let trimmed = piece.trim_matches(is_edge_punctuation);
        if trimmed.is_empty() {
            out.push(from..to);
        } else {
            out.push(from + lead..from + lead + trimmed.len());
        }
    };
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// The sentences of `text`, in order, as `sentence_around` bounds them.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(next) = text[at..]
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map(|(i, _)| at + i)
        else {
            break;
        };
        let range = sentence_around(text, next);
        if range.end <= next {
            // Never loop in place: take the rest of the text as one sentence.
            out.push(next..text.len());
            break;
        }
        out.push(range.start.max(next)..range.end);
        at = range.end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Kim reist nach Moskau. Putin wartet dort, „lange“. Danach Ruhe.";

    fn shown(v: &Visual) -> &str {
        &TEXT[v.range()]
    }

    #[test]
    fn words_leave_out_the_punctuation_around_them() {
        let w: Vec<&str> = words(TEXT).into_iter().map(|r| &TEXT[r]).collect();
        assert_eq!(
            w,
            [
                "Kim", "reist", "nach", "Moskau", "Putin", "wartet", "dort", "lange", "Danach",
                "Ruhe"
            ]
        );
    }

    #[test]
    fn sentences_cover_the_paragraph_in_order() {
        let s: Vec<&str> = sentences(TEXT).into_iter().map(|r| &TEXT[r]).collect();
        assert_eq!(
            s,
            [
                "Kim reist nach Moskau.",
                "Putin wartet dort, „lange“.",
                "Danach Ruhe."
            ]
        );
    }

    #[test]
    fn the_selection_grows_by_words_and_shrinks_back_past_its_start() {
        let at = TEXT.find("Putin").unwrap();
        let mut v = Visual::on_word(0, TEXT, at).unwrap();
        assert_eq!(shown(&v), "Putin");
        v.extend(Action::WordForward, TEXT);
        v.extend(Action::WordForward, TEXT);
        assert_eq!(shown(&v), "Putin wartet dort");
        v.extend(Action::WordBackward, TEXT);
        v.extend(Action::WordBackward, TEXT);
        assert_eq!(shown(&v), "Putin", "back to the anchor");
        v.extend(Action::WordBackward, TEXT);
        assert_eq!(shown(&v), "Moskau. Putin", "then on to the left");
        v.extend(Action::WordForward, TEXT);
        assert_eq!(shown(&v), "Putin", "and back again");
    }

    #[test]
    fn sentence_motions_reach_the_sentence_end_with_its_punctuation() {
        let at = TEXT.find("wartet").unwrap();
        let mut v = Visual::on_word(0, TEXT, at).unwrap();
        v.extend(Action::SentenceForward, TEXT);
        assert_eq!(shown(&v), "wartet dort, „lange“.");
        v.extend(Action::SentenceBackward, TEXT);
        assert_eq!(shown(&v), "Putin wartet", "back to its sentence's start");
        v.extend(Action::SentenceBackward, TEXT);
        assert_eq!(shown(&v), "Kim reist nach Moskau. Putin wartet");
        let mut s = Visual::on_sentence(0, TEXT, at).unwrap();
        assert_eq!(shown(&s), "Putin wartet dort, „lange“.");
        s.extend(Action::SentenceForward, TEXT);
        assert_eq!(shown(&s), "Putin wartet dort, „lange“. Danach Ruhe.");
    }

    #[test]
    fn the_paragraph_edges_stop_the_selection() {
        let mut v = Visual::on_word(0, TEXT, TEXT.find("Ruhe").unwrap()).unwrap();
        assert_eq!(v.extend(Action::WordForward, TEXT), Some(Moved::AtEdge));
        assert_eq!(v.extend(Action::LineStart, TEXT), Some(Moved::Moved));
        assert_eq!(shown(&v), TEXT.trim_end_matches('.'));
        assert_eq!(v.extend(Action::LineEnd, TEXT), Some(Moved::Moved));
        assert_eq!(shown(&v), "Ruhe.");
        assert_eq!(v.extend(Action::Down, TEXT), None);
    }

    #[test]
    fn odd_text_gives_ranges_on_char_boundaries() {
        for text in ["", " ", "…", "„“", "ö ö.  ö!", "a\u{301}b c"] {
            for at in 0..=text.len() + 2 {
                if let Some(mut v) = Visual::on_word(0, text, at) {
                    for action in [
                        Action::WordForward,
                        Action::SentenceBackward,
                        Action::WordBackward,
                        Action::LineEnd,
                    ] {
                        v.extend(action, text);
                        assert!(text.get(v.range()).is_some(), "{text:?} {at}");
                    }
                }
                if let Some(v) = Visual::on_sentence(0, text, at) {
                    assert!(text.get(v.range()).is_some());
                }
            }
        }
    }
}
