//! Drawing: a pure function of the `App` state and its geometry into a frame. Nothing here
//! changes state, and nothing in the state imports drawing.
//!
//! Only visible lines are drawn; every string comes from sanitized corpus text or from the
//! keymap, and goes through ratatui's buffer, which drops control characters.

mod compare;
mod help;
mod list;
mod note;
mod parts;
mod popup;
mod reader;
mod search;
mod sidebar;
mod status;
mod suggestions;
mod timeline;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::app::App;
use super::geometry::{MIN_HEIGHT, MIN_WIDTH};
use super::overlay::Overlay;
use parts::put;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let geometry = app.geometry();
    if area != geometry.area {
        // The event loop resizes the app before drawing; a frame of another size stays blank
        // rather than be drawn with the wrong geometry.
        return;
    }
    if !geometry.fits {
        too_small(frame, area);
        return;
    }
    let panes = geometry.panes;
    if panes.list.width > 0 {
        list::draw(app, frame, panes.list);
    }
    if panes.reader.width > 0 {
        reader::draw(app, frame, panes.reader);
    }
    if let Some(rect) = panes.sidebar {
        sidebar::draw(app, frame, rect);
    }
    status::draw(app, frame, panes.status);
    match app.overlay() {
        Overlay::Help(help) => help::draw(app, help, frame, area),
        Overlay::Finder(finder) => popup::finder(app, finder, "Entities", frame, area),
        Overlay::Annotations(view) => popup::annotations(app, view, frame, area),
        Overlay::Timeline(view) => timeline::draw(app, view, frame, area),
        Overlay::Search(view) => search::draw(app, view, frame, area),
        Overlay::Compare(view) => compare::draw(app, view, frame),
        Overlay::Note(editor) => note::draw(app, editor, frame, area),
        Overlay::Suggestions(view) => suggestions::draw(app, view, frame, area),
        Overlay::Pick(picker) => suggestions::picker(app, picker, frame, area),
        Overlay::None => {}
    }
    if !app.pending().is_empty() {
        popup::pending_keys(app, frame, area);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let message = format!(
        "terminal too small: {}×{}, dossier needs {MIN_WIDTH}×{MIN_HEIGHT}",
        area.width, area.height
    );
    let words: Vec<&str> = message.split(' ').collect();
    // Wrap by hand so even a 1×1 terminal gets something sane.
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in words {
        if !current.is_empty()
            && crate::text::width(&current) + 1 + crate::text::width(word) > usize::from(area.width)
        {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, text) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.y + area.height {
            break;
        }
        let shown = crate::text::truncate(text, usize::from(area.width));
        let x = area.x + area.width.saturating_sub(crate::text::width(&shown) as u16) / 2;
        put(
            frame,
            x,
            y,
            &Line::from(Span::styled(shown, Style::new())),
            area.width,
        );
    }
}
