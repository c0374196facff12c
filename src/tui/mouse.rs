//! Mouse input: the wheel scrolls the pane under the pointer; a click selects a list item, a
//! mention, a footnote marker or a passage (a second click on the selection opens it).

use std::time::Instant;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthChar;

use super::app::{App, Focus, Overlay, Target};
use super::layout::{Source, indent};
use super::panes::inner;

const WHEEL_LINES: usize = 3;

impl App {
    /// One mouse event (ignored while mouse capture is off).
    pub fn handle_mouse(&mut self, event: MouseEvent) {
        if !self.mouse {
            return;
        }
        let at = Position::new(event.column, event.row);
        if let Overlay::Help(help) = &mut self.overlay {
            match event.kind {
                MouseEventKind::ScrollDown => help.scroll = help.scroll.saturating_add(WHEEL_LINES),
                MouseEventKind::ScrollUp => help.scroll = help.scroll.saturating_sub(WHEEL_LINES),
                _ => {}
            }
            return;
        }
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        let panes = self.panes();
        let pane = if panes.list.contains(at) {
            Focus::List
        } else if panes.reader.contains(at) {
            Focus::Reader
        } else if panes.sidebar.is_some_and(|s| s.contains(at)) {
            Focus::Sidebar
        } else {
            return;
        };
        match event.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = event.kind == MouseEventKind::ScrollDown;
                self.wheel(pane, down);
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.message = None;
                match pane {
                    Focus::List => self.click_list(panes.list, at),
                    Focus::Reader => self.click_reader(at),
                    Focus::Sidebar => {
                        if let Some(rect) = panes.sidebar {
                            self.click_sidebar(rect, at);
                        }
                    }
                }
            }
            _ => {}
        }
        self.settle();
    }

    fn wheel(&mut self, pane: Focus, down: bool) {
        let apply = |value: usize| {
            if down {
                value + WHEEL_LINES
            } else {
                value.saturating_sub(WHEEL_LINES)
            }
        };
        match pane {
            Focus::List => {
                self.list.offset = apply(self.list.offset);
                let page = self.list_height();
                // Keep the selection on screen, as a pager does.
                self.list.offset = self
                    .list
                    .offset
                    .min(self.list.hits.len().saturating_sub(page));
                self.list.selected = self
                    .list
                    .selected
                    .clamp(self.list.offset, self.list.offset + page - 1);
            }
            Focus::Reader => {
                if let Some(r) = self.reader.as_mut() {
                    r.scroll = apply(r.scroll);
                }
            }
            Focus::Sidebar => {
                self.sidebar.scroll = apply(self.sidebar.scroll);
                self.sidebar.selected = None;
            }
        }
    }

    fn click_list(&mut self, rect: Rect, at: Position) {
        self.focus = Focus::List;
        let area = inner(rect);
        if at.y < area.y || at.y >= area.y + area.height {
            return;
        }
        let row = self.list.offset + usize::from(at.y - area.y) / super::ui::LIST_ROWS_PER_ITEM;
        if row < self.list.hits.len() {
            self.list.selected = row;
            let article = self.list.hits[row].article;
            self.jump_to_article(article);
        }
    }

    fn click_reader(&mut self, at: Position) {
        self.focus = Focus::Reader;
        let area = inner(self.panes().reader);
        let (text_x, _) = self.reader_text_area();
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        if at.y < area.y || at.x < text_x {
            return;
        }
        let line_index = r.scroll + usize::from(at.y - area.y);
        let Some(line) = r.layout.lines.get(line_index) else {
            return;
        };
        let Source::Block(b) = line.source else {
            return;
        };
        let Some(block) = self.corpus.article(r.article).and_then(|a| a.blocks.get(b)) else {
            return;
        };
        let column = usize::from(at.x - text_x);
        let Some(column) = column.checked_sub(indent(block.kind, block.number)) else {
            return;
        };
        // The byte under the pointer.
        let mut used = 0;
        let mut offset = None;
        for (i, c) in block.text[line.range.clone()].char_indices() {
            let w = c.width().unwrap_or(0);
            if column < used + w.max(1) {
                offset = Some(line.range.start + i);
                break;
            }
            used += w;
        }
        let Some(offset) = offset else {
            return;
        };
        let article = r.article;
        let selected = r.target;
        let under = self
            .corpus
            .links
            .in_article_with_ids(article)
            .find(|(_, m)| m.block == b && m.range.contains(&offset))
            .map(|(i, _)| i);
        if let Some(i) = under {
            if selected == Some(Target::Mention(i)) {
                self.update(crate::config::action::Action::Open);
            } else {
                self.select_target(Target::Mention(i));
            }
            return;
        }
        let markers = block.footnote_markers();
        if let Some(i) = markers
            .iter()
            .position(|(range, _)| range.contains(&offset))
        {
            self.select_target(Target::Footnote(b, i));
            self.update(crate::config::action::Action::Open);
        }
    }

    fn click_sidebar(&mut self, rect: Rect, at: Position) {
        self.focus = Focus::Sidebar;
        let area = inner(rect);
        if at.y < area.y {
            return;
        }
        let row = self.sidebar.scroll + usize::from(at.y - area.y);
        let Some(item) = self.sidebar.rows.get(row).and_then(|r| r.item) else {
            return;
        };
        if self.sidebar.selected == Some(row) {
            match item {
                super::sidebar::Item::Passage(m) => self.jump_to_mention(m, Instant::now()),
                other => self.open_item(other),
            }
        } else {
            self.sidebar.selected = Some(row);
        }
    }
}
