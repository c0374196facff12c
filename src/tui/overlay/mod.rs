//! Popups over the panes: help (every binding, searchable), the entity finder, the
//! annotations view, the timeline, the passage search, the compare view, the note editor, the suggestions view
//! and the entity picker of curation. At most one is open; it takes the
//! keyboard. The keys of a sequence typed so far (`pending`) show as a
//! popup of their own but never take the keyboard.

pub mod annotations;
pub mod compare;
pub mod finder;
pub mod help;
pub mod note;
pub mod pending;
pub mod search;
pub mod selection;
pub mod suggestions;
pub mod timeline;

use annotations::AnnotationsView;
use compare::CompareView;
use finder::Finder;
use help::Help;
use note::{Closing, NoteEditor};
use search::SearchView;
use suggestions::{Picker, SuggestionsView};
use timeline::TimelineView;

use crate::config::action::Action;
use crate::config::keymap::{Context, Keymap};
use crate::shelf::Shelf;
use crate::tui::effect::Status;
use crate::tui::geometry::Geometry;
use crate::tui::nav::Jump;
use crate::tui::prompt::Typing;

/// The popup over the panes, if any.
#[derive(Clone, Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Help(Help),
    Finder(Finder),
    Annotations(AnnotationsView),
    Timeline(TimelineView),
    Search(SearchView),
    Compare(CompareView),
    Note(NoteEditor),
    Suggestions(SuggestionsView),
    /// The entity finder opened to link words to the entity picked.
    Pick(Picker),
}

impl Overlay {
    pub fn is_open(&self) -> bool {
        !matches!(self, Overlay::None)
    }

    /// The keymap context of the open popup.
    pub fn context(&self) -> Option<Context> {
        match self {
            Overlay::Help(help) if help.searching() => Some(Context::HelpSearch),
            Overlay::Help(_) => Some(Context::Help),
            Overlay::Finder(_) => Some(Context::Finder),
            Overlay::Annotations(view) if view.saving().is_some() => Some(Context::SavePath),
            Overlay::Annotations(_) => Some(Context::Annotations),
            Overlay::Note(_) => Some(Context::Note),
            Overlay::Timeline(_) => Some(Context::Timeline),
            Overlay::Search(view) if view.prompting() => Some(Context::SearchPrompt),
            Overlay::Search(_) => Some(Context::Search),
            Overlay::Compare(_) => Some(Context::Compare),
            Overlay::Suggestions(_) => Some(Context::Suggestions),
            Overlay::Pick(_) => Some(Context::Finder),
            Overlay::None => None,
        }
    }

    /// Enter: the finder closes on the entity it shows, as a jump; help keeps its search.
    pub fn accept(&mut self) -> Option<Jump> {
        if let Overlay::Help(help) = self {
            help.accept();
        }
        let jump = match self {
            Overlay::Finder(finder) => finder.accept()?,
            Overlay::Annotations(view) => view.accept()?,
            Overlay::Timeline(view) => view.accept()?,
            Overlay::Search(view) => view.accept()?,
            Overlay::Compare(view) => view.accept(),
            _ => return None,
        };
        *self = Overlay::None;
        Some(jump)
    }

    /// Typing into the open popup's search.
    pub fn input(&mut self, typing: Typing, keymap: &Keymap, shelf: &Shelf) {
        match self {
            Overlay::Help(help) => help.input(typing, keymap),
            Overlay::Finder(finder) => finder.input(typing, shelf),
            Overlay::Annotations(view) => view.input(typing),
            Overlay::Timeline(view) => view.input(typing),
            Overlay::Search(view) => view.input(typing),
            Overlay::Note(editor) => editor.input(typing),
            Overlay::Pick(picker) => picker.finder.input(typing, shelf),
            Overlay::Compare(_) | Overlay::Suggestions(_) | Overlay::None => {}
        }
    }

    /// A motion in the open popup; `page` is the lines help shows.
    pub fn update(&mut self, action: Action, page: usize, shelf: &Shelf) {
        match self {
            Overlay::Help(help) => help.update(action, page),
            Overlay::Finder(finder) => finder.update(action),
            Overlay::Annotations(view) => view.update(action),
            Overlay::Timeline(view) if action == Action::ToggleScope => view.switch_scope(shelf),
            Overlay::Timeline(view) => view.update(action),
            Overlay::Search(view) => view.update(action),
            Overlay::Compare(view) => view.update(action),
            Overlay::Note(editor) => editor.update(action),
            Overlay::Suggestions(view) => view.update(action),
            Overlay::Pick(picker) => picker.finder.update(action),
            Overlay::None => {}
        }
    }

    /// Whether the open popup takes `action` itself, though the app has a meaning for it
    /// everywhere (tab in the compare view gives the keys to the other side).
    pub fn takes(&self, action: Action) -> bool {
        matches!(self, Overlay::Compare(_))
            && matches!(action, Action::FocusNext | Action::FocusPrev)
    }

    /// Esc: help clears its search first, the annotations view its export prompt, the passage
    /// search's prompt goes back to its results, the note editor asks again before throwing away a changed text; anything else closes. What to
    /// say, if anything.
    pub fn cancel(&mut self, keymap: &Keymap) -> Option<Status> {
        if let Overlay::Help(help) = self
            && help.cancel(keymap)
        {
            return None;
        }
        if let Overlay::Search(view) = self
            && view.cancel()
        {
            return None;
        }
        match self {
            Overlay::Annotations(view) if view.saving().is_some() => {
                view.stop_saving();
                return None;
            }
            Overlay::Note(editor) => match editor.cancel() {
                Closing::Armed => return None,
                Closing::Discarded => {
                    self.close_note();
                    return Some(Status::info("the note's changes were thrown away"));
                }
                Closing::Unchanged => {
                    self.close_note();
                    return None;
                }
            },
            _ => {}
        }
        *self = Overlay::None;
        None
    }

    /// Closes the note editor, back to the annotations view it was opened from, if any.
    pub fn close_note(&mut self) {
        *self = match std::mem::take(self) {
            Overlay::Note(NoteEditor {
                return_to: Some(view),
                ..
            }) => Overlay::Annotations(*view),
            _ => Overlay::None,
        };
    }

    /// Keeps the selection or scroll inside the popup's rows for the screen of `geometry`;
    /// the compare view lays its articles out (hyphenated or not).
    pub fn settle(&mut self, shelf: &Shelf, geometry: &Geometry, hyphenate: bool) {
        match self {
            Overlay::Help(help) => help.settle(geometry.help_columns(), geometry.help_rows()),
            Overlay::Finder(finder) => finder.settle(),
            Overlay::Annotations(view) => view.settle(),
            Overlay::Timeline(view) => view.settle(),
            Overlay::Search(view) => view.settle(),
            Overlay::Compare(view) => view.settle(shelf, geometry.above_status(), hyphenate),
            Overlay::Note(editor) => editor.settle(geometry.help_columns()),
            Overlay::Suggestions(view) => view.settle(),
            Overlay::Pick(picker) => picker.finder.settle(),
            Overlay::None => {}
        }
    }
}
