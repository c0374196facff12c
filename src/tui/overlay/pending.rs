//! The keys of a sequence typed so far (`g` of `g g`), and what may follow them, for the
//! which-key popup.

use crate::config::key::{Key, display_sequence};
use crate::config::keymap::{Context, Keymap, Lookup};

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

    pub fn push(&mut self, key: Key) {
        self.keys.push(key);
    }

    pub fn clear(&mut self) {
        self.keys.clear();
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
