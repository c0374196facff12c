//! The note editor popup: a multi-line text for one annotation (a stored one, or a highlight
//! made when the note is kept). `save_note` keeps it; Esc closes at once when nothing changed,
//! else asks for a second Esc before the typed text is thrown away.

use super::annotations::AnnotationsView;
use crate::config::action::Action;
use crate::tui::prompt::Typing;
use crate::tui::textarea::{Edited, TextArea};
use crate::userdata::NewAnnotation;

/// Whose note is edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteTarget {
    /// A stored annotation, by id.
    Stored(i64),
    /// Words not annotated yet: kept as this highlight with the note.
    New(NewAnnotation),
}

/// What Esc came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closing {
    /// Nothing was changed: close.
    Unchanged,
    /// The first Esc on a changed text: stay open, the border asks for another.
    Armed,
    /// The second Esc: close, throwing the changes away.
    Discarded,
}

#[derive(Clone, Debug)]
pub struct NoteEditor {
    pub target: NoteTarget,
    /// The words annotated, shown above the text.
    pub quote: String,
    /// `article#paragraph`.
    pub place: String,
    area: TextArea,
    original: String,
    armed: bool,
    /// Typing would pass the size limit.
    full: bool,
    /// The columns the text has in the popup (for up and down over wrapped rows).
    columns: usize,
    /// The annotations view it was opened from, shown again when it closes.
    pub return_to: Option<Box<AnnotationsView>>,
}

impl NoteEditor {
    pub fn new(target: NoteTarget, quote: &str, place: String, note: &str) -> NoteEditor {
        let area = TextArea::new(note);
        NoteEditor {
            target,
            quote: crate::corpus::sanitize::sanitize(quote),
            place,
            original: area.text().to_string(),
            area,
            armed: false,
            full: false,
            columns: 60,
            return_to: None,
        }
    }

    /// The columns the text has in the popup (the help's: both popups are as wide).
    pub fn columns(&self) -> usize {
        self.columns
    }

    pub fn settle(&mut self, columns: usize) {
        self.columns = columns.max(2);
    }

    pub fn area(&self) -> &TextArea {
        &self.area
    }

    pub fn text(&self) -> &str {
        self.area.text()
    }

    pub fn changed(&self) -> bool {
        self.area.text() != self.original
    }

    /// Whether the next Esc throws the changes away.
    pub fn armed(&self) -> bool {
        self.armed
    }

    /// Whether the last insertion was refused for the size limit.
    pub fn full(&self) -> bool {
        self.full
    }

    /// The text from an external editor, replacing what was here (still to be kept).
    pub fn replace(&mut self, text: &str) {
        self.area.set_text(text);
        self.armed = false;
    }

    pub fn input(&mut self, typing: Typing) {
        let edited = match typing {
            Typing::Char(c) => self.area.insert(c.encode_utf8(&mut [0; 4])),
            Typing::Edit(action) => self.area.apply(action, self.columns),
        };
        self.touched(edited);
    }

    /// A pasted text, inserted at the cursor.
    pub fn paste(&mut self, text: &str) {
        let edited = self.area.insert(text);
        self.touched(edited);
    }

    /// A motion or an edit bound in the note context.
    pub fn update(&mut self, action: Action) {
        let edited = self.area.apply(action, self.columns);
        self.touched(edited);
    }

    fn touched(&mut self, edited: Edited) {
        self.full = edited == Edited::TooLong;
        if edited == Edited::Changed {
            self.armed = false;
        }
    }

    /// Esc.
    pub fn cancel(&mut self) -> Closing {
        if !self.changed() {
            Closing::Unchanged
        } else if self.armed {
            Closing::Discarded
        } else {
            self.armed = true;
            Closing::Armed
        }
    }
}
