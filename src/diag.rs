//! Problems found in input files, each tied to the file and, where known, a line and column.
//!
//! A `Diagnostic` prints as `path:line:col: message` (or `path: message`), the form editors and
//! terminals recognise, and converts TOML errors and byte offsets into 1-based line:col.

use std::fmt;

use crate::corpus::sanitize::visible;

/// How bad a problem is: errors stop a load or fail `check`; warnings are reported only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A line and column, both 1-based; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (clamped to the text, moved back to a char
    /// boundary). Linear in `offset`: for many offsets in one text, build a `LineIndex`.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
        let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Position { line, col }
    }
}

/// Bytes between two marks of a `LineIndex` (besides every line start): the most characters
/// one lookup counts.
pub const MARK_SPACING: usize = 1024;

/// Byte offset -> line:col for one text, built once in one pass: a mark at every line start
/// and every `MARK_SPACING` bytes within a long line, so a lookup is a binary search plus a
/// count of at most `MARK_SPACING` bytes. Many lookups stay linear in the text.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    marks: Vec<(usize, Position)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut marks = vec![(0, Position { line: 1, col: 1 })];
        let (mut line, mut col, mut last) = (1, 1, 0);
        for (i, c) in text.char_indices() {
            if i - last >= MARK_SPACING {
                marks.push((i, Position { line, col }));
                last = i;
            }
            if c == '\n' {
                line += 1;
                col = 1;
                marks.push((i + 1, Position { line, col }));
                last = i + 1;
            } else {
                col += 1;
            }
        }
        LineIndex { text, marks }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        position_from_marks(self.text, &self.marks, offset)
    }
}

/// The position of byte `offset` of `text` from `marks`: sorted (byte offset, position) pairs,
/// the first at offset 0, with no newline between a mark and the next. Counts the characters
/// from the last mark at or before `offset`.
pub fn position_from_marks(text: &str, marks: &[(usize, Position)], offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let index = marks.partition_point(|(start, _)| *start <= offset);
    let Some(&(start, origin)) = index.checked_sub(1).and_then(|i| marks.get(i)) else {
        return Position { line: 1, col: 1 };
    };
    let chars = text.get(start..offset).map_or(0, |s| s.chars().count());
    Position {
        line: origin.line,
        col: origin.col + chars,
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub position: Option<Position>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        path: impl Into<String>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            position,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(
        path: impl Into<String>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, position, message)
        }
    }

    /// A TOML error in `text` (which starts at line `first_line` of the file), with the
    /// position of its span.
    pub fn from_toml(path: &str, text: &str, first_line: usize, error: &toml::de::Error) -> Self {
        let position = error.span().map(|span| {
            let p = Position::of_offset(text, span.start);
            Position {
                line: p.line + first_line - 1,
                col: p.col,
            }
        });
        let message = error.message().trim().replace('\n', " ");
        Diagnostic::error(path, position, message)
    }
}

/// Shown on one line; control, bidi and invisible characters in the path or the message (a
/// hostile file name, a value a message quotes) are written as visible escapes, so a message
/// never acts on the terminal.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", visible(&self.path))?;
        if let Some(p) = self.position {
            write!(f, "{}:{}:", p.line, p.col)?;
        }
        if self.severity == Severity::Warning {
            write!(f, " warning:")?;
        }
        write!(f, " {}", visible(&self.message))
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_to_line_and_column_counts_characters() {
        let text = "ab\nPjö x";
        assert_eq!(Position::of_offset(text, 0), Position { line: 1, col: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(Position::of_offset(text, x), Position { line: 2, col: 5 });
    }

    #[test]
    fn line_index_agrees_with_counting_from_the_start() {
        let long = "ö".repeat(3 * MARK_SPACING);
        let text = format!("ab\nPjö x\n\n{long} Kim\r\nz");
        let index = LineIndex::new(&text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.position(offset),
                Position::of_offset(&text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn offset_inside_a_character_moves_back() {
        let text = "ö";
        assert_eq!(Position::of_offset(text, 1), Position { line: 1, col: 1 });
    }

    #[test]
    fn control_and_bidi_characters_in_path_and_message_are_shown_escaped() {
        // A date or field name quoted from a hostile article, and a hostile file name.
        let d = Diagnostic::error(
            "articles/x\u{1b}]0;t\u{7}.md",
            Some(Position { line: 3, col: 1 }),
            "date `\u{1b}[2J\u{202e}2024\n` must be YYYY",
        );
        assert_eq!(
            d.to_string(),
            "articles/x\\u{1b}]0;t\\u{7}.md:3:1: date `\\u{1b}[2J\\u{202e}2024\\u{a}` must be YYYY"
        );
    }

    #[test]
    fn displays_as_path_line_col_message() {
        let d = Diagnostic::error("a.md", Some(Position { line: 3, col: 7 }), "bad");
        assert_eq!(d.to_string(), "a.md:3:7: bad");
        let w = Diagnostic::warning("a.md", None, "odd");
        assert_eq!(w.to_string(), "a.md: warning: odd");
    }
}
