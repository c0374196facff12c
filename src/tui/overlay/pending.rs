//! The keys of a sequence typed so far (`g` of `g g`), and what may follow them, for the
//! which-key popup.

use crate::config::action::Action;
use crate::config::key::{Key, display_sequence};
use crate::config::keymap::{Context, Keymap, Lookup};

/// What a key press amounts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fed {
    Action(Action),
    /// A character for an open prompt (a key bound to nothing that types one).
    Typed(char),
    /// The start of a sequence: waiting for the next key.
    Waiting,
    /// Nothing: an unbound key, or a sequence that leads nowhere (`unknown`).
    Nothing {
        unknown: bool,
    },
}

/// Keys typed so far that start a sequence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pending {
    keys: Vec<Key>,
}

impl Pending {
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn clear(&mut self) {
        self.keys.clear();
    }

    /// Adds `key` to what was typed and looks the keys up in `context`.
    pub fn feed(&mut self, key: Key, keymap: &Keymap, context: Context) -> Fed {
        self.keys.push(key);
        match keymap.lookup(context, &self.keys) {
            Lookup::Action(action) => {
                self.keys.clear();
                Fed::Action(action)
            }
            Lookup::Pending(_) => Fed::Waiting,
            Lookup::Unbound => {
                let single = self.keys.len() == 1;
                self.keys.clear();
                match key.typed_char().filter(|_| single) {
                    Some(c) => Fed::Typed(c),
                    None => Fed::Nothing { unknown: !single },
                }
            }
        }
    }

    /// The title of the popup: the keys typed so far.
    pub fn title(&self) -> String {
        format!("{} …", display_sequence(&self.keys))
    }

    /// One line per key that may follow: "key  action".
    pub fn continuations(&self, keymap: &Keymap, context: Context) -> Vec<String> {
        match keymap.lookup(context, &self.keys) {
            Lookup::Pending(next) => next
                .iter()
                .map(|(keys, action)| format!("{:<6} {}", display_sequence(keys), action.name()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::key::parse_key;

    fn key(s: &str) -> Key {
        parse_key(s).unwrap()
    }

    #[test]
    fn a_sequence_waits_then_resolves_and_an_unbound_letter_is_typed() {
        let keymap = Keymap::defaults();
        let mut pending = Pending::default();
        assert_eq!(
            pending.feed(key("z"), &keymap, Context::Reader),
            Fed::Waiting
        );
        assert_eq!(pending.len(), 1);
        assert!(!pending.continuations(&keymap, Context::Reader).is_empty());
        assert_eq!(
            pending.feed(key("z"), &keymap, Context::Reader),
            Fed::Action(Action::Center)
        );
        assert!(pending.is_empty());
        assert_eq!(
            pending.feed(key("ä"), &keymap, Context::Filter),
            Fed::Typed('ä')
        );
    }

    #[test]
    fn a_sequence_that_leads_nowhere_is_unknown_and_forgotten() {
        let keymap = Keymap::defaults();
        let mut pending = Pending::default();
        pending.feed(key("z"), &keymap, Context::Reader);
        assert_eq!(
            pending.feed(key("ctrl-x"), &keymap, Context::Reader),
            Fed::Nothing { unknown: true }
        );
        assert!(pending.is_empty());
        assert_eq!(
            pending.feed(key("f9"), &keymap, Context::Reader),
            Fed::Nothing { unknown: false }
        );
    }
}
