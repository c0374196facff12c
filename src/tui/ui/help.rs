//! Help: the rows the help overlay computed (every action with its keys and description, by
//! context), scrolled, under its search line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::parts::{centred, popup_block, put};
use crate::tui::app::App;
use crate::tui::overlay::help::{Help, HelpRow};

pub fn draw(app: &App, help: &Help, frame: &mut Frame, area: Rect) {
    let rect = centred(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    let inner = popup_block(app, frame, rect, "Help");
    if inner.height < 2 {
        return;
    }
    let query_line = Line::from(vec![
        Span::styled("search ", app.theme().status_key),
        Span::raw(format!("{}▏", help.query())),
        Span::styled("   type to narrow · esc clears/closes", app.theme().dim),
    ]);
    put(
        frame,
        inner.x + 1,
        inner.y,
        &query_line,
        inner.width.saturating_sub(1),
    );
    let rows = help.rows();
    let height = usize::from(inner.height - 1);
    let scroll = help.scroll().min(rows.len().saturating_sub(height));
    let key_width = rows
        .iter()
        .map(|r| match r {
            HelpRow::Binding(keys, _) => crate::text::width(keys),
            HelpRow::Heading(_) => 0,
        })
        .max()
        .unwrap_or(8)
        .clamp(8, 24)
        + 1;
    for (slot, row) in rows.iter().skip(scroll).take(height).enumerate() {
        let y = inner.y + 1 + slot as u16;
        let line = match row {
            HelpRow::Heading(context) => Line::from(vec![
                Span::styled(format!("{} ", context.name()), app.theme().heading),
                Span::styled(format!("— {}", context.description()), app.theme().dim),
            ]),
            HelpRow::Binding(keys, action) => Line::from(vec![
                Span::styled(
                    format!("  {:<key_width$}", crate::text::truncate(keys, key_width)),
                    app.theme().status_key,
                ),
                Span::styled(format!("{:<18}", action.name()), app.theme().title),
                Span::raw(action.description()),
            ]),
        };
        put(frame, inner.x + 1, y, &line, inner.width.saturating_sub(1));
    }
    if rows.is_empty() {
        put(
            frame,
            inner.x + 1,
            inner.y + 1,
            &Line::from(Span::styled("  nothing matches", app.theme().dim)),
            inner.width,
        );
    }
}
