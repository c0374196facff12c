//! A multi-line text being edited (the note editor's): the text and a cursor (a byte offset
//! on a char boundary), moved by characters, words, lines and wrapped rows, with insertion,
//! deletion and paste. The text is the state; wrapping is computed for a width when asked,
//! so a resize never changes or loses what was typed.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::config::action::Action;

/// The longest note the editor takes, in bytes.
pub const MAX_NOTE_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextArea {
    text: String,
    cursor: usize,
    /// The column up and down aim for (kept over short rows).
    goal: Option<usize>,
}

/// What an edit came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edited {
    Changed,
    Moved,
    Nothing,
    /// The note would pass `MAX_NOTE_BYTES`; nothing was inserted.
    TooLong,
}

/// `text` as a note holds it: sanitized like article text (line ends made `\n`, tabs made
/// spaces, escape sequences, other control characters and bidi overrides left out).
pub fn clean_note(text: &str) -> String {
    crate::corpus::sanitize::sanitize(text)
}

impl TextArea {
    /// A text ready to edit, the cursor at its end.
    pub fn new(text: &str) -> TextArea {
        let text = clean_note(text);
        TextArea {
            cursor: text.len(),
            text,
            goal: None,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Replaces the whole text (from an external editor), the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        *self = TextArea::new(text);
    }

    /// Inserts `text` (typed or pasted) at the cursor.
    pub fn insert(&mut self, text: &str) -> Edited {
        let text = clean_note(text);
        if text.is_empty() {
            return Edited::Nothing;
        }
        if self.text.len() + text.len() > MAX_NOTE_BYTES {
            return Edited::TooLong;
        }
        self.text.insert_str(self.cursor, &text);
        self.cursor += text.len();
        self.goal = None;
        Edited::Changed
    }

    /// An editing or moving action; `width` is the columns a row has (for up and down).
    pub fn apply(&mut self, action: Action, width: usize) -> Edited {
        let keep_goal = matches!(action, Action::Up | Action::Down);
        let edited = match action {
            Action::Newline => return self.insert("\n"),
            Action::DeleteChar => {
                let start = self.prev_char(self.cursor);
                self.delete(start..self.cursor)
            }
            Action::DeleteForward => {
                let end = self.next_char(self.cursor);
                self.delete(self.cursor..end)
            }
            Action::DeleteWord => {
                let start = self.word_start_before(self.cursor);
                self.delete(start..self.cursor)
            }
            Action::ClearInput => self.delete(0..self.text.len()),
            Action::Left => self.go(self.prev_char(self.cursor)),
            Action::Right => self.go(self.next_char(self.cursor)),
            Action::WordBackward => self.go(self.word_start_before(self.cursor)),
            Action::WordForward => self.go(self.word_end_after(self.cursor)),
            Action::LineStart => self.go(self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)),
            Action::LineEnd => self.go(self.text[self.cursor..]
                .find('\n')
                .map_or(self.text.len(), |i| self.cursor + i)),
            Action::Top => self.go(0),
            Action::Bottom => self.go(self.text.len()),
            Action::Up | Action::Down => self.vertical(action == Action::Down, width),
            _ => Edited::Nothing,
        };
        if !keep_goal {
            self.goal = None;
        }
        edited
    }

    fn go(&mut self, to: usize) -> Edited {
        if to == self.cursor {
            Edited::Nothing
        } else {
            self.cursor = to;
            Edited::Moved
        }
    }

    fn delete(&mut self, range: Range<usize>) -> Edited {
        if range.is_empty() {
            return Edited::Nothing;
        }
        self.text.replace_range(range.clone(), "");
        self.cursor = range.start;
        Edited::Changed
    }

    fn prev_char(&self, at: usize) -> usize {
        self.text[..at]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_char(&self, at: usize) -> usize {
        self.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8())
    }

    /// The start of the word before `at` (over any spaces first).
    fn word_start_before(&self, at: usize) -> usize {
        let before = &self.text[..at];
        let trimmed = before.trim_end_matches(|c: char| !c.is_alphanumeric());
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// The end of the word after `at` (over any spaces first).
    fn word_end_after(&self, at: usize) -> usize {
        let after = &self.text[at..];
        let skip = after.len()
            - after
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let rest = &after[skip..];
        let word = rest
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        at + skip + word
    }

    /// The rows the text shows as at `width` columns: each line wrapped at the last space
    /// that lets the row fit (the space ends the row), a word longer than a row cut where the
    /// next character would pass the width. Byte ranges, without the `\n`; together they hold
    /// every byte of the text but the line ends.
    pub fn rows(&self, width: usize) -> Vec<Range<usize>> {
        let width = width.max(2);
        let mut rows = Vec::new();
        let mut line_start = 0;
        for line in self.text.split('\n') {
            let mut start = line_start;
            let mut used = 0;
            // Where the row could end after a space (a byte offset in the text), if it may.
            let mut after_space = None;
            for (i, c) in line.char_indices() {
                let at = line_start + i;
                let w = c.width().unwrap_or(0);
                if used + w > width {
                    let end = after_space.filter(|&e| e > start).unwrap_or(at);
                    rows.push(start..end);
                    start = end;
                    used = crate::text::width(&self.text[start..at]);
                    after_space = None;
                }
                used += w;
                if c == ' ' {
                    after_space = Some(at + 1);
                }
            }
            rows.push(start..line_start + line.len());
            line_start += line.len() + 1;
        }
        rows
    }

    /// The row and column of the cursor at `width`.
    pub fn cursor_at(&self, width: usize) -> (usize, usize) {
        let rows = self.rows(width);
        let row = self.row_of(&rows);
        let column = rows.get(row).map_or(0, |r| {
            crate::text::width(&self.text[r.start..self.cursor.max(r.start)])
        });
        (row, column)
    }

    /// The row holding the cursor: a cursor at the end of a full row belongs to the next row
    /// of the same line.
    fn row_of(&self, rows: &[Range<usize>]) -> usize {
        rows.iter()
            .position(|r| {
                r.start <= self.cursor
                    && (self.cursor < r.end
                        || (self.cursor == r.end
                            && self.text.as_bytes().get(r.end).is_none_or(|&b| b == b'\n')))
            })
            .unwrap_or(rows.len().saturating_sub(1))
    }

    fn vertical(&mut self, down: bool, width: usize) -> Edited {
        let rows = self.rows(width);
        let row = self.row_of(&rows);
        let goal = self.goal.unwrap_or_else(|| self.cursor_at(width).1);
        let target = if down {
            row + 1
        } else {
            match row.checked_sub(1) {
                Some(r) => r,
                None => return self.go(0),
            }
        };
        let Some(range) = rows.get(target) else {
            return self.go(self.text.len());
        };
        let mut used = 0;
        let mut to = range.end;
        for (i, c) in self.text[range.clone()].char_indices() {
            let w = c.width().unwrap_or(0);
            if used + w > goal {
                to = range.start + i;
                break;
            }
            used += w;
        }
        self.goal = Some(goal);
        self.go(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextArea {
        let mut t = TextArea::default();
        for c in text.chars() {
            t.insert(&c.to_string());
        }
        t
    }

    #[test]
    fn typing_newlines_and_deleting_edit_at_the_cursor() {
        let mut t = typed("Schoigu in Pjöngjang");
        t.apply(Action::WordBackward, 40);
        t.apply(Action::Left, 40);
        t.insert(" heute");
        assert_eq!(t.text(), "Schoigu in heute Pjöngjang");
        t.apply(Action::LineEnd, 40);
        t.apply(Action::Newline, 40);
        t.insert("zweite Zeile");
        assert_eq!(t.text(), "Schoigu in heute Pjöngjang\nzweite Zeile");
        t.apply(Action::DeleteWord, 40);
        assert_eq!(t.text(), "Schoigu in heute Pjöngjang\nzweite ");
        t.apply(Action::DeleteChar, 40);
        t.apply(Action::DeleteChar, 40);
        assert_eq!(t.text(), "Schoigu in heute Pjöngjang\nzweit");
        t.apply(Action::LineStart, 40);
        t.apply(Action::DeleteChar, 40);
        assert_eq!(
            t.text(),
            "Schoigu in heute Pjöngjangzweit",
            "joins the lines"
        );
        t.apply(Action::DeleteForward, 40);
        assert_eq!(t.text(), "Schoigu in heute Pjöngjangweit");
    }

    #[test]
    fn words_move_over_umlauts_and_punctuation() {
        let mut t = TextArea::new("Kim, Pjöngjang – Moskau.");
        t.apply(Action::WordBackward, 40);
        assert_eq!(&t.text()[t.cursor()..], "Moskau.");
        t.apply(Action::WordBackward, 40);
        assert_eq!(&t.text()[t.cursor()..], "Pjöngjang – Moskau.");
        t.apply(Action::WordForward, 40);
        assert_eq!(&t.text()[t.cursor()..], " – Moskau.");
        t.apply(Action::Top, 40);
        assert_eq!(t.apply(Action::Left, 40), Edited::Nothing);
        assert_eq!(t.apply(Action::DeleteChar, 40), Edited::Nothing);
    }

    #[test]
    fn up_and_down_go_by_wrapped_rows_keeping_the_column() {
        // Rows at width 10: "0123456789", "abcdefghij", "xy", then "short".
        let mut t = TextArea::new("0123456789abcdefghijxy\nshort");
        assert_eq!(t.rows(10).len(), 4);
        t.apply(Action::Top, 10);
        for _ in 0..7 {
            t.apply(Action::Right, 10);
        }
        t.apply(Action::Down, 10);
        assert_eq!(&t.text()[t.cursor()..t.cursor() + 1], "h");
        t.apply(Action::Down, 10);
        assert_eq!(t.cursor_at(10), (2, 2), "end of the short row");
        t.apply(Action::Down, 10);
        assert_eq!(t.cursor_at(10), (3, 5));
        t.apply(Action::Up, 10);
        t.apply(Action::Up, 10);
        assert_eq!(t.cursor_at(10), (1, 7), "the column aimed for is kept");
    }

    #[test]
    fn the_text_survives_any_width_and_a_full_row_moves_the_cursor_on() {
        let t = TextArea::new("0123456789");
        assert_eq!(t.rows(10), vec![0..10]);
        assert_eq!(t.cursor_at(10), (0, 10));
        for width in [0, 1, 3, 80] {
            let joined: String = t.rows(width).iter().map(|r| &t.text()[r.clone()]).collect();
            assert_eq!(joined, "0123456789");
        }
    }

    #[test]
    fn rows_wrap_between_words_and_cut_only_a_word_longer_than_a_row() {
        let t = TextArea::new("eins zwei drei vier Donaudampfschifffahrt");
        let shown: Vec<&str> = t.rows(10).iter().map(|r| &t.text()[r.clone()]).collect();
        assert_eq!(
            shown,
            ["eins zwei ", "drei vier ", "Donaudampf", "schifffahr", "t"]
        );
        let t = TextArea::new("Jörg übte Ökonomie");
        let shown: Vec<&str> = t.rows(12).iter().map(|r| &t.text()[r.clone()]).collect();
        assert_eq!(shown, ["Jörg übte ", "Ökonomie"]);
        for row in t.rows(12) {
            assert!(crate::text::width(&t.text()[row]) <= 12);
        }
    }

    #[test]
    fn down_from_a_word_wrapped_row_lands_in_the_next_row() {
        let mut t = TextArea::new("eins zwei drei vier");
        t.apply(Action::Top, 10);
        t.apply(Action::Down, 10);
        assert_eq!(t.cursor_at(10), (1, 0));
        assert_eq!(&t.text()[t.cursor()..], "drei vier");
    }

    #[test]
    fn pasted_text_loses_control_characters_and_keeps_line_breaks() {
        let mut t = TextArea::default();
        t.insert("eins\r\nzwei\x1b[31m\tdrei\u{202e}");
        assert_eq!(t.text(), "eins\nzwei    drei");
        let huge = "x".repeat(MAX_NOTE_BYTES + 1);
        assert_eq!(t.insert(&huge), Edited::TooLong);
        assert_eq!(t.text(), "eins\nzwei    drei", "nothing inserted");
    }
}
