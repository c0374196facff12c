//! A one-line text prompt (the filter, in-article find, the finder's and help's search):
//! typed characters and the editing actions, each saying whether the text changed. A prompt
//! opened again shows its previous text selected: typing replaces it, editing clears it.

use crate::config::action::Action;

/// What reaches an open prompt: a typed character or an editing action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typing {
    Char(char),
    Edit(Action),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prompt {
    text: String,
    /// The whole text is selected (the prompt was opened again on it).
    selected: bool,
}

impl Prompt {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the whole text is selected, so the next key replaces it.
    pub fn selected(&self) -> bool {
        self.selected
    }

    /// Selects the whole text (when the prompt opens again on it).
    pub fn select_all(&mut self) {
        self.selected = !self.text.is_empty();
    }

    /// Ends the selection, keeping the text.
    pub fn deselect(&mut self) {
        self.selected = false;
    }

    pub fn push(&mut self, c: char) {
        if std::mem::take(&mut self.selected) {
            self.text.clear();
        }
        self.text.push(c);
    }

    /// Empties the prompt; whether there was anything.
    pub fn clear(&mut self) -> bool {
        let changed = !self.text.is_empty();
        self.text.clear();
        self.selected = false;
        changed
    }

    /// Types or edits; whether the text changed.
    pub fn apply(&mut self, typing: Typing) -> bool {
        match typing {
            Typing::Char(c) => {
                self.push(c);
                true
            }
            Typing::Edit(action) => self.edit(action),
        }
    }

    /// Applies an editing action; whether the text changed. Any edit of a selected text
    /// deletes all of it.
    pub fn edit(&mut self, action: Action) -> bool {
        if self.selected
            && matches!(
                action,
                Action::DeleteChar | Action::DeleteWord | Action::ClearInput
            )
        {
            return self.clear();
        }
        match action {
            Action::DeleteChar => self.text.pop().is_some(),
            Action::DeleteWord => {
                let trimmed = self.text.trim_end().len();
                let cut = self.text[..trimmed]
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| i + 1);
                let changed = cut != self.text.len();
                self.text.truncate(cut);
                changed
            }
            Action::ClearInput => self.clear(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_deletes_a_char_a_word_or_everything_and_reports_changes() {
        let mut p = Prompt::default();
        for c in "kim jong".chars() {
            p.push(c);
        }
        assert!(p.edit(Action::DeleteChar));
        assert_eq!(p.text(), "kim jon");
        assert!(p.edit(Action::DeleteWord));
        assert_eq!(p.text(), "kim ");
        assert!(p.edit(Action::ClearInput));
        assert!(!p.edit(Action::ClearInput), "nothing left to clear");
        assert!(!p.edit(Action::Down));
    }

    #[test]
    fn a_prompt_opened_again_replaces_its_selected_text_when_typed_into() {
        let mut p = Prompt::default();
        for c in "grossvater".chars() {
            p.push(c);
        }
        p.select_all();
        assert!(p.selected());
        p.apply(Typing::Char('g'));
        assert_eq!(p.text(), "g", "not grossvaterg");
        assert!(!p.selected());
        for c in "ross".chars() {
            p.push(c);
        }
        p.select_all();
        assert!(p.edit(Action::DeleteChar));
        assert_eq!(p.text(), "", "backspace on a selection deletes all of it");
        p.select_all();
        assert!(!p.selected(), "nothing to select in an empty prompt");
    }
}
