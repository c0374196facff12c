//! The entity finder: a fuzzy list of the whole catalogue (the most named first while the
//! query is empty); choosing one is a jump to the entity.

use crate::config::action::Action;
use crate::corpus::ids::EntityId;
use crate::shelf::Shelf;
use crate::tui::nav::Jump;
use crate::tui::prompt::{Prompt, Typing};

#[derive(Clone, Debug, Default)]
pub struct Finder {
    query: Prompt,
    matches: Vec<(EntityId, i64)>,
    selected: usize,
}

impl Finder {
    pub fn new(shelf: &Shelf) -> Finder {
        let mut finder = Finder::default();
        finder.refresh(shelf);
        finder
    }

    /// Opens again on the query it was closed with, selected so that typing replaces it.
    pub fn reopen(shelf: &Shelf, previous: &str) -> Finder {
        let mut finder = Finder::default();
        previous.chars().for_each(|c| finder.query.push(c));
        finder.query.select_all();
        finder.refresh(shelf);
        finder
    }

    pub fn query(&self) -> &str {
        self.query.text()
    }

    /// The prompt (its text and whether it is selected).
    pub fn prompt(&self) -> &Prompt {
        &self.query
    }

    /// Matching entities with their scores, best first.
    pub fn matches(&self) -> &[(EntityId, i64)] {
        &self.matches
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    fn refresh(&mut self, shelf: &Shelf) {
        self.matches = shelf.entities_matching(self.query.text());
        if self.query.text().trim().is_empty() {
            self.matches
                .sort_by_key(|&(e, _)| std::cmp::Reverse(shelf.entity_count(e).mentions));
        }
        self.selected = 0;
    }

    pub fn input(&mut self, typing: Typing, shelf: &Shelf) {
        if self.query.apply(typing) {
            self.refresh(shelf);
        }
    }

    pub fn update(&mut self, action: Action) {
        self.selected = crate::tui::overlay::selection::step_selection(
            self.selected,
            self.matches.len(),
            action,
        );
    }

    /// Enter: the chosen entity, if any.
    pub fn accept(&self) -> Option<Jump> {
        self.matches
            .get(self.selected)
            .map(|&(entity, _)| Jump::Entity(entity))
    }

    pub fn settle(&mut self) {
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
    }
}
