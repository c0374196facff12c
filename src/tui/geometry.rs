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
/// The sidebar hides itself below this width.
pub const SIDEBAR_MIN_TOTAL_WIDTH: u16 = 100;

/// The panes' outer rectangles (with borders) and the status bar.
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

impl Panes {
    /// Splits `area`: list left, reader centre, sidebar right (when wanted and wide enough),
    /// status bar at the bottom. `sidebar_width` is the preferred sidebar width in columns.
    pub fn compute(area: Rect, sidebar_wanted: bool, sidebar_width: u16) -> Panes {
        let body_height = area.height.saturating_sub(1);
        let status = Rect::new(area.x, area.y + body_height, area.width, area.height.min(1));
        let show_sidebar = sidebar_wanted && area.width >= SIDEBAR_MIN_TOTAL_WIDTH;
        let list_width = (area.width * 28 / 100).clamp(20.min(area.width), 42);
        let sidebar_width = if show_sidebar {
            sidebar_width.clamp(24, area.width / 3)
        } else {
            0
        };
        let reader_width = area.width.saturating_sub(list_width + sidebar_width);
        let list = Rect::new(area.x, area.y, list_width, body_height);
        let reader = Rect::new(area.x + list_width, area.y, reader_width, body_height);
        let sidebar = show_sidebar
            .then(|| Rect::new(reader.x + reader_width, area.y, sidebar_width, body_height));
        Panes {
            list,
            reader,
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
    /// The screen for a terminal of `size` with `options`; the sidebar only when `sidebar`.
    pub fn new(size: (u16, u16), sidebar: bool, options: &Options) -> Geometry {
        let area = Rect::new(0, 0, size.0, size.1);
        let panes = Panes::compute(area, sidebar, options.sidebar_width);
        let reader = inner(panes.reader);
        let available = usize::from(reader.width).saturating_sub(2);
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
            text_x: reader.x + 1,
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

    /// Rows the sidebar shows.
    pub fn sidebar_rows(&self) -> usize {
        self.sidebar_inner()
            .map_or(1, |r| usize::from(r.height).max(1))
    }

    /// The pane `step` places after `focus` among the visible ones, going round.
    pub fn cycle(&self, focus: Focus, step: isize) -> Focus {
        let mut order = vec![Focus::List, Focus::Reader];
        if self.panes.sidebar.is_some() {
            order.push(Focus::Sidebar);
        }
        let at = order.iter().position(|f| *f == focus).unwrap_or(0) as isize;
        order[(at + step).rem_euclid(order.len() as isize) as usize]
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, at: Position) -> Option<Focus> {
        if self.panes.list.contains(at) {
            Some(Focus::List)
        } else if self.panes.reader.contains(at) {
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

    #[test]
    fn three_panes_fill_the_width_and_leave_the_status_line() {
        let p = Panes::compute(Rect::new(0, 0, 160, 45), true, 44);
        let sidebar = p.sidebar.unwrap();
        assert_eq!(p.list.width + p.reader.width + sidebar.width, 160);
        assert_eq!(p.status, Rect::new(0, 44, 160, 1));
        assert_eq!(p.reader.height, 44);
    }

    #[test]
    fn sidebar_hides_below_a_hundred_columns() {
        assert!(
            Panes::compute(Rect::new(0, 0, 99, 30), true, 40)
                .sidebar
                .is_none()
        );
        assert!(
            Panes::compute(Rect::new(0, 0, 100, 30), true, 40)
                .sidebar
                .is_some()
        );
        assert!(
            Panes::compute(Rect::new(0, 0, 160, 30), false, 40)
                .sidebar
                .is_none()
        );
    }

    #[test]
    fn the_text_column_is_capped_by_max_width_and_the_pane() {
        let options = Options::default();
        let wide = Geometry::new((200, 50), true, &options);
        assert_eq!(wide.text_width, options.max_width);
        assert_eq!(wide.text_x, wide.panes.reader.x + 2);
        let narrow = Geometry::new((60, 20), true, &options);
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
            let p = Panes::compute(Rect::new(0, 0, w, h), true, 40);
            assert!(p.list.width + p.reader.width <= w.max(20));
            let _ = inner(p.reader);
        }
        assert!(!fits(39, 30));
        assert!(fits(40, 12));
    }
}
