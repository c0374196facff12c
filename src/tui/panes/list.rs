//! The article list and its filter: the hits of the current query, the selection and the
//! first item shown. Keeps the selection inside the list and on screen; opening an article is
//! a jump it hands back.

use ratatui::layout::{Position, Rect};

use crate::config::action::Action;
use crate::corpus::ids::ArticleId;
use crate::corpus::search::Hit;
use crate::shelf::Shelf;
use crate::tui::effect::Reply;
use crate::tui::nav::Jump;
use crate::tui::prompt::{Prompt, Typing};

/// Lines each article takes.
pub const ROWS_PER_ITEM: usize = 2;

/// How far the wheel scrolls.
const WHEEL_ITEMS: usize = 3;

#[derive(Clone, Debug, Default)]
pub struct ListPane {
    filter: Prompt,
    /// Whether the filter prompt has the keyboard.
    prompt: bool,
    hits: Vec<Hit>,
    selected: usize,
    offset: usize,
}

impl ListPane {
    /// Every article, in order.
    pub fn new(shelf: &Shelf) -> ListPane {
        ListPane {
            hits: shelf.filter(""),
            ..ListPane::default()
        }
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn query(&self) -> &str {
        self.filter.text()
    }

    /// The filter prompt (its text and whether it is selected).
    pub fn filter(&self) -> &Prompt {
        &self.filter
    }

    /// Whether the filter prompt has the keyboard.
    pub fn prompting(&self) -> bool {
        self.prompt
    }

    /// Whether the pane shows a prompt line under the list.
    pub fn shows_prompt(&self) -> bool {
        self.prompt || !self.filter.text().is_empty()
    }

    /// How many articles fit in `area` (the pane's inside).
    pub fn page(&self, area: Rect) -> usize {
        (usize::from(area.height).saturating_sub(usize::from(self.shows_prompt())) / ROWS_PER_ITEM)
            .max(1)
    }

    /// Puts `article` under the selection, if it is listed.
    pub fn select_article(&mut self, article: ArticleId) {
        if let Some(pos) = self.hits.iter().position(|h| h.article == article) {
            self.selected = pos;
        }
    }

    /// Opens the filter prompt on the kept filter, selected so that typing replaces it.
    pub fn open_prompt(&mut self) {
        self.prompt = true;
        self.filter.select_all();
    }

    /// Enter in the prompt: keep the filter, give the keyboard back.
    pub fn close_prompt(&mut self) {
        self.prompt = false;
        self.filter.deselect();
    }

    /// Esc: close the prompt and clear the filter; whether there was anything to do.
    pub fn cancel(&mut self, shelf: &Shelf) -> bool {
        let was_prompt = std::mem::take(&mut self.prompt);
        let cleared = self.filter.clear();
        if cleared {
            self.refilter(shelf);
        }
        was_prompt || cleared
    }

    /// Typing in the filter: the list is filtered again.
    pub fn input(&mut self, typing: Typing, shelf: &Shelf) {
        if self.filter.apply(typing) {
            self.refilter(shelf);
        }
    }

    /// Filters again, keeping the selected article selected while the query is empty.
    fn refilter(&mut self, shelf: &Shelf) {
        let keep = self.hits.get(self.selected).map(|h| h.article);
        let query = self.filter.text();
        self.hits = shelf.filter(query);
        self.selected = keep
            .and_then(|a| self.hits.iter().position(|h| h.article == a))
            .filter(|_| query.is_empty())
            .unwrap_or(0);
        self.offset = 0;
    }

    /// The shelf's rows changed (a sync committed some): the filter is applied again, and
    /// the selected article stays selected on the same line of the pane while it is listed.
    pub fn renew(&mut self, shelf: &Shelf) {
        let keep = self.hits.get(self.selected).map(|h| h.article);
        let line = self.selected.saturating_sub(self.offset);
        self.hits = shelf.filter(self.filter.text());
        if let Some(at) = keep.and_then(|a| self.hits.iter().position(|h| h.article == a)) {
            self.selected = at;
            self.offset = at.saturating_sub(line);
        }
    }

    /// A motion or Open; `page` is how many articles show.
    pub fn update(&mut self, action: Action, page: usize) -> Option<Jump> {
        let selected = self.selected;
        self.selected = match action {
            Action::Down => selected + 1,
            Action::Up => selected.saturating_sub(1),
            Action::PageDown => selected + page,
            Action::PageUp => selected.saturating_sub(page),
            Action::HalfPageDown => selected + page / 2,
            Action::HalfPageUp => selected.saturating_sub(page / 2),
            Action::Top => 0,
            Action::Bottom => self.hits.len().saturating_sub(1),
            Action::Open => {
                let hit = self.hits.get(selected)?;
                self.prompt = false;
                return Some(Jump::Article(hit.article));
            }
            _ => selected,
        };
        None
    }

    /// The wheel: scrolls by a few items and keeps the selection on screen, as a pager does.
    pub fn wheel(&mut self, down: bool, page: usize) {
        self.offset = if down {
            self.offset + WHEEL_ITEMS
        } else {
            self.offset.saturating_sub(WHEEL_ITEMS)
        };
        self.offset = self.offset.min(self.hits.len().saturating_sub(page));
        self.selected = self.selected.clamp(self.offset, self.offset + page - 1);
    }

    /// A click at `at` in the pane whose inside is `area`: selects and opens that article.
    pub fn click(&mut self, area: Rect, at: Position) -> Reply {
        if at.y < area.y || at.y >= area.y + area.height {
            return Reply::Done;
        }
        let index = self.offset + usize::from(at.y - area.y) / ROWS_PER_ITEM;
        let Some(hit) = self.hits.get(index) else {
            return Reply::Done;
        };
        self.selected = index;
        Reply::Jump(Jump::Article(hit.article))
    }

    /// Keeps the selection inside the list and on a page of `page` items.
    pub fn settle(&mut self, page: usize) {
        let len = self.hits.len();
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(len.saturating_sub(page));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use crate::corpus::Corpus;
    use crate::corpus::catalogue::parse_catalogue;

    fn shelf() -> Shelf {
        let catalogue =
            parse_catalogue("entities.toml", bundled::CATALOGUE.as_bytes()).expect("catalogue");
        Shelf::in_memory(Corpus::build(
            bundled::article_files(),
            catalogue,
            Vec::new(),
        ))
    }

    #[test]
    fn motions_stay_in_the_list_and_the_page_follows_the_selection() {
        let shelf = shelf();
        let mut list = ListPane::new(&shelf);
        let last = list.hits().len() - 1;
        assert_eq!(list.update(Action::Bottom, 2), None);
        list.settle(2);
        assert_eq!((list.selected(), list.offset()), (last, last - 1));
        list.update(Action::PageDown, 2);
        list.settle(2);
        assert_eq!(list.selected(), last, "never past the end");
        list.update(Action::Top, 2);
        list.settle(2);
        assert_eq!((list.selected(), list.offset()), (0, 0));
        let first = list.hits()[0].article;
        assert_eq!(list.update(Action::Open, 2), Some(Jump::Article(first)));
    }

    #[test]
    fn typing_narrows_and_esc_brings_every_article_back() {
        let shelf = shelf();
        let mut list = ListPane::new(&shelf);
        let all = list.hits().len();
        list.open_prompt();
        for c in "vice".chars() {
            list.input(Typing::Char(c), &shelf);
        }
        assert!(list.hits().len() < all && !list.hits().is_empty());
        assert!(list.cancel(&shelf));
        assert_eq!((list.hits().len(), list.prompting()), (all, false));
        assert!(!list.cancel(&shelf), "nothing left to cancel");
    }
}
