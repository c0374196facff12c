//! A one-line text prompt (the filter, in-article find, the finder's and help's search):
//! typed characters and the editing actions, each saying whether the text changed.

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
}

impl Prompt {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn push(&mut self, c: char) {
        self.text.push(c);
    }

    /// Empties the prompt; whether there was anything.
    pub fn clear(&mut self) -> bool {
        let changed = !self.text.is_empty();
        self.text.clear();
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

    /// Applies an editing action; whether the text changed.
    pub fn edit(&mut self, action: Action) -> bool {
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
}
