//! The reading pane: the open article's layout, scroll, selection (a mention or a footnote
//! marker), the flash after a jump and the in-article find; also every article's remembered
//! place and read state. Keeps the scroll inside the article and the selection inside it;
//! following a mention or a footnote is a jump it hands back.

use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ratatui::layout::Position;

use super::cursor;
use super::find::{Find, Step};
use super::open::OpenArticle;
use super::visual::{Moved, Visual};
use crate::config::action::Action;
use crate::config::keymap::{Context, Keymap};
use crate::corpus::article::Place;
use crate::corpus::ids::{ArticleId, ArticleKey, MentionId};
use crate::corpus::linker::Mention;
use crate::shelf::{Body, Shelf};
use crate::tui::effect::{Reply, Status};
use crate::tui::geometry::Geometry;
use crate::tui::layout::ArticleLayout;
use crate::tui::nav::{Location, Subject, Target};
use crate::tui::prompt::Typing;
use crate::tui::state::Remembered;

/// How long a jump target stays highlighted.
pub const FLASH: Duration = Duration::from_millis(1200);

/// How far the wheel scrolls.
const WHEEL_LINES: usize = 3;

/// Layouts kept for articles and widths seen recently.
const LAYOUT_CACHE: usize = 64;

#[derive(Debug, Default)]
pub struct ReaderPane {
    open: Option<OpenArticle>,
    layouts: HashMap<(ArticleId, usize), Rc<ArticleLayout>>,
    remembered: HashMap<ArticleKey, Remembered>,
    hyphenate: bool,
    /// Paragraph numbers in the margin.
    numbers: bool,
    /// Visual mode's selection in the open article.
    visual: Option<Visual>,
}

impl ReaderPane {
    pub fn new(hyphenate: bool) -> ReaderPane {
        ReaderPane {
            hyphenate,
            ..ReaderPane::default()
        }
    }

    /// Whether paragraph numbers show in the margin.
    pub fn numbers(&self) -> bool {
        self.numbers
    }

    /// Whether long words are broken at syllables.
    pub fn hyphenation(&self) -> bool {
        self.hyphenate
    }

    /// The open article, if any.
    pub fn open(&self) -> Option<&OpenArticle> {
        self.open.as_ref()
    }

    pub fn article(&self) -> Option<ArticleId> {
        self.open.as_ref().map(|o| o.article)
    }

    /// Lines of text the pane shows.
    pub fn page(&self, geometry: &Geometry) -> usize {
        geometry.reader_rows(self.find_prompting())
    }

    pub fn find_prompting(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.find.prompting())
    }

    /// Whether the reader has opened this article (now or in an earlier session).
    pub fn is_read(&self, shelf: &Shelf, article: ArticleId) -> bool {
        shelf
            .key(article)
            .and_then(|key| self.remembered.get(key))
            .is_some_and(|r| r.read)
    }

    /// Places and read states from an earlier session.
    pub fn remember(&mut self, remembered: HashMap<ArticleKey, Remembered>) {
        self.remembered = remembered;
    }

    /// Every article's place and read state, and the open article.
    pub fn snapshot(
        &mut self,
        shelf: &Shelf,
    ) -> (HashMap<ArticleKey, Remembered>, Option<ArticleKey>) {
        self.remember_current(shelf);
        let last = self.article().and_then(|a| shelf.key(a)).cloned();
        (self.remembered.clone(), last)
    }

    fn remember_current(&mut self, shelf: &Shelf) {
        if let Some(o) = &self.open
            && let Some(key) = shelf.key(o.article)
        {
            let (block, offset) = o.top_place().unwrap_or((0, 0));
            let remembered = self.remembered.entry(key.clone()).or_default();
            remembered.top_block = block;
            remembered.top_offset = offset;
        }
    }

    fn layout_for(&mut self, text: &Body, width: usize) -> Option<Rc<ArticleLayout>> {
        let article = text.article_id;
        if self.layouts.len() > LAYOUT_CACHE {
            self.layouts.clear();
        }
        let hyphenate = self.hyphenate;
        Some(
            self.layouts
                .entry((article, width))
                .or_insert_with(|| Rc::new(ArticleLayout::new(text, article, width, hyphenate)))
                .clone(),
        )
    }

    /// Opens `article` wrapped to `width`; with `at_block`, scrolled there, else where the
    /// reader left it. False when there is no such article or it is open already.
    pub fn show(
        &mut self,
        shelf: &Shelf,
        article: ArticleId,
        at_block: Option<usize>,
        width: usize,
    ) -> bool {
        if self.article() == Some(article) && at_block.is_none() {
            return false;
        }
        let Some(body) = shelf.article(article) else {
            return false;
        };
        let key = body.article.id.clone();
        let Some(layout) = self.layout_for(&body, width) else {
            return false;
        };
        self.remember_current(shelf);
        self.visual = None;
        let remembered = self.remembered.entry(key).or_default();
        remembered.read = true;
        let scroll = match at_block {
            Some(block) => layout.first_line_of(block),
            None if (remembered.top_block, remembered.top_offset) == (0, 0) => 0,
            // The remembered line, at whatever width the article is wrapped now.
            None => layout.line_of(remembered.top_block, remembered.top_offset),
        };
        let anchor = match at_block {
            Some(block) => (scroll, block, 0),
            None => (scroll, remembered.top_block, remembered.top_offset),
        };
        self.open = Some(OpenArticle {
            article,
            body,
            layout,
            scroll,
            // At the top the header shows, which is no block's place.
            anchor: (scroll > 0).then_some(anchor),
            target: None,
            flash: None,
            flash_until: None,
            find: Find::default(),
        });
        true
    }

    /// The open article's file changed: reads it again and shows it at the same place; false
    /// (and the article closed) when it can no longer be read.
    pub fn reread(&mut self, shelf: &Shelf, width: usize) -> bool {
        let Some(article) = self.article() else {
            return false;
        };
        self.remember_current(shelf);
        self.layouts.retain(|(a, _), _| *a != article);
        self.open = None;
        self.visual = None;
        self.show(shelf, article, None, width)
    }

    /// Closes the article, remembering its place.
    pub fn close(&mut self, shelf: &Shelf) {
        self.remember_current(shelf);
        self.open = None;
        self.visual = None;
    }

    /// Wraps again for a new width or hyphenation, at the same place.
    pub fn relayout(&mut self, width: usize, hyphenate: bool) {
        if hyphenate != self.hyphenate {
            self.hyphenate = hyphenate;
            self.layouts.clear();
        } else if self.open.as_ref().is_none_or(|o| o.layout.width == width) {
            return;
        }
        let Some((body, top)) = self.open.as_ref().map(|o| (o.body.clone(), o.top_place())) else {
            return;
        };
        if let Some(layout) = self.layout_for(&body, width)
            && let Some(o) = self.open.as_mut()
        {
            o.scroll = top.map_or(0, |(b, offset)| layout.line_of(b, offset));
            o.anchor = top.map(|(b, offset)| (o.scroll, b, offset));
            o.layout = layout;
        }
    }

    /// Where the reader is, with the sidebar's subject.
    pub fn location(&self, subject: Option<Subject>) -> Location {
        match &self.open {
            Some(o) => Location {
                article: Some(o.article),
                scroll: o.scroll,
                width: o.layout.width,
                top_block: o.layout.block_at(o.scroll),
                target: o.target,
                subject,
            },
            None => Location {
                article: None,
                scroll: 0,
                width: 0,
                top_block: None,
                target: None,
                subject,
            },
        }
    }

    /// After going back or forward to `to` (its article open): the same scroll, or the same
    /// block when the width changed since, and the same selection.
    pub fn return_to(&mut self, to: &Location) {
        if let Some(o) = self.open.as_mut() {
            o.scroll = if to.width == o.layout.width {
                to.scroll
            } else {
                to.top_block.map_or(0, |b| o.layout.first_line_of(b))
            };
            o.target = to.target;
            o.flash = None;
        }
    }

    /// Selects mention `id` of the open article, flashes it and centres it (after a jump).
    pub fn land_on(&mut self, id: MentionId, mention: &Mention, now: Instant, page: usize) {
        if let Some(o) = self.open.as_mut() {
            o.target = Some(Target::Mention(id));
            o.flash = Some((mention.place, mention.range.clone()));
            o.flash_until = Some(now + FLASH);
            let line = o.layout.line_of_place(mention.place, mention.range.start);
            o.scroll_to_line(line, true, page);
        }
    }

    /// Flashes block `block` and centres it (a footnote's reference).
    pub fn land_on_block(&mut self, block: usize, now: Instant, page: usize) {
        self.land_on_text(block, 0..usize::MAX, now, page);
    }

    /// Flashes bytes `range` of block `block` (cut to the block) and centres their first line
    /// (a sentence of the timeline or the compare view).
    pub fn land_on_text(
        &mut self,
        block: usize,
        range: std::ops::Range<usize>,
        now: Instant,
        page: usize,
    ) {
        let Some(o) = self.open.as_mut() else {
            return;
        };
        let body = o.body.clone();
        let Some(text) = body.blocks.get(block).map(|b| b.text.as_str()) else {
            return;
        };
        let end = range.end.min(text.len());
        let start = range.start.min(end);
        let range = if text.is_char_boundary(start) && text.is_char_boundary(end) {
            start..end
        } else {
            0..text.len()
        };
        let line = o.layout.line_of(block, range.start);
        o.flash = Some((Place::Block(block), range));
        o.flash_until = Some(now + FLASH);
        o.scroll_to_line(line, true, page);
    }

    fn scroll_to_target(&mut self, center: bool, page: usize) {
        let line = self
            .open
            .as_ref()
            .and_then(|o| cursor::target_line(o, o.target?));
        if let (Some(line), Some(o)) = (line, self.open.as_mut()) {
            o.scroll_to_line(line, center, page);
        }
    }

    /// Selects a target in the open article; a mention's entity is for the sidebar to show.
    pub fn select(&mut self, target: Target, page: usize) -> Reply {
        let Some(o) = self.open.as_mut() else {
            return Reply::Done;
        };
        o.target = Some(target);
        self.scroll_to_target(false, page);
        match (target, self.open.as_ref()) {
            (Target::Mention(id), Some(o)) => o
                .body
                .mention(id)
                .map_or(Reply::Done, |m| Reply::Show(Subject::Entity(m.entity))),
            _ => Reply::Done,
        }
    }

    /// An action for the reading pane (also what reaches it from the find prompt).
    pub fn update(
        &mut self,
        action: Action,
        shelf: &Shelf,
        keymap: &Keymap,
        geometry: &Geometry,
    ) -> Reply {
        let page = self.page(geometry);
        match action {
            Action::NextMention | Action::PrevMention => {
                let Some(o) = self.open.as_ref() else {
                    return Reply::Done;
                };
                let next = cursor::next_mention(o, action == Action::NextMention, page);
                self.select_from(next, page)
            }
            Action::NextSameEntity | Action::PrevSameEntity => {
                self.open.as_ref().map_or(Reply::Done, |o| {
                    cursor::same_entity(o, shelf, keymap, action == Action::NextSameEntity)
                })
            }
            Action::ToggleNumbers => {
                self.numbers = !self.numbers;
                Reply::Done
            }
            Action::NextFootnote | Action::PrevFootnote => {
                let Some(o) = self.open.as_ref() else {
                    return Reply::Done;
                };
                let next = cursor::next_footnote(o, action == Action::NextFootnote, page);
                self.select_from(next, page)
            }
            Action::NextHit | Action::PrevHit => {
                let Some(o) = self.open.as_mut() else {
                    return Reply::Done;
                };
                // `n` keeps the direction of the find (`?` finds upwards), `N` reverses it.
                let forward = (action == Action::NextHit) != o.find.backward();
                let Some(step) = o.find.step(forward) else {
                    let key = keymap
                        .first_key(Context::Reader, Action::FindInArticle)
                        .unwrap_or_default();
                    return Reply::Status(Status::info(format!(
                        "no search hits ({key} finds text)"
                    )));
                };
                self.show_find_hit(page);
                match step {
                    Step::Wrapped if forward => {
                        Reply::Status(Status::info("past the last hit: wrapped to the first"))
                    }
                    Step::Wrapped => {
                        Reply::Status(Status::info("past the first hit: wrapped to the last"))
                    }
                    Step::On => Reply::Done,
                }
            }
            Action::Center => {
                self.scroll_to_target(true, page);
                Reply::Done
            }
            Action::Open => self
                .open
                .as_ref()
                .map_or(Reply::Done, |o| cursor::follow(o, shelf, keymap)),
            _ => {
                let step = page.saturating_sub(2).max(1);
                if let Some(o) = self.open.as_mut() {
                    o.scroll = match action {
                        Action::Down => o.scroll + 1,
                        Action::Up => o.scroll.saturating_sub(1),
                        Action::PageDown => o.scroll + step,
                        Action::PageUp => o.scroll.saturating_sub(step),
                        Action::HalfPageDown => o.scroll + page / 2,
                        Action::HalfPageUp => o.scroll.saturating_sub(page / 2),
                        Action::Top => 0,
                        Action::Bottom => usize::MAX / 2,
                        _ => o.scroll,
                    };
                }
                Reply::Done
            }
        }
    }

    fn select_from(&mut self, next: Result<Target, Status>, page: usize) -> Reply {
        match next {
            Ok(target) => self.select(target, page),
            Err(status) => Reply::Status(status),
        }
    }

    /// Opens the find prompt (`backward`: hits are visited upwards); false without an open
    /// article.
    pub fn open_find(&mut self, backward: bool) -> bool {
        match self.open.as_mut() {
            Some(o) => {
                o.find.open_prompt(backward);
                true
            }
            None => false,
        }
    }

    /// Typing in the find prompt: searches again and shows the current hit.
    pub fn find_input(&mut self, typing: Typing, geometry: &Geometry) {
        let page = self.page(geometry);
        if let Some(o) = self.open.as_mut()
            && o.find.input(
                typing,
                &o.body.article,
                &o.layout,
                o.scroll..o.scroll + page,
            )
        {
            self.show_find_hit(page);
        }
    }

    /// Enter in the find prompt: close it and go to the current hit.
    pub fn find_accept(&mut self, geometry: &Geometry) {
        if let Some(o) = self.open.as_mut() {
            o.find.accept();
            let page = self.page(geometry);
            self.show_find_hit(page);
        }
    }

    fn show_find_hit(&mut self, page: usize) {
        if let Some(o) = self.open.as_mut()
            && let Some((source, range)) = o.find.current_hit()
        {
            let line = o.layout.line_at(*source, range.start);
            o.scroll_to_line(line, false, page);
        }
    }

    /// Esc in the reading pane: ends visual mode, else clears the find, else the selection.
    pub fn cancel(&mut self) {
        if self.visual.take().is_some() {
            return;
        }
        if let Some(o) = self.open.as_mut() {
            if o.find.is_active() {
                o.find = Find::default();
            } else {
                o.target = None;
            }
        }
    }

    pub fn wheel(&mut self, down: bool) {
        if let Some(o) = self.open.as_mut() {
            o.scroll = if down {
                o.scroll + WHEEL_LINES
            } else {
                o.scroll.saturating_sub(WHEEL_LINES)
            };
        }
    }

    /// A click at `at`: selects the mention or footnote marker there; a second click on the
    /// selected mention, or any click on a footnote marker, follows it.
    pub fn click(
        &mut self,
        shelf: &Shelf,
        keymap: &Keymap,
        geometry: &Geometry,
        at: Position,
    ) -> Reply {
        let Some(o) = self.open.as_ref() else {
            return Reply::Done;
        };
        let Some(target) = cursor::under(o, geometry, at) else {
            return Reply::Done;
        };
        let again = o.target() == Some(target);
        let mut reply = Reply::Done;
        if !again {
            reply = self.select(target, self.page(geometry));
        }
        if again || matches!(target, Target::Footnote(..)) {
            reply = self.update(Action::Open, shelf, keymap, geometry);
        }
        reply
    }

    /// Visual mode's selection, when one is being made.
    pub fn visual(&self) -> Option<&Visual> {
        self.visual.as_ref()
    }

    /// Ends visual mode, handing back the selection.
    pub fn end_visual(&mut self) -> Option<Visual> {
        self.visual.take()
    }

    /// Starts visual mode at the cursor (`cursor::place`): on the selected mention's words or
    /// the first word on the page, or on the sentence there (`sentence`).
    pub fn start_visual(&mut self, sentence: bool) -> Result<(), Status> {
        let o = self
            .open
            .as_ref()
            .ok_or_else(|| Status::info("open an article to select in it"))?;
        let (block, range) = cursor::place(o)
            .ok_or_else(|| Status::info("scroll down to the text to select in it"))?;
        let text = o
            .body
            .blocks
            .get(block)
            .map(|b| b.text.as_str())
            .ok_or_else(|| Status::error("no such paragraph"))?;
        let visual = if sentence {
            Visual::on_sentence(block, text, range.start)
        } else if range.is_empty() {
            Visual::on_word(block, text, range.start)
        } else {
            Visual::new(block, text, range)
        };
        self.visual = Some(visual.ok_or_else(|| Status::info("nothing to select here"))?);
        Ok(())
    }

    /// A motion of visual mode: the selection's moving edge goes by a word, a sentence or to
    /// the paragraph's edge, and stays on screen.
    pub fn extend_visual(&mut self, action: Action, geometry: &Geometry) -> Option<Status> {
        let page = self.page(geometry);
        let (Some(o), Some(v)) = (self.open.as_mut(), self.visual.as_mut()) else {
            return None;
        };
        let body = o.body.clone();
        let text = body.blocks.get(v.block).map_or("", |b| b.text.as_str());
        let moved = v.extend(action, text)?;
        let line = o.layout.line_of(v.block, v.head());
        o.scroll_to_line(line, false, page);
        (moved == Moved::AtEdge).then(|| {
            Status::info(format!(
                "a selection stays within its paragraph ({})",
                crate::corpus::article::paragraph_number(v.block)
            ))
        })
    }

    /// Ends a flash whose time is up; whether anything changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        if let Some(o) = self.open.as_mut()
            && o.flash_until.is_some_and(|t| now >= t)
        {
            o.flash = None;
            o.flash_until = None;
            return true;
        }
        false
    }

    /// When the flash ends, if one shows.
    pub fn deadline(&self) -> Option<Instant> {
        self.open.as_ref().and_then(|o| o.flash_until)
    }

    /// Keeps the scroll inside the article and the selection on one of its mentions.
    pub fn settle(&mut self, geometry: &Geometry) {
        let page = self.page(geometry);
        let stale = self.open.as_ref().is_some_and(|o| match o.target {
            Some(Target::Mention(id)) => o.body.mention(id).is_none(),
            _ => false,
        });
        if let Some(o) = self.open.as_mut() {
            o.scroll = o.scroll.min(o.layout.lines.len().saturating_sub(page));
            if stale {
                o.target = None;
            }
        }
    }
}
