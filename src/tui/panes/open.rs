//! The open article as the reading pane holds it: its layout at the current width, the scroll,
//! the selection, the flash after a jump and the in-article find. Read by drawing and by the
//! cursor; changed only by the reading pane.

use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use super::find::Find;
use crate::corpus::article::Place;
use crate::corpus::ids::ArticleId;
use crate::shelf::Body;
use crate::tui::layout::ArticleLayout;
use crate::tui::nav::Target;

/// The open article and where the reader is in it.
#[derive(Clone, Debug)]
pub struct OpenArticle {
    pub(super) article: ArticleId,
    /// Its text and links, held while it is open.
    pub(super) body: Arc<Body>,
    pub(super) layout: Rc<ArticleLayout>,
    pub(super) scroll: usize,
    /// (scroll, block, offset): the place the article was opened or rewrapped at, kept while
    /// the scroll stays there, so wrapping at another width and back never drifts it.
    pub(super) anchor: Option<(usize, usize, usize)>,
    pub(super) target: Option<Target>,
    /// A spot highlighted after a jump: (where, byte range), until `flash_until`.
    pub(super) flash: Option<(Place, Range<usize>)>,
    pub(super) flash_until: Option<Instant>,
    pub(super) find: Find,
}

impl OpenArticle {
    pub fn article(&self) -> ArticleId {
        self.article
    }

    /// Its text and links.
    pub fn body(&self) -> &Body {
        &self.body
    }

    pub fn layout(&self) -> &ArticleLayout {
        &self.layout
    }

    /// The first line shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn target(&self) -> Option<Target> {
        self.target
    }

    pub fn flash(&self) -> Option<&(Place, Range<usize>)> {
        self.flash.as_ref()
    }

    pub fn find(&self) -> &Find {
        &self.find
    }

    /// The block and byte offset of the first line shown, a place that survives wrapping at
    /// another width (None at the header above the first block).
    pub fn top_place(&self) -> Option<(usize, usize)> {
        if let Some((scroll, block, offset)) = self.anchor
            && scroll == self.scroll
        {
            return Some((block, offset));
        }
        let line = self.layout.lines.get(self.scroll)?;
        match line.source {
            crate::tui::layout::Source::Block(b) => Some((b, line.range.start)),
            _ if self.scroll == 0 => None,
            // A blank line or the rule: the block that follows.
            _ => self.layout.lines[self.scroll..]
                .iter()
                .find_map(|l| match l.source {
                    crate::tui::layout::Source::Block(b) => Some((b, 0)),
                    _ => None,
                })
                .or(Some((0, 0))),
        }
    }

    /// Scrolls so that `line` shows; `center` puts it a third of the way down the page.
    pub(super) fn scroll_to_line(&mut self, line: usize, center: bool, page: usize) {
        if center || !(self.scroll..self.scroll + page).contains(&line) {
            self.scroll = line.saturating_sub(page / 3);
        }
    }
}
