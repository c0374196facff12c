//! Where each pane goes for a terminal size: one pure function used by drawing and by input
//! handling (page sizes, mouse hit-testing), so both always agree.

use ratatui::layout::Rect;

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
