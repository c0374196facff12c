//! The fact sidebar: its subject (an article or an entity), the rows built for it once per
//! (subject, open article, width), the selected row and the scroll. Keeps the selection on a
//! row that can be chosen and on screen; opening a row is a jump it hands back.

use ratatui::layout::{Position, Rect};

use super::facts::{self, Row};
use crate::config::action::Action;
use crate::corpus::Corpus;
use crate::corpus::ids::ArticleId;
use crate::tui::effect::Reply;
use crate::tui::nav::Subject;

/// How far the wheel scrolls.
const WHEEL_LINES: usize = 3;

#[derive(Clone, Debug, Default)]
pub struct SidebarPane {
    subject: Option<Subject>,
    /// Chosen in the entity finder: stays until the reader selects a mention or opens an article.
    pinned: bool,
    rows: Vec<Row>,
    selected: Option<usize>,
    scroll: usize,
    built_for: Option<(Option<Subject>, Option<ArticleId>, usize)>,
}

impl SidebarPane {
    pub fn subject(&self) -> Option<Subject> {
        self.subject
    }

    pub fn pinned(&self) -> bool {
        self.pinned
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Shows `subject`; `pinned` keeps it while the reader moves on.
    pub fn show(&mut self, subject: Option<Subject>, pinned: bool) {
        self.subject = subject;
        self.pinned = pinned;
    }

    /// Shows an entity chosen as a jump: pinned, from the top.
    pub fn show_from_top(&mut self, subject: Subject) {
        self.show(Some(subject), true);
        self.selected = None;
        self.scroll = 0;
    }

    /// Builds the rows again when the subject, the open article or the width changed.
    fn refresh(&mut self, corpus: &Corpus, open: Option<ArticleId>, columns: usize) {
        let key = (self.subject, open, columns);
        if self.built_for == Some(key) {
            return;
        }
        let same_subject = self.built_for.is_some_and(|(s, _, _)| s == self.subject);
        self.rows = match self.subject {
            Some(subject) => facts::build(corpus, subject, open, columns),
            None => Vec::new(),
        };
        self.built_for = Some(key);
        if !same_subject {
            self.selected = None;
            self.scroll = 0;
        }
    }

    fn selectable(&self) -> Vec<usize> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.item.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    /// A motion between the rows that can be chosen, or Open; `page` is the rows shown.
    pub fn update(&mut self, action: Action, page: usize) -> Reply {
        let rows = self.selectable();
        let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
            return Reply::Done;
        };
        let at = self
            .selected
            .and_then(|s| rows.iter().position(|&r| r == s));
        let pick = |i: usize| rows[i.min(rows.len() - 1)];
        let target_row = |offset_rows: usize, down: bool| {
            let current = at.map_or(first, |a| rows[a]);
            if down {
                let goal = current + offset_rows;
                rows.iter().copied().find(|&r| r >= goal).unwrap_or(last)
            } else {
                let goal = current.saturating_sub(offset_rows);
                rows.iter()
                    .copied()
                    .rev()
                    .find(|&r| r <= goal)
                    .unwrap_or(first)
            }
        };
        let selected = match action {
            Action::Down => at.map_or(first, |a| pick(a + 1)),
            Action::Up => at.map_or(first, |a| pick(a.saturating_sub(1))),
            Action::PageDown => target_row(page, true),
            Action::PageUp => target_row(page, false),
            Action::HalfPageDown => target_row(page / 2, true),
            Action::HalfPageUp => target_row(page / 2, false),
            Action::Top => first,
            Action::Bottom => last,
            Action::Open => {
                let chosen = at.and_then(|a| self.rows[rows[a]].item);
                return match chosen {
                    Some(item) => Reply::Jump(item.jump()),
                    None => {
                        self.selected = Some(first);
                        Reply::Done
                    }
                };
            }
            _ => return Reply::Done,
        };
        self.selected = Some(selected);
        Reply::Done
    }

    pub fn wheel(&mut self, down: bool) {
        self.scroll = if down {
            self.scroll + WHEEL_LINES
        } else {
            self.scroll.saturating_sub(WHEEL_LINES)
        };
        self.selected = None;
    }

    /// A click at `at` in the pane whose inside is `area`: selects the row, or opens it when
    /// it is selected already.
    pub fn click(&mut self, area: Option<Rect>, at: Position) -> Reply {
        let Some(area) = area.filter(|a| at.y >= a.y) else {
            return Reply::Done;
        };
        let index = self.scroll + usize::from(at.y - area.y);
        let Some(item) = self.rows.get(index).and_then(|r| r.item) else {
            return Reply::Done;
        };
        if self.selected == Some(index) {
            Reply::Jump(item.jump())
        } else {
            self.selected = Some(index);
            Reply::Done
        }
    }

    /// Builds what changed and keeps the selection on a choosable row within `page` rows.
    pub fn settle(
        &mut self,
        corpus: &Corpus,
        open: Option<ArticleId>,
        columns: usize,
        page: usize,
    ) {
        if self.subject.is_none() {
            self.subject = open.map(Subject::Article);
        }
        self.refresh(corpus, open, columns);
        if let Some(s) = self.selected
            && self.rows.get(s).is_none_or(|r| r.item.is_none())
        {
            self.selected = None;
        }
        if let Some(s) = self.selected {
            if s < self.scroll {
                self.scroll = s;
            } else if s >= self.scroll + page {
                self.scroll = s + 1 - page;
            }
        }
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(page));
    }
}
