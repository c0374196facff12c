//! What an update hands back instead of doing itself. Panes answer with a `Reply` (a jump, a
//! subject for the sidebar, a status line); the app turns what it cannot do into `Effect`s,
//! which only the event loop performs (terminal, files). Status lines are values too.

use super::nav::{Jump, Subject};

/// Work for the event loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Give the terminal back and stop (Ctrl-Z); take it again on resume.
    Suspend,
    /// Clear the screen and draw everything again.
    Redraw,
    /// Read the articles and the catalogue again.
    Reload,
    /// Make the app's queued change of the catalogue, then read everything again.
    EditCatalogue,
    /// The open article changed: save the reading state.
    Save,
    /// Store the annotation changes the app has queued, then give it the stored list again.
    StoreNotes,
    /// Give the terminal to the external editor for the outbox's note, then take it back.
    ExternalEdit,
    /// Put the outbox's text on the clipboard (OSC 52).
    Clipboard,
    /// Write the outbox's export.
    Export,
}

/// One line for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Info(String),
    Error(String),
}

impl Status {
    pub fn info(text: impl Into<String>) -> Status {
        Status::Info(text.into())
    }

    pub fn error(text: impl Into<String>) -> Status {
        Status::Error(text.into())
    }

    pub fn text(&self) -> &str {
        match self {
            Status::Info(text) | Status::Error(text) => text,
        }
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Status::Error(_))
    }
}

/// What a pane's update asks of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Nothing beyond the pane itself.
    Done,
    Jump(Jump),
    /// The sidebar should follow this subject (a selection, not a jump).
    Show(Subject),
    Status(Status),
    /// A jump, and a line saying where it landed.
    JumpSaying(Jump, Status),
}
