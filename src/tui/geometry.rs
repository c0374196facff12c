//! Where everything goes for a terminal size: the panes, their insides, and the reading
//! pane's text column. Computed once per resize (or settings change) and read by updates (page
//! sizes), drawing and mouse hit-testing alike, so they always agree.

use ratatui::layout::{Position, Rect};

use crate::config::keymap::Context;
use crate::config::settings::Options;

/// A pane: which one has the keyboard, or which one is under the pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Sidebar,
}

impl Focus {
    pub fn name(self) -> &'static str {
        match self {
            Focus::List => "list",
            Focus::Reader => "reader",
            Focus::Sidebar => "sidebar",
        }
    }

    /// The keymap context of the pane.
    pub fn context(self) -> Context {
        match self {
            Focus::List => Context::List,
            Focus::Reader => Context::Reader,
            Focus::Sidebar => Context::Sidebar,
        }
    }
}

/// Below this size the reader shows a message instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// The narrowest each pane is worth showing beside another (borders included). Panes that do
/// not fit beside the focused one collapse, the list first, as lazygit and gitui do.
pub const LIST_MIN: u16 = 20;
pub const READER_MIN: u16 = 60;
pub const SIDEBAR_MIN: u16 = 30;
/// The widest the list and the sidebar grow when the text column is already as wide as
/// `max_width` allows.
const LIST_MAX: u16 = 64;
const SIDEBAR_MAX: u16 = 100;

/// The panes' outer rectangles (with borders) and the status bar. A collapsed pane has zero
/// width (and is neither drawn nor hit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    pub list: Rect,
    pub reader: Rect,
    pub sidebar: Option<Rect>,
    pub status: Rect,
}

/// Whether a terminal of this size can show the reader.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// What the reader wants on screen: which pane has the keyboard, whether it is zoomed to the
/// full width, whether the sidebar is wanted beside the text, and the preferred widths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrangement {
    pub focus: Focus,
    pub zoom: bool,
    pub sidebar: bool,
    /// The sidebar's preferred width; it grows beyond it on wide terminals.
    pub sidebar_width: u16,
    /// The list's width; 0 chooses one from the terminal's width.
    pub list_width: u16,
    /// Columns the reading pane can use at most: the text's `max_width` and its margins.
    pub reader_max: u16,
    /// Paragraph numbers in a gutter left of the text.
    pub numbers: bool,
}

/// Columns of the paragraph-number gutter: three digits and a space.
pub const GUTTER: u16 = 4;

impl Arrangement {
    /// The arrangement of `options` with `focus`, the sidebar wanted or not.
    pub fn new(focus: Focus, zoom: bool, sidebar: bool, options: &Options) -> Arrangement {
        Arrangement {
            focus,
            zoom,
            sidebar,
            sidebar_width: options.sidebar_width,
            list_width: options.list_width,
            reader_max: u16::try_from(options.max_width + 4).unwrap_or(u16::MAX),
            numbers: false,
        }
    }

    /// The same with paragraph numbers in the margin or not.
    pub fn with_numbers(self, numbers: bool) -> Arrangement {
        Arrangement {
            numbers,
            reader_max: self.reader_max.saturating_add(GUTTER * u16::from(numbers)),
            ..self
        }
    }
}

impl Panes {
    /// Splits `area`: list left, reader centre, sidebar right, status bar at the bottom. The
    /// focused pane is always shown (alone when zoomed); the sidebar shows when wanted or
    /// focused; a pane that does not fit beside the focused one collapses (the list first,
    /// then the sidebar, then the reader beside a focused sidebar; the list and the reader
    /// always share the screen while the list is focused). Once the reading pane is as wide as its text can
    /// get, the rest of the width goes to the list and the sidebar.
    pub fn compute(area: Rect, arrangement: Arrangement) -> Panes {
        let body_height = area.height.saturating_sub(1);
        let status = Rect::new(area.x, area.y + body_height, area.width, area.height.min(1));
        let focus = arrangement.focus;
        let mut list = true;
        let mut reader = true;
        let mut sidebar = arrangement.sidebar || focus == Focus::Sidebar;
        if arrangement.zoom {
            list = focus == Focus::List;
            reader = focus == Focus::Reader;
            sidebar = focus == Focus::Sidebar;
        }
        let list_min = if arrangement.list_width > 0 {
            arrangement.list_width
        } else {
            LIST_MIN
        };
        let needed = |list: bool, reader: bool, sidebar: bool| {
            u16::from(list) * list_min
                + u16::from(reader) * READER_MIN
                + u16::from(sidebar) * SIDEBAR_MIN
        };
        if needed(list, reader, sidebar) > area.width && focus != Focus::List {
            list = false;
        }
        if needed(list, reader, sidebar) > area.width && focus != Focus::Sidebar {
            sidebar = false;
        }
        if needed(list, reader, sidebar) > area.width && focus == Focus::Sidebar {
            reader = false;
        }
        let width = area.width;
        let mut list_width = match (list, arrangement.list_width) {
            (false, _) => 0,
            (true, 0) => (width * 28 / 100).clamp(LIST_MIN.min(width), 42),
            (true, w) => w.min(width),
        };
        let mut sidebar_width = if sidebar {
            arrangement
                .sidebar_width
                .clamp(SIDEBAR_MIN.min(width / 3), (width / 3).max(SIDEBAR_MIN))
        } else {
            0
        };
        if !reader {
            // One pane alone takes everything; two share it, the sidebar keeps its width.
            if sidebar && list {
                list_width = width.saturating_sub(sidebar_width);
            } else if sidebar {
                sidebar_width = width;
            } else {
                list_width = width;
            }
        } else {
            let used = list_width + sidebar_width;
            let reader_width = width.saturating_sub(used);
            let spare = reader_width.saturating_sub(arrangement.reader_max);
            if spare > 0 {
                // The text cannot use more: the list (unless its width is set) and the sidebar
                // grow, the sidebar by more, as its passages are the longer lines.
                let list_gain = if list && arrangement.list_width == 0 {
                    (spare * 2 / 5).min(LIST_MAX.saturating_sub(list_width))
                } else {
                    0
                };
                list_width += list_gain;
                if sidebar {
                    sidebar_width +=
                        (spare - list_gain).min(SIDEBAR_MAX.saturating_sub(sidebar_width));
                }
            }
        }
        let reader_width = if reader {
            width.saturating_sub(list_width + sidebar_width)
        } else {
            0
        };
        let list = Rect::new(area.x, area.y, list_width, body_height);
        let reader_rect = Rect::new(area.x + list_width, area.y, reader_width, body_height);
        let sidebar = sidebar.then(|| {
            Rect::new(
                reader_rect.x + reader_width,
                area.y,
                sidebar_width,
                body_height,
            )
        });
        Panes {
            list,
            reader: reader_rect,
            sidebar,
            status,
        }
    }
}

/// The screen for one terminal size and one set of settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    /// The whole terminal.
    pub area: Rect,
    /// Whether the terminal is large enough for the panes at all.
    pub fits: bool,
    pub panes: Panes,
    /// The first column of the reading pane's text.
    pub text_x: u16,
    /// How wide the reading pane's text is wrapped.
    pub text_width: usize,
    /// Columns the sidebar's rows are built for.
    pub sidebar_columns: usize,
}

impl Geometry {
    /// The screen for a terminal of `size` arranged as `arrangement`.
    pub fn new(size: (u16, u16), arrangement: Arrangement, options: &Options) -> Geometry {
        let area = Rect::new(0, 0, size.0, size.1);
        let panes = Panes::compute(area, arrangement);
        // A collapsed reading pane keeps the text as wide as it would be alone, so the article
        // is not wrapped again while the sidebar or the list has the screen.
        let reader = if panes.reader.width == 0 {
            inner(Rect::new(0, 0, size.0, size.1.saturating_sub(1)))
        } else {
            inner(panes.reader)
        };
        let gutter = if arrangement.numbers { GUTTER } else { 0 };
        let available = usize::from(reader.width.saturating_sub(gutter)).saturating_sub(2);
        let sidebar_columns = panes
            .sidebar
            .map_or(usize::from(options.sidebar_width), |r| {
                usize::from(inner(r).width)
            })
            .saturating_sub(1)
            .max(10);
        Geometry {
            area,
            fits: fits(size.0, size.1),
            panes,
            text_x: reader.x + 1 + gutter,
            text_width: available.min(options.max_width).max(8),
            sidebar_columns,
        }
    }

    pub fn list_inner(&self) -> Rect {
        inner(self.panes.list)
    }

    pub fn reader_inner(&self) -> Rect {
        inner(self.panes.reader)
    }

    pub fn sidebar_inner(&self) -> Option<Rect> {
        self.panes.sidebar.map(inner)
    }

    /// Lines of text the reading pane shows, one fewer while the find prompt is open.
    pub fn reader_rows(&self, find_prompt: bool) -> usize {
        usize::from(self.reader_inner().height)
            .saturating_sub(usize::from(find_prompt))
            .max(1)
    }

    /// Lines the help popup shows under its search line (the popup leaves a line above and
    /// below, its border takes two).
    pub fn help_rows(&self) -> usize {
        usize::from(self.area.height.saturating_sub(5)).max(1)
    }

    /// Columns help lays its rows out in: the popup is at most 100 wide, 2 from each edge;
    /// its border and margins take 4.
    pub fn help_columns(&self) -> usize {
        usize::from(self.area.width.saturating_sub(4).min(100)).saturating_sub(4)
    }

    /// The screen above the status bar (where the compare view goes).
    pub fn above_status(&self) -> Rect {
        Rect::new(0, 0, self.area.width, self.area.height.saturating_sub(1))
    }

    /// Rows the sidebar shows.
    pub fn sidebar_rows(&self) -> usize {
        self.sidebar_inner()
            .map_or(1, |r| usize::from(r.height).max(1))
    }

    /// Whether `pane` is on screen.
    pub fn shows(&self, pane: Focus) -> bool {
        match pane {
            Focus::List => self.panes.list.width > 0,
            Focus::Reader => self.panes.reader.width > 0,
            Focus::Sidebar => self.panes.sidebar.is_some(),
        }
    }

    /// The pane `step` places after `focus`, going round; the sidebar counts when it is
    /// wanted (it shows once focused, even where the terminal is too narrow to keep it).
    pub fn cycle(&self, focus: Focus, step: isize, sidebar: bool) -> Focus {
        let mut order = vec![Focus::List, Focus::Reader];
        if sidebar || self.panes.sidebar.is_some() {
            order.push(Focus::Sidebar);
        }
        let at = order.iter().position(|f| *f == focus).unwrap_or(0) as isize;
        order[(at + step).rem_euclid(order.len() as isize) as usize]
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, at: Position) -> Option<Focus> {
        if self.panes.list.width > 0 && self.panes.list.contains(at) {
            Some(Focus::List)
        } else if self.panes.reader.width > 0 && self.panes.reader.contains(at) {
            Some(Focus::Reader)
        } else if self.panes.sidebar.is_some_and(|s| s.contains(at)) {
            Some(Focus::Sidebar)
        } else {
            None
        }
    }
}

/// The inside of a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x.saturating_add(1),
        rect.y.saturating_add(1),
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arranged(focus: Focus, zoom: bool, sidebar: bool) -> Arrangement {
        Arrangement::new(focus, zoom, sidebar, &Options::default())
    }

    fn panes(width: u16, focus: Focus, sidebar: bool) -> Panes {
        Panes::compute(Rect::new(0, 0, width, 30), arranged(focus, false, sidebar))
    }

    #[test]
    fn three_panes_fill_the_width_and_leave_the_status_line() {
        let p = Panes::compute(
            Rect::new(0, 0, 160, 45),
            arranged(Focus::Reader, false, true),
        );
        let sidebar = p.sidebar.unwrap();
        assert_eq!(p.list.width + p.reader.width + sidebar.width, 160);
        assert_eq!(p.status, Rect::new(0, 44, 160, 1));
        assert_eq!(p.reader.height, 44);
    }

    #[test]
    fn at_eighty_columns_the_focused_pane_keeps_the_screen_and_the_list_collapses() {
        let list = panes(80, Focus::List, true);
        assert!(
            list.list.width >= LIST_MIN && list.reader.width >= 50,
            "{list:?}"
        );
        assert_eq!(list.list.width + list.reader.width, 80);
        assert!(list.sidebar.is_none());
        let reader = panes(80, Focus::Reader, true);
        assert_eq!((reader.list.width, reader.reader.width), (0, 80));
        let sidebar = panes(80, Focus::Sidebar, true);
        assert_eq!(sidebar.sidebar.map(|r| r.width), Some(80));
        assert_eq!(sidebar.reader.width, 0);
        assert_eq!(sidebar.list.width, 0);
    }

    #[test]
    fn at_a_hundred_columns_the_reader_keeps_sixty_beside_the_sidebar() {
        let p = panes(100, Focus::Reader, true);
        assert_eq!(p.list.width, 0, "the list collapses");
        assert!(p.reader.width >= READER_MIN, "{p:?}");
        assert!(p.sidebar.is_some());
        assert!(panes(100, Focus::List, true).sidebar.is_none());
        assert!(panes(160, Focus::List, false).sidebar.is_none());
        assert!(
            panes(160, Focus::Sidebar, false).sidebar.is_some(),
            "a focused sidebar shows though it is not wanted beside the text"
        );
    }

    #[test]
    fn at_220_columns_the_list_and_sidebar_take_what_the_text_cannot_use() {
        let options = Options::default();
        let g = Geometry::new((220, 60), arranged(Focus::Reader, false, true), &options);
        assert_eq!(g.text_width, options.max_width);
        assert_eq!(
            usize::from(g.panes.reader.width),
            options.max_width + 4,
            "no empty columns beside the text"
        );
        assert!(g.panes.list.width > 42, "{:?}", g.panes);
        assert!(g.panes.sidebar.unwrap().width > 44, "{:?}", g.panes);
        let set = Options {
            list_width: 30,
            ..Options::default()
        };
        let fixed = Geometry::new(
            (220, 60),
            Arrangement::new(Focus::Reader, false, true, &set),
            &set,
        );
        assert_eq!(fixed.panes.list.width, 30, "a list width that is set stays");
    }

    #[test]
    fn zoom_gives_the_focused_pane_the_whole_width() {
        for focus in [Focus::List, Focus::Reader, Focus::Sidebar] {
            let g = Geometry::new((160, 45), arranged(focus, true, true), &Options::default());
            for pane in [Focus::List, Focus::Reader, Focus::Sidebar] {
                assert_eq!(g.shows(pane), pane == focus, "{focus:?} zoomed, {pane:?}");
            }
        }
    }

    #[test]
    fn the_text_column_is_capped_by_max_width_and_the_pane() {
        let options = Options::default();
        let wide = Geometry::new((200, 50), arranged(Focus::Reader, false, true), &options);
        assert_eq!(wide.text_width, options.max_width);
        assert_eq!(wide.text_x, wide.panes.reader.x + 2);
        let narrow = Geometry::new((60, 20), arranged(Focus::List, false, true), &options);
        assert!(narrow.panes.sidebar.is_none());
        assert_eq!(
            narrow.text_width,
            usize::from(narrow.panes.reader.width) - 4
        );
        assert_eq!(narrow.pane_at(Position::new(0, 0)), Some(Focus::List));
        assert_eq!(
            narrow.pane_at(Position::new(59, 19)),
            None,
            "the status bar"
        );
    }

    #[test]
    fn tiny_areas_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (5, 2), (39, 11)] {
            for focus in [Focus::List, Focus::Reader, Focus::Sidebar] {
                let p = Panes::compute(Rect::new(0, 0, w, h), arranged(focus, false, true));
                let total = p.list.width + p.reader.width + p.sidebar.map_or(0, |s| s.width);
                assert!(total <= w, "{w}×{h} {focus:?}: {p:?}");
                let _ = inner(p.reader);
            }
        }
        assert!(!fits(39, 30));
        assert!(fits(40, 12));
    }
}
