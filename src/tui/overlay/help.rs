//! Help: every action with its keys and one line of description, from the live keymap,
//! grouped by context and narrowed by a folded search. The rows are computed when the query or
//! the keymap changes, not per frame.

use crate::config::action::Action;
use crate::config::key::display_sequence;
use crate::config::keymap::{Context, Keymap};
use crate::corpus::fold::fold_str;
use crate::tui::prompt::{Prompt, Typing};

/// How far a page or the wheel moves.
const PAGE: usize = 10;
const WHEEL_LINES: usize = 3;

/// A context heading, or (keys, action).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpRow {
    Heading(Context),
    Binding(String, Action),
}

#[derive(Clone, Debug, Default)]
pub struct Help {
    query: Prompt,
    scroll: usize,
    rows: Vec<HelpRow>,
}

impl Help {
    pub fn new(keymap: &Keymap) -> Help {
        Help {
            rows: rows(keymap, ""),
            ..Help::default()
        }
    }

    pub fn query(&self) -> &str {
        self.query.text()
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The rows matching the query.
    pub fn rows(&self) -> &[HelpRow] {
        &self.rows
    }

    /// Typing narrows the rows (and starts them from the top).
    pub fn input(&mut self, typing: Typing, keymap: &Keymap) {
        if self.query.apply(typing) {
            if let Typing::Char(_) = typing {
                self.scroll = 0;
            }
            self.rows = rows(keymap, self.query.text());
        }
    }

    /// Esc: clears the query; false when it was empty (so help closes).
    pub fn cancel(&mut self, keymap: &Keymap) -> bool {
        let cleared = self.query.clear();
        if cleared {
            self.rows = rows(keymap, "");
        }
        cleared
    }

    /// The keymap changed: the rows again.
    pub fn rebuild(&mut self, keymap: &Keymap) {
        self.rows = rows(keymap, self.query.text());
    }

    pub fn update(&mut self, action: Action) {
        self.scroll = match action {
            Action::Down => self.scroll.saturating_add(1),
            Action::Up => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll.saturating_add(PAGE),
            Action::PageUp => self.scroll.saturating_sub(PAGE),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => self.scroll,
        };
    }

    pub fn wheel(&mut self, down: bool) {
        self.scroll = if down {
            self.scroll.saturating_add(WHEEL_LINES)
        } else {
            self.scroll.saturating_sub(WHEEL_LINES)
        };
    }

    /// Keeps the scroll on a row.
    pub fn settle(&mut self) {
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(1));
    }
}

/// The rows for a query (folded substring of keys, action name or description).
pub fn rows(keymap: &Keymap, query: &str) -> Vec<HelpRow> {
    let query = fold_str(query.trim());
    let mut rows = Vec::new();
    for &context in Context::ALL {
        let mut actions: Vec<Action> = keymap
            .rows()
            .iter()
            .filter(|r| r.context == context)
            .map(|r| r.action)
            .collect();
        actions.dedup();
        let mut section = Vec::new();
        for action in actions {
            let own: Vec<String> = keymap
                .rows()
                .iter()
                .filter(|r| r.context == context && r.action == action)
                .map(|r| display_sequence(&r.keys))
                .collect();
            let keys: Vec<String> = keymap
                .keys_for(context, action)
                .into_iter()
                .filter(|k| own.contains(k))
                .collect();
            let shown = keys.join(", ");
            let haystack = fold_str(&format!(
                "{shown} {} {}",
                action.name(),
                action.description()
            ));
            if query.is_empty() || haystack.contains(&query) {
                section.push(HelpRow::Binding(shown, action));
            }
        }
        if !section.is_empty() {
            rows.push(HelpRow::Heading(context));
            rows.extend(section);
        }
    }
    rows
}
