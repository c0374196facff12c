//! Text quote anchors: an annotation or a mention override remembers the quoted words
//! (`exact`) with a little text before and after them in the same paragraph (`prefix`,
//! `suffix`), and is found again by those words after the article's file changed. It never
//! depends on byte offsets surviving.
//!
//! `locate` looks in the remembered paragraph first, then in the whole article, choosing among
//! several occurrences by how much of the context matches and how near they are; words that
//! are gone leave the annotation `Orphaned` (kept, flagged, never deleted).

use std::ops::Range;

use memchr::memmem;
use serde::Serialize;

use crate::corpus::article::Block;

/// How much context is kept on either side of the quote, in characters.
pub const CONTEXT_CHARS: usize = 32;

/// The quoted words and their surroundings within one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

impl Selector {
    /// The selector of bytes `range` of `text` (snapped to char boundaries).
    pub fn capture(text: &str, range: Range<usize>) -> Selector {
        let start = floor_char(text, range.start.min(text.len()));
        let end = floor_char(text, range.end.min(text.len())).max(start);
        let before = &text[..start];
        let prefix_from = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let after = &text[end..];
        let suffix_to = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        Selector {
            exact: text[start..end].to_string(),
            prefix: before[prefix_from..].to_string(),
            suffix: after[..suffix_to].to_string(),
        }
    }
}

/// Whether an annotation was found where it was left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Its words are in the paragraph it was made in.
    Attached,
    /// Its words are in the article, in another paragraph.
    Moved,
    /// Its words (or its article) are gone; the annotation is kept and shown flagged.
    Orphaned,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Attached => "attached",
            Status::Moved => "moved",
            Status::Orphaned => "orphaned",
        }
    }
}

/// Where an annotation is in the current text of its article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub status: Status,
    /// The 0-based block and the byte range of the quote in it; `None` when orphaned.
    pub place: Option<(usize, Range<usize>)>,
}

/// Finds `selector` in `blocks`, preferring block `hint` (0-based).
pub fn locate(blocks: &[Block], hint: usize, selector: &Selector) -> Location {
    let orphaned = Location {
        status: Status::Orphaned,
        place: None,
    };
    if selector.exact.is_empty() {
        return orphaned;
    }
    let finder = memmem::Finder::new(selector.exact.as_bytes());
    if let Some(block) = blocks.get(hint)
        && let Some(range) = best_in(&block.text, &finder, selector)
    {
        return Location {
            status: Status::Attached,
            place: Some((hint, range.0)),
        };
    }
    let best = blocks
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != hint)
        .filter_map(|(i, b)| best_in(&b.text, &finder, selector).map(|(r, score)| (i, r, score)))
        // Most context first, then the nearest to where it was.
        .max_by_key(|(i, _, score)| (*score, std::cmp::Reverse(i.abs_diff(hint))));
    match best {
        Some((block, range, _)) => Location {
            status: Status::Moved,
            place: Some((block, range)),
        },
        None => orphaned,
    }
}

/// The occurrence of `selector` anywhere in `blocks` whose surroundings match most of its
/// context: (block, byte range, characters of context that match). Ties go to the first.
pub fn best_occurrence(
    blocks: &[Block],
    selector: &Selector,
) -> Option<(usize, Range<usize>, usize)> {
    if selector.exact.is_empty() {
        return None;
    }
    let finder = memmem::Finder::new(selector.exact.as_bytes());
    blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| best_in(&b.text, &finder, selector).map(|(r, score)| (i, r, score)))
        .fold(
            None,
            |best: Option<(usize, Range<usize>, usize)>, found| match best {
                Some(ref b) if b.2 >= found.2 => best,
                _ => Some(found),
            },
        )
}

/// The occurrence of the quote in `text` whose surroundings match most of the context, with
/// that score (characters of prefix and suffix that match).
fn best_in(
    text: &str,
    finder: &memmem::Finder,
    selector: &Selector,
) -> Option<(Range<usize>, usize)> {
    let len = selector.exact.len();
    finder
        .find_iter(text.as_bytes())
        .map(|start| {
            let score = common_suffix(&text[..start], &selector.prefix)
                + common_prefix(&text[start + len..], &selector.suffix);
            (start..start + len, score)
        })
        // The first of equally good occurrences.
        .fold(
            None,
            |best: Option<(Range<usize>, usize)>, (r, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((r, s)),
            },
        )
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `text` with every run of whitespace made one space and the ends trimmed, as block text is:
/// a quote typed or pasted over several lines still matches the article.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article::BlockKind;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
                number: None,
                origins: vec![],
                ..Block::default()
            })
            .collect()
    }

    #[test]
    fn capture_keeps_context_within_the_paragraph_on_char_boundaries() {
        let text = "Schön früh: Schoigu besuchte Pjöngjang. Danach kam Kim, ohne Blumen und Hut.";
        let start = text.find("Schoigu").unwrap();
        let s = Selector::capture(text, start..start + "Schoigu besuchte".len());
        assert_eq!(s.exact, "Schoigu besuchte");
        assert_eq!(s.prefix, "Schön früh: ");
        assert!(s.suffix.starts_with(" Pjöngjang."));
        assert_eq!(s.suffix.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn a_quote_in_its_paragraph_is_attached() {
        let b = blocks(&["Eins.", "Zwei drei vier."]);
        let s = Selector::capture(&b[1].text, 5..10);
        let found = locate(&b, 1, &s);
        assert_eq!(found.status, Status::Attached);
        assert_eq!(found.place, Some((1, 5..10)));
    }

    #[test]
    fn a_paragraph_inserted_above_moves_the_quote_to_the_next_number() {
        let before = blocks(&["Eins.", "Zwei drei vier."]);
        let s = Selector::capture(&before[1].text, 5..10);
        let after = blocks(&["Eins.", "Neu eingefügt.", "Zwei drei vier."]);
        let found = locate(&after, 1, &s);
        assert_eq!(found.status, Status::Moved);
        assert_eq!(found.place, Some((2, 5..10)));
    }

    #[test]
    fn the_context_picks_the_right_one_of_repeated_words() {
        let b = blocks(&["Kim kam. Dann sagte Kim nichts. Kim ging."]);
        let at = b[0].text.find("Kim nichts").unwrap();
        let s = Selector::capture(&b[0].text, at..at + 3);
        assert_eq!(locate(&b, 0, &s).place, Some((0, at..at + 3)));
        // In another paragraph, the occurrence with the same context wins over the nearer one.
        let moved = blocks(&["x", "Kim ging.", "y", "Kim kam. Dann sagte Kim nichts."]);
        let place = locate(&moved, 0, &s).place.unwrap();
        assert_eq!(place.0, 3);
        assert_eq!(&moved[3].text[place.1.start..], "Kim nichts.");
    }

    #[test]
    fn words_that_are_gone_leave_the_annotation_orphaned() {
        let b = blocks(&["Eins.", "Zwei drei vier."]);
        let s = Selector::capture(&b[1].text, 5..10);
        let gone = blocks(&["Eins.", "Zwei vier."]);
        assert_eq!(locate(&gone, 1, &s).status, Status::Orphaned);
        assert_eq!(locate(&[], 1, &s).status, Status::Orphaned);
    }

    #[test]
    fn whitespace_of_a_pasted_quote_is_collapsed() {
        assert_eq!(collapse_whitespace("  a\n\tb  c "), "a b c");
    }
}
