//! The fact sidebar: its subject (an article or an entity), the rows computed for it once per
//! (subject, open article, width; passages paged, built when shown), the selected row and the
//! scroll. Keeps the selection on a row that can be chosen and on screen; opening a row is a
//! jump it hands back. Moving costs the same on ten rows as on millions. The note and tags
//! of an annotation under the reading pane's cursor head the rows while it is there, and so
//! does a row naming every entity of a selected mention that names several.

use ratatui::layout::{Position, Rect};

use super::facts::{self, Row, Rows, Tone};
use crate::config::action::Action;
use crate::corpus::catalogue::EntityKind;
use crate::corpus::ids::ArticleId;
use crate::shelf::Shelf;
use crate::tui::effect::Reply;
use crate::tui::nav::Subject;
use crate::tui::notes::NoteCard;

/// What the rows were built for: subject, open article, width, the note under the cursor
/// (its id and when it was last changed) and the compound mention selected.
type BuiltFor = (
    Option<Subject>,
    Option<ArticleId>,
    usize,
    Option<(i64, String)>,
    Option<Compound>,
);

/// A selected mention that names several entities: its words, and each entity's name and
/// kind, the one the sidebar shows first.
pub type Compound = (String, Vec<(String, EntityKind)>);

/// The most rows a note takes at the head of the sidebar.
const NOTE_ROWS: usize = 12;

/// How far the wheel scrolls.
const WHEEL_LINES: usize = 3;

#[derive(Clone, Debug, Default)]
pub struct SidebarPane {
    subject: Option<Subject>,
    /// Chosen in the entity finder: stays until the reader selects a mention or opens an article.
    pinned: bool,
    rows: Rows,
    selected: Option<usize>,
    scroll: usize,
    built_for: Option<BuiltFor>,
    /// The annotation under the reading pane's cursor, and how many rows it took.
    note: Option<NoteCard>,
    note_rows: usize,
    compound: Option<Compound>,
}

impl SidebarPane {
    pub fn subject(&self) -> Option<Subject> {
        self.subject
    }

    pub fn pinned(&self) -> bool {
        self.pinned
    }

    pub fn rows(&self) -> &Rows {
        &self.rows
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Shows `subject`; `pinned` keeps it while the reader moves on.
    pub fn show(&mut self, subject: Option<Subject>, pinned: bool) {
        self.subject = subject;
        self.pinned = pinned;
    }

    /// Shows an entity chosen as a jump: pinned, from the top.
    pub fn show_from_top(&mut self, subject: Subject) {
        self.show(Some(subject), true);
        self.selected = None;
        self.scroll = 0;
    }

    /// The annotation under the reading pane's cursor, whose note heads the rows.
    pub fn set_note(&mut self, card: Option<NoteCard>) {
        self.note = card;
    }

    /// The selected mention, when it names several entities: a row names them all.
    pub fn set_compound(&mut self, compound: Option<Compound>) {
        self.compound = compound;
    }

    /// Builds the rows again when the subject, the open article, the width, the note under
    /// the cursor or the compound mention selected changed.
    fn refresh(&mut self, shelf: &Shelf, open: Option<ArticleId>, columns: usize) {
        let note_key = self.note.as_ref().map(|c| (c.id, c.updated.clone()));
        let key = (self.subject, open, columns, note_key, self.compound.clone());
        if self.built_for.as_ref() == Some(&key) {
            return;
        }
        let same_subject = self
            .built_for
            .as_ref()
            .is_some_and(|(s, _, _, _, _)| *s == self.subject);
        self.rows = match self.subject {
            Some(subject) => facts::build(shelf, subject, open, columns),
            None => Rows::default(),
        };
        let mut card = self
            .note
            .as_ref()
            .map_or_else(Vec::new, |c| note_rows(c, columns));
        if let Some(compound) = &self.compound {
            card.extend(compound_rows(compound, columns));
        }
        let (before, after) = (self.note_rows, card.len());
        self.note_rows = after;
        self.rows.prepend(card);
        self.built_for = Some(key);
        if !same_subject {
            self.selected = None;
            self.scroll = 0;
        } else {
            // The same rows as before, moved by the note's.
            let shift = |i: usize| (i + after).saturating_sub(before);
            self.selected = self.selected.map(shift);
            self.scroll = shift(self.scroll);
        }
    }

    /// A motion between the rows that can be chosen, or Open; `page` is the rows shown.
    pub fn update(&mut self, action: Action, shelf: &Shelf, page: usize) -> Reply {
        let rows = &self.rows;
        let (Some(first), Some(last)) = (
            rows.choosable_from(0),
            rows.choosable_until(rows.len().saturating_sub(1)),
        ) else {
            return Reply::Done;
        };
        let at = self.selected.filter(|&s| rows.item(shelf, s).is_some());
        let current = at.unwrap_or(first);
        let down = |goal: usize| rows.choosable_from(goal).unwrap_or(last);
        let up = |goal: usize| rows.choosable_until(goal).unwrap_or(first);
        let selected = match action {
            Action::Down => at.map_or(first, |a| down(a + 1)),
            Action::Up => at.map_or(first, |a| {
                a.checked_sub(1).map_or(first, |goal| up(goal).min(a))
            }),
            Action::PageDown => down(current + page),
            Action::PageUp => up(current.saturating_sub(page)),
            Action::HalfPageDown => down(current + page / 2),
            Action::HalfPageUp => up(current.saturating_sub(page / 2)),
            Action::Top => first,
            Action::Bottom => last,
            Action::Open => {
                return match at.and_then(|a| rows.item(shelf, a)) {
                    Some(item) => Reply::Jump(item.jump()),
                    None => {
                        self.selected = Some(first);
                        Reply::Done
                    }
                };
            }
            _ => return Reply::Done,
        };
        self.selected = Some(selected);
        Reply::Done
    }

    pub fn wheel(&mut self, down: bool) {
        self.scroll = if down {
            self.scroll + WHEEL_LINES
        } else {
            self.scroll.saturating_sub(WHEEL_LINES)
        };
        self.selected = None;
    }

    /// A click at `at` in the pane whose inside is `area`: selects the row, or opens it when
    /// it is selected already.
    pub fn click(&mut self, shelf: &Shelf, area: Option<Rect>, at: Position) -> Reply {
        let Some(area) = area.filter(|a| at.y >= a.y) else {
            return Reply::Done;
        };
        let index = self.scroll + usize::from(at.y - area.y);
        let Some(item) = self.rows.item(shelf, index) else {
            return Reply::Done;
        };
        if self.selected == Some(index) {
            Reply::Jump(item.jump())
        } else {
            self.selected = Some(index);
            Reply::Done
        }
    }

    /// Builds what changed and keeps the selection on a choosable row within `page` rows.
    pub fn settle(&mut self, shelf: &Shelf, open: Option<ArticleId>, columns: usize, page: usize) {
        if self.subject.is_none() {
            self.subject = open.map(Subject::Article);
        }
        self.refresh(shelf, open, columns);
        if let Some(s) = self.selected
            && self.rows.item(shelf, s).is_none()
        {
            self.selected = None;
        }
        if let Some(s) = self.selected {
            if s < self.scroll {
                self.scroll = s;
            } else if s >= self.scroll + page {
                self.scroll = s + 1 - page;
            }
        }
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(page));
    }
}

/// "US-Sanktionen → Vereinigte Staaten · Sanktionen": the words, then every entity they name
/// in its kind's colour, wrapped at entity names to `columns`; a blank row after.
fn compound_rows(compound: &Compound, columns: usize) -> Vec<Row> {
    let columns = columns.max(10);
    let (words, named) = compound;
    let head = format!("{} → ", crate::text::truncate(words, columns / 2));
    let mut rows = Vec::new();
    let mut spans = vec![(head.clone(), Tone::Heading)];
    let mut used = crate::text::width(&head);
    for (i, (name, kind)) in named.iter().enumerate() {
        let name = crate::text::truncate(name, columns.saturating_sub(4));
        let piece = crate::text::width(&name) + if i > 0 { 3 } else { 0 };
        if i > 0 && used + piece > columns {
            // On a line of its own, indented, the separator first.
            rows.push(Row {
                spans: std::mem::take(&mut spans),
                item: None,
            });
            spans.push(("  · ".to_string(), Tone::Dim));
            used = 4;
        } else if i > 0 {
            spans.push((" · ".to_string(), Tone::Dim));
        }
        used += crate::text::width(&name) + if i > 0 { 3 } else { 0 };
        spans.push((name, Tone::Mention(*kind)));
    }
    rows.push(Row { spans, item: None });
    rows.push(Row {
        spans: vec![(String::new(), Tone::Normal)],
        item: None,
    });
    rows
}

/// The note's rows: a heading with the tags, then the note wrapped (at most `NOTE_ROWS`).
fn note_rows(card: &NoteCard, columns: usize) -> Vec<Row> {
    let columns = columns.max(10);
    let mut rows = Vec::new();
    let mut head = "✎ Note".to_string();
    if card.note.trim().is_empty() {
        head = "Tagged".to_string();
    }
    let mut spans = vec![(head, Tone::Heading)];
    for tag in &card.tags {
        spans.push((format!(" #{tag}"), Tone::Dim));
    }
    rows.push(Row { spans, item: None });
    let mut lines = Vec::new();
    for paragraph in card.note.trim_end().split('\n') {
        if paragraph.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        for line in crate::text::wrap::wrap(paragraph, columns.saturating_sub(2), false) {
            lines.push(format!("  {}", line.render(paragraph)));
        }
    }
    let cut = lines.len() > NOTE_ROWS;
    lines.truncate(NOTE_ROWS);
    rows.extend(lines.into_iter().map(|l| Row {
        spans: vec![(l, Tone::Normal)],
        item: None,
    }));
    if cut {
        rows.push(Row {
            spans: vec![("  … (the note goes on)".to_string(), Tone::Dim)],
            item: None,
        });
    }
    rows.push(Row {
        spans: vec![(String::new(), Tone::Normal)],
        item: None,
    });
    rows
}
