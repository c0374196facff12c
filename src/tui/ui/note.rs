//! The note editor popup: the place and the quote it annotates, the text wrapped as the
//! editor's rows are with the cursor shown, and in the border what its keys do (taken from
//! the live keymap) and whether Esc would throw changes away.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};

use super::parts::{centred, put};
use crate::config::action::Action;
use crate::config::keymap::Context;
use crate::text::truncate;
use crate::tui::app::App;
use crate::tui::overlay::note::NoteEditor;

pub fn draw(app: &App, editor: &NoteEditor, frame: &mut Frame, area: Rect) {
    let columns = editor.columns();
    let width = (columns + 4).min(usize::from(area.width)) as u16;
    let rect = centred(area, width, area.height.saturating_sub(4).min(22));
    frame.render_widget(Clear, rect);
    let key = |action| {
        app.keymap()
            .first_key(Context::Note, action)
            .unwrap_or_else(|| "?".to_string())
    };
    let title = format!(" Note · {} ", editor.place);
    let footer = if editor.armed() {
        format!(
            " changed: {} again throws it away · {} keeps it ",
            key(Action::Cancel),
            key(Action::SaveNote)
        )
    } else {
        format!(
            " {} keep · {} close · {} $EDITOR ",
            key(Action::SaveNote),
            key(Action::Cancel),
            key(Action::ExternalEditor)
        )
    };
    let footer_style = if editor.armed() {
        app.theme().error
    } else {
        app.theme().status_key
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(app.theme().border_focused)
        .title(Span::styled(title, app.theme().title))
        .title_bottom(Line::from(Span::styled(footer, footer_style)).right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 3 || inner.width < 4 {
        return;
    }
    let text_width = inner.width.saturating_sub(2);
    let quote = format!(
        "“{}”",
        editor
            .quote
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    let quote = Line::from(Span::styled(
        truncate(&quote, usize::from(text_width)),
        app.theme().lead,
    ));
    put(frame, inner.x + 1, inner.y, &quote, text_width);
    let rows_room = usize::from(inner.height - 2);
    let area_text = editor.area();
    let rows = area_text.rows(columns);
    let (cursor_row, cursor_column) = area_text.cursor_at(columns);
    // Keep the cursor's row in view.
    let first = cursor_row.saturating_sub(rows_room.saturating_sub(1));
    for (slot, range) in rows.iter().skip(first).take(rows_room).enumerate() {
        let y = inner.y + 2 + slot as u16;
        let text = &area_text.text()[range.clone()];
        put(
            frame,
            inner.x + 1,
            y,
            &Line::from(text.to_string()),
            text_width,
        );
    }
    if area_text.text().is_empty() {
        let hint = Line::from(Span::styled(
            format!("type the note; {} starts a new line", key(Action::Newline)),
            app.theme().dim,
        ));
        put(
            frame,
            inner.x + 2,
            inner.y + 2,
            &hint,
            text_width.saturating_sub(1),
        );
    }
    // The cursor: the cell under it in reverse video.
    let x = inner.x + 1 + cursor_column.min(usize::from(text_width.saturating_sub(1))) as u16;
    let y = inner.y + 2 + (cursor_row - first) as u16;
    if y < inner.y + inner.height
        && let Some(cell) = frame.buffer_mut().cell_mut((x, y))
    {
        let style = cell.style().add_modifier(Modifier::REVERSED);
        cell.set_style(style);
    }
    if rows.len() > rows_room {
        let more = format!(" {}/{} ", cursor_row + 1, rows.len());
        let line = Line::from(Span::styled(more.clone(), app.theme().dim));
        let x = rect.x + rect.width.saturating_sub(more.len() as u16 + 2);
        put(frame, x, rect.y, &line, more.len() as u16);
    }
}
