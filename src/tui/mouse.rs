//! Mouse events as the reader reads them: a wheel turn or a left click, and the pane under the
//! pointer according to the geometry. Everything else (moves, drags, other buttons) is nothing.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::geometry::{Focus, Geometry};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pointer {
    Wheel { down: bool, pane: Option<Focus> },
    Click { pane: Focus, at: Position },
}

/// What `event` means on the screen laid out by `geometry`.
pub fn read(event: &MouseEvent, geometry: &Geometry) -> Option<Pointer> {
    let at = Position::new(event.column, event.row);
    let pane = geometry.pane_at(at);
    match event.kind {
        MouseEventKind::ScrollDown => Some(Pointer::Wheel { down: true, pane }),
        MouseEventKind::ScrollUp => Some(Pointer::Wheel { down: false, pane }),
        MouseEventKind::Down(MouseButton::Left) => Some(Pointer::Click { pane: pane?, at }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::settings::Options;
    use crate::tui::geometry::Arrangement;
    use crossterm::event::KeyModifiers;

    fn event(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn clicks_name_the_pane_under_the_pointer_and_the_status_bar_is_no_pane() {
        let options = Options::default();
        let g = Geometry::new(
            (160, 45),
            Arrangement::new(Focus::Reader, false, true, &options),
            &options,
        );
        let click = MouseEventKind::Down(MouseButton::Left);
        let reader = g.panes.reader;
        assert_eq!(
            read(&event(click, reader.x + 3, 5), &g),
            Some(Pointer::Click {
                pane: Focus::Reader,
                at: Position::new(reader.x + 3, 5)
            })
        );
        assert_eq!(read(&event(click, 3, 44), &g), None);
        assert_eq!(
            read(&event(MouseEventKind::ScrollUp, 3, 44), &g),
            Some(Pointer::Wheel {
                down: false,
                pane: None
            })
        );
        assert_eq!(read(&event(MouseEventKind::Moved, 3, 3), &g), None);
    }
}
