//! Text layout shared by the CLI and the reader (no terminal types): wrapping with hyphenation
//! by the article's language, and fitting text into a number of columns.

pub mod decor;
pub mod hyphenate;
pub mod wrap;

use unicode_width::UnicodeWidthChar;

/// "1 article", "2 articles": a count with the noun in the right number.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The display width of `text` in terminal columns.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` cut into pieces that are measured and never split: each character with the
/// zero-width characters that follow it (combining marks, variation selectors). "❤\u{fe0f}"
/// is one piece of two columns, though its characters alone add up to one.
pub fn clusters(text: &str) -> Clusters<'_> {
    Clusters { rest: text }
}

/// The iterator of `clusters`, from either end.
pub struct Clusters<'t> {
    rest: &'t str,
}

fn starts_cluster(c: char) -> bool {
    c.width().unwrap_or(0) > 0
}

impl<'t> Iterator for Clusters<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let mut chars = self.rest.char_indices();
        chars.next()?;
        let end = chars
            .find(|&(_, c)| starts_cluster(c))
            .map_or(self.rest.len(), |(i, _)| i);
        let (piece, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(piece)
    }
}

impl<'t> DoubleEndedIterator for Clusters<'t> {
    fn next_back(&mut self) -> Option<&'t str> {
        if self.rest.is_empty() {
            return None;
        }
        let start = self
            .rest
            .char_indices()
            .rev()
            .find(|&(i, c)| i == 0 || starts_cluster(c))
            .map_or(0, |(i, _)| i);
        let (rest, piece) = self.rest.split_at(start);
        self.rest = rest;
        Some(piece)
    }
}

/// Columns `text` takes when it is measured piece by piece (see `clusters`): what a line
/// built from these pieces needs, and never less than `width(text)`.
pub fn columns(text: &str) -> usize {
    columns_within(text, usize::MAX).unwrap_or(usize::MAX)
}

/// `columns(text)` if it is at most `room`; reads no further into the text than `room`
/// columns, so measuring a huge word against a line costs no more than the line.
pub fn columns_within(text: &str, room: usize) -> Option<usize> {
    // Printable ASCII, the common case: a column a byte.
    let head = &text.as_bytes()[..text.len().min(room.saturating_add(1))];
    if head.iter().all(|b| (0x20..0x7f).contains(b)) {
        return (text.len() <= room).then_some(text.len());
    }
    // Character by character; a cluster with zero-width characters in it ("❤\u{fe0f}") is
    // measured whole, since they can change the width of the character before them.
    let mut used = 0usize;
    let mut start = 0;
    let mut counted = 0;
    let mut joined = false;
    for (i, c) in text.char_indices() {
        if i > 0 && starts_cluster(c) {
            used += if joined {
                width(&text[start..i])
            } else {
                counted
            };
            if used > room {
                return None;
            }
            start = i;
            joined = false;
        }
        let w = c.width().unwrap_or(0);
        if i == start {
            counted = w;
        } else {
            joined = true;
        }
    }
    used += if joined {
        width(&text[start..])
    } else {
        counted
    };
    (used <= room).then_some(used)
}

/// The longest prefix of `text` that fits in `columns`, with `…` when something was cut.
/// Reads no further into the text than `columns` (a huge text costs no more than a short one).
pub fn truncate(text: &str, columns: usize) -> String {
    let mut used = 0;
    let mut end = 0;
    // Bytes of the longest prefix that leaves room for the `…`.
    let mut keep = 0;
    for piece in clusters(text) {
        used += width(piece);
        if used > columns {
            if columns == 0 {
                return String::new();
            }
            let mut out = text[..keep].to_string();
            out.push('…');
            return out;
        }
        end += piece.len();
        if used < columns {
            keep = end;
        }
    }
    text.to_string()
}

/// The longest suffix of `text` that fits in `columns`, with `…` in front when cut. Reads no
/// further back into the text than `columns`.
pub fn truncate_start(text: &str, columns: usize) -> String {
    let mut used = 0;
    let mut start = text.len();
    // Where the longest suffix starts that leaves room for the `…`.
    let mut keep = text.len();
    for piece in clusters(text).rev() {
        used += width(piece);
        if used > columns {
            if columns == 0 {
                return String::new();
            }
            let mut out = String::from("…");
            out.push_str(&text[keep..]);
            return out;
        }
        start -= piece.len();
        if used < columns {
            keep = start;
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_display_width() {
        assert_eq!(truncate("Pjöngjang", 20), "Pjöngjang");
        assert_eq!(truncate("Pjöngjang", 5), "Pjön…");
        assert_eq!(truncate_start("Pjöngjang", 5), "…jang");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn an_emoji_with_a_variation_selector_takes_two_columns() {
        // "❤\u{fe0f}" is two columns wide; counted char by char it was one, and truncated
        // text overflowed its columns.
        let hearts = "❤\u{fe0f}".repeat(3);
        assert_eq!(width(&hearts), 6);
        assert_eq!(columns(&hearts), 6);
        assert_eq!(truncate(&hearts, 4), "❤\u{fe0f}…");
        assert_eq!(truncate_start(&hearts, 4), "…❤\u{fe0f}");
        assert!(width(&truncate(&hearts, 4)) <= 4);
    }

    #[test]
    fn truncating_a_huge_text_reads_only_its_ends() {
        // `dossier mentions` truncates the rest of a block around every mention; measuring
        // the whole rest each time made a 2 MB paragraph take minutes.
        let huge = "Kim und Putin. ".repeat(400_000);
        let started = std::time::Instant::now();
        for _ in 0..1_000 {
            assert_eq!(truncate(&huge, 10), "Kim und P…");
            assert_eq!(truncate_start(&huge, 10), "…d Putin. ");
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn clusters_keep_marks_with_their_character() {
        let pieces: Vec<&str> = clusters("e\u{301}a\u{fe0f}日").collect();
        assert_eq!(pieces, ["e\u{301}", "a\u{fe0f}", "日"]);
        assert_eq!(clusters("\u{301}x").collect::<Vec<_>>(), ["\u{301}", "x"]);
        assert_eq!(clusters("").count(), 0);
    }
}
