//! Pieces every drawing function uses: a pane's frame (bold when focused), a popup's frame,
//! centring, and writing one clipped line into the buffer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};

use crate::tui::app::App;
use crate::tui::geometry::Focus;
use crate::tui::overlay::Overlay;
use crate::tui::prompt::Prompt;

/// A prompt's text as spans: selected (it was opened again on it) in reverse video, then the
/// cursor when the prompt has the keyboard; the start cut off when wider than `columns`.
pub fn prompt_spans(prompt: &Prompt, cursor: bool, columns: usize) -> Vec<Span<'static>> {
    let cursor = if cursor { "▏" } else { "" };
    let text = crate::text::truncate_start(prompt.text(), columns.saturating_sub(1));
    let style = if prompt.selected() {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    vec![Span::styled(text, style), Span::raw(cursor)]
}

/// A bordered pane, its border bright when it has the focus.
pub fn pane_block<'a>(app: &App, title: Line<'a>, pane: Focus) -> Block<'a> {
    let focused = app.focus() == pane && matches!(app.overlay(), Overlay::None);
    let (style, border_type) = if focused {
        (app.theme().border_focused, BorderType::Thick)
    } else {
        (app.theme().border, BorderType::Plain)
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(border_type)
        .border_style(style)
        .title(title)
}

/// A popup frame: cleared, bordered, titled.
pub fn popup_block(app: &App, frame: &mut Frame, rect: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(app.theme().border_focused)
        .title(Span::styled(format!(" {title} "), app.theme().title));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A rectangle of at most `width`×`height`, centred in `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Writes one line into the buffer, clipped to `width` columns.
pub fn put(frame: &mut Frame, x: u16, y: u16, line: &Line, width: u16) {
    frame.buffer_mut().set_line(x, y, line, width);
}

/// Spans of `text` with the chars at `positions` (char indices) in `hit` style.
pub fn highlight(text: &str, positions: &[usize], normal: Style, hit: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut current_hit = false;
    for (i, c) in text.chars().enumerate() {
        let is_hit = positions.binary_search(&i).is_ok();
        if is_hit != current_hit && !current.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut current),
                if current_hit { hit } else { normal },
            ));
        }
        current_hit = is_hit;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(Span::styled(
            current,
            if current_hit { hit } else { normal },
        ));
    }
    spans
}
