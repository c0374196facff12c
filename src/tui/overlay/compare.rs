//! The compare view: two passages, each in its article wrapped to its half of the screen and
//! scrolled on its own: side by side where both get `SIDE_BY_SIDE` columns, stacked (one
//! above the other) below that, so at 80 columns both stay readable at once. One side has
//! the keyboard; Enter follows it into the reading pane (a jump, recorded in history).

use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::config::action::Action;
use crate::corpus::article::Place;
use crate::corpus::ids::ArticleId;
use crate::shelf::{Body, Shelf};
use crate::tui::layout::ArticleLayout;
use crate::tui::nav::{Jump, Target};
use crate::tui::panes::reader::ReaderPane;
use crate::tui::panes::rows::Item;
use crate::tui::panes::sidebar::SidebarPane;

/// The least width (whole screen) at which the two sides stand side by side.
pub const SIDE_BY_SIDE: u16 = 100;
/// The widest a side's text is wrapped.
const MAX_TEXT: usize = 80;
/// Columns a side's frame and margins take: borders, the passage bar, a space each side.
const FRAME: u16 = 5;

/// A place to compare: a block of an article and the words that matter in it (a mention or a
/// sentence; the whole block when nothing narrower is known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub article: ArticleId,
    pub block: usize,
    pub range: Range<usize>,
}

/// One side: its passage, its wrapped article and how far it is scrolled.
#[derive(Clone, Debug)]
pub struct Side {
    passage: Passage,
    /// The article's text and links, held while the view is open.
    body: Option<Arc<Body>>,
    layout: Option<Rc<ArticleLayout>>,
    scroll: usize,
    /// Whether the passage is still to be brought on screen (when first laid out).
    placed: bool,
}

impl Side {
    fn new(passage: Passage) -> Side {
        Side {
            passage,
            body: None,
            layout: None,
            scroll: 0,
            placed: false,
        }
    }

    pub fn passage(&self) -> &Passage {
        &self.passage
    }

    /// The article's text and links, once laid out.
    pub fn body(&self) -> Option<&Body> {
        self.body.as_deref()
    }

    pub fn layout(&self) -> Option<&ArticleLayout> {
        self.layout.as_deref()
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Lays the article out at `width` (again only when the width changed, at the same block)
    /// and keeps the scroll inside it; the first time, the passage starts the page.
    fn settle(&mut self, shelf: &Shelf, width: usize, rows: usize, hyphenate: bool) {
        if self.body.is_none() {
            self.body = shelf.article(self.passage.article);
        }
        if self.layout.as_ref().is_none_or(|l| l.width != width.max(8)) {
            let Some(article) = self.body.as_ref() else {
                self.layout = None;
                return;
            };
            let top = self.layout.as_ref().and_then(|l| l.block_at(self.scroll));
            let layout = ArticleLayout::new(article, self.passage.article, width, hyphenate);
            if let Some(block) = top.filter(|_| self.placed) {
                self.scroll = layout.first_line_of(block);
            }
            self.layout = Some(Rc::new(layout));
        }
        let Some(layout) = self.layout.as_ref() else {
            return;
        };
        if !self.placed {
            self.placed = true;
            let start = layout.first_line_of(self.passage.block);
            let words = layout.line_of(self.passage.block, self.passage.range.start);
            // The passage's block from its first line, unless that hides the words.
            self.scroll = if words >= start + rows {
                words.saturating_sub(rows / 3)
            } else {
                start
            };
        }
        self.scroll = self
            .scroll
            .min(layout.lines.len().saturating_sub(rows.max(1)));
    }

    fn scroll_by(&mut self, lines: isize) {
        self.scroll = self.scroll.saturating_add_signed(lines);
    }

    /// Where Enter goes: the passage while any of its block is on the page, else the block at
    /// the top of the page.
    fn follow(&self, rows: usize) -> Jump {
        let p = &self.passage;
        let Some(layout) = self.layout.as_ref() else {
            return Jump::Passage(p.article, p.block, p.range.start, p.range.end);
        };
        let lines = layout.block_lines.get(p.block).cloned().unwrap_or(0..0);
        let page = self.scroll..self.scroll + rows.max(1);
        if lines.start < page.end && lines.end > page.start {
            return Jump::Passage(p.article, p.block, p.range.start, p.range.end);
        }
        match layout.block_at(self.scroll) {
            Some(block) if self.scroll > 0 => Jump::Place(p.article, block),
            _ => Jump::Article(p.article),
        }
    }
}

/// Where the two sides go in an area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frames {
    pub sides: [Rect; 2],
    pub stacked: bool,
}

impl Frames {
    /// The two frames in `area` (the screen above the status bar).
    pub fn of(area: Rect) -> Frames {
        if area.width >= SIDE_BY_SIDE {
            let left = area.width / 2;
            Frames {
                sides: [
                    Rect::new(area.x, area.y, left, area.height),
                    Rect::new(area.x + left, area.y, area.width - left, area.height),
                ],
                stacked: false,
            }
        } else {
            let top = area.height / 2;
            Frames {
                sides: [
                    Rect::new(area.x, area.y, area.width, top),
                    Rect::new(area.x, area.y + top, area.width, area.height - top),
                ],
                stacked: true,
            }
        }
    }

    /// The text columns and rows inside side `i`'s frame.
    pub fn text(&self, i: usize) -> (usize, usize) {
        let r = self.sides[i.min(1)];
        let columns = usize::from(r.width.saturating_sub(FRAME)).min(MAX_TEXT);
        (columns, usize::from(r.height.saturating_sub(2)))
    }
}

/// The whole block: the words that matter are not known more narrowly.
pub const WHOLE_BLOCK: Range<usize> = 0..usize::MAX;

/// The open article's current passage: the selected mention or footnote, else the block at
/// the top of the page; `None` with no article open.
pub fn current_passage(reader: &ReaderPane) -> Option<Passage> {
    let open = reader.open()?;
    let article = open.article();
    let selected = match open.target() {
        // A mention in the title or lead: the block at the top of the page.
        Some(Target::Mention(id)) => open
            .body()
            .mention(id)
            .and_then(|m| Some((m.place.block()?, m.range.clone()))),
        Some(Target::Footnote(block, _)) => Some((block, WHOLE_BLOCK)),
        None => None,
    };
    let (block, range) = selected
        .or_else(|| open.top_place().map(|(block, _)| (block, WHOLE_BLOCK)))
        .unwrap_or((0, WHOLE_BLOCK));
    Some(Passage {
        article,
        block,
        range,
    })
}

/// The passage selected in the sidebar's list, if a passage row is selected.
pub fn sidebar_passage(shelf: &Shelf, sidebar: &SidebarPane) -> Option<Passage> {
    let Item::Passage(id) = sidebar.rows().item(shelf, sidebar.selected()?)? else {
        return None;
    };
    let m = shelf.mention(id)?;
    Some(Passage {
        article: m.article,
        // A title or lead is compared by the article's first block.
        block: m.place.block().unwrap_or(0),
        range: match m.place {
            Place::Block(_) => m.range.clone(),
            Place::Title | Place::Lead => WHOLE_BLOCK,
        },
    })
}

/// The compare view for the compare key: the sidebar's selected passage beside the open
/// article's; or why not, for the status bar.
pub fn beside(
    shelf: &Shelf,
    reader: &ReaderPane,
    sidebar: &SidebarPane,
) -> Result<CompareView, &'static str> {
    let right = sidebar_passage(shelf, sidebar)
        .ok_or("select a passage in the sidebar to put it beside the open article")?;
    let left = current_passage(reader).ok_or("open an article to compare with")?;
    Ok(CompareView::new(left, right))
}

#[derive(Clone, Debug)]
pub struct CompareView {
    sides: [Side; 2],
    focused: usize,
    frames: Frames,
}

impl CompareView {
    /// `left` (the open article's passage) beside `right`.
    pub fn new(left: Passage, right: Passage) -> CompareView {
        CompareView {
            sides: [Side::new(left), Side::new(right)],
            focused: 1,
            frames: Frames::of(Rect::default()),
        }
    }

    pub fn sides(&self) -> &[Side; 2] {
        &self.sides
    }

    /// The side with the keyboard: 0 left (or top), 1 right (or bottom).
    pub fn focused(&self) -> usize {
        self.focused
    }

    pub fn frames(&self) -> Frames {
        self.frames
    }

    fn rows(&self) -> usize {
        self.frames.text(self.focused).1
    }

    pub fn update(&mut self, action: Action) {
        let page = self.rows().max(1) as isize;
        let side = &mut self.sides[self.focused];
        match action {
            Action::Down => side.scroll_by(1),
            Action::Up => side.scroll_by(-1),
            Action::PageDown => side.scroll_by(page - 1),
            Action::PageUp => side.scroll_by(1 - page),
            Action::HalfPageDown => side.scroll_by(page / 2),
            Action::HalfPageUp => side.scroll_by(-page / 2),
            Action::Top => side.scroll = 0,
            Action::Bottom => side.scroll = usize::MAX,
            Action::OtherSide | Action::FocusNext | Action::FocusPrev => {
                self.focused = 1 - self.focused
            }
            _ => {}
        }
    }

    /// Enter: the focused side's passage (or where it was scrolled to) in the reading pane.
    pub fn accept(&self) -> Jump {
        self.sides[self.focused].follow(self.rows())
    }

    /// Lays both sides out for the screen above the status bar, `area`.
    pub fn settle(&mut self, shelf: &Shelf, area: Rect, hyphenate: bool) {
        self.frames = Frames::of(area);
        for (i, side) in self.sides.iter_mut().enumerate() {
            let (columns, rows) = self.frames.text(i);
            side.settle(shelf, columns, rows, hyphenate);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::corpus::catalogue::parse_catalogue;

    fn corpus() -> Shelf {
        let catalogue = parse_catalogue("c.toml", b"").unwrap();
        let body: String = (1..=120)
            .map(|i| format!("Absatz {i} mit einigen Worten, die ihn etwas länger machen.\n\n"))
            .collect();
        let files = ["a", "b"]
            .iter()
            .map(|id| crate::corpus::RawFile {
                id: id.to_string(),
                path: format!("{id}.md"),
                bytes: format!("+++\ntitle = \"{id}\"\n+++\n\n{body}")
                    .into_bytes()
                    .into(),
            })
            .collect();
        Shelf::from(Corpus::build(files, catalogue, Vec::new()))
    }

    fn passage(c: &Shelf, id: &str, block: usize) -> Passage {
        Passage {
            article: c.article_id(id).unwrap(),
            block,
            range: 0..6,
        }
    }

    #[test]
    fn side_by_side_from_100_columns_stacked_below() {
        let wide = Frames::of(Rect::new(0, 0, 160, 44));
        assert!(!wide.stacked);
        assert_eq!(wide.sides[0].width + wide.sides[1].width, 160);
        assert_eq!(wide.text(0).0, 75);
        let narrow = Frames::of(Rect::new(0, 0, 80, 23));
        assert!(narrow.stacked);
        assert_eq!(narrow.sides[0].height + narrow.sides[1].height, 23);
        assert_eq!(narrow.text(1), (75, 10));
    }

    #[test]
    fn each_side_starts_at_its_passage_and_scrolls_alone() {
        let c = corpus();
        let mut view = CompareView::new(passage(&c, "a", 5), passage(&c, "b", 30));
        view.settle(&c, Rect::new(0, 0, 80, 23), false);
        let first = |v: &CompareView, i: usize| {
            let side = &v.sides()[i];
            side.layout().unwrap().block_at(side.scroll())
        };
        assert_eq!(first(&view, 0), Some(5));
        assert_eq!(first(&view, 1), Some(30));
        assert_eq!(view.focused(), 1, "the passage put beside has the keyboard");
        view.update(Action::PageDown);
        view.settle(&c, Rect::new(0, 0, 80, 23), false);
        assert!(first(&view, 1) > Some(30));
        assert_eq!(first(&view, 0), Some(5), "the other side stays");
        view.update(Action::OtherSide);
        view.update(Action::Bottom);
        view.settle(&c, Rect::new(0, 0, 80, 23), false);
        let side = &view.sides()[0];
        assert_eq!(
            side.scroll() + view.frames().text(0).1,
            side.layout().unwrap().lines.len(),
            "the bottom is the last page"
        );
    }

    #[test]
    fn enter_follows_the_passage_or_the_place_scrolled_to() {
        let c = corpus();
        let mut view = CompareView::new(passage(&c, "a", 5), passage(&c, "b", 30));
        view.settle(&c, Rect::new(0, 0, 160, 44), false);
        let b = c.article_id("b").unwrap();
        assert_eq!(view.accept(), Jump::Passage(b, 30, 0, 6));
        view.update(Action::Top);
        view.settle(&c, Rect::new(0, 0, 160, 44), false);
        assert_eq!(view.accept(), Jump::Article(b));
        view.update(Action::PageDown);
        view.update(Action::PageDown);
        view.settle(&c, Rect::new(0, 0, 160, 44), false);
        assert!(matches!(view.accept(), Jump::Place(a, block) if a == b && block > 0));
    }

    #[test]
    fn a_resize_keeps_each_side_at_its_block() {
        let c = corpus();
        let mut view = CompareView::new(passage(&c, "a", 12), passage(&c, "b", 20));
        view.settle(&c, Rect::new(0, 0, 160, 44), false);
        view.settle(&c, Rect::new(0, 0, 80, 23), false);
        let side = &view.sides()[0];
        assert_eq!(side.layout().unwrap().block_at(side.scroll()), Some(12));
    }
}
