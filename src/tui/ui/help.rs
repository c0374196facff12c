//! Help: the rows the help overlay computed (every action with its keys and description, by
//! context), scrolled, under its search line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::parts::{centred, popup_block, prompt_spans, put};
use crate::config::action::Action;
use crate::text::wrap::wrap;
use crate::tui::app::App;
use crate::tui::overlay::help::{Columns, Help, HelpRow};

pub fn draw(app: &App, help: &Help, frame: &mut Frame, area: Rect) {
    let rect = help_rect(area);
    let inner = popup_block(app, frame, rect, "Help");
    if inner.height < 2 {
        return;
    }
    let theme = app.theme();
    let mut query_line = vec![Span::styled("search ", theme.status_key)];
    let keys = |action| {
        app.keymap()
            .first_key(crate::config::keymap::Context::Help, action)
            .unwrap_or_default()
    };
    if help.searching() {
        query_line.extend(prompt_spans(
            help.prompt(),
            true,
            usize::from(inner.width) / 2,
        ));
        query_line.push(Span::styled(
            "   type to narrow · enter keeps · esc clears",
            theme.dim,
        ));
    } else {
        query_line.push(Span::raw(help.query().to_string()));
        query_line.push(Span::styled(
            format!(
                "   {} searches · {} closes",
                keys(Action::Filter),
                keys(Action::Cancel)
            ),
            theme.dim,
        ));
    }
    put(
        frame,
        inner.x + 1,
        inner.y,
        &Line::from(query_line),
        inner.width.saturating_sub(1),
    );
    let lines = lines(app, help.rows(), app.geometry().help_columns());
    let height = usize::from(inner.height - 1);
    let scroll = help.scroll().min(lines.len().saturating_sub(height));
    for (slot, line) in lines.iter().skip(scroll).take(height).enumerate() {
        let y = inner.y + 1 + slot as u16;
        put(frame, inner.x + 1, y, line, inner.width.saturating_sub(1));
    }
    if help.rows().is_empty() {
        put(
            frame,
            inner.x + 1,
            inner.y + 1,
            &Line::from(Span::styled("  nothing matches", theme.dim)),
            inner.width,
        );
    }
}

/// The popup's rectangle in `area`.
pub fn help_rect(area: Rect) -> Rect {
    centred(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    )
}

/// The help rows as screen lines `width` columns wide: keys, action name (where there is
/// room) and description in columns that never run into each other; keys too long for
/// their column get a line of their own, descriptions wrap (between words only).
fn lines(app: &App, rows: &[HelpRow], width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let Columns {
        key_width,
        name_width,
        show_names,
        text_column,
        text_width,
    } = Columns::new(rows, width);
    let mut out = Vec::new();
    for row in rows {
        match row {
            HelpRow::Heading(context) => out.push(Line::from(vec![
                Span::styled(format!("{} ", context.name()), theme.heading),
                Span::styled(format!("— {}", context.description()), theme.dim),
            ])),
            HelpRow::Binding(keys, action) => {
                let mut first = Vec::new();
                if crate::text::width(keys) > key_width {
                    out.push(Line::from(Span::styled(
                        format!("  {keys}"),
                        theme.status_key,
                    )));
                    first.push(Span::raw(" ".repeat(2 + key_width + 2)));
                } else {
                    let pad = key_width - crate::text::width(keys);
                    first.push(Span::styled(
                        format!("  {keys}{}  ", " ".repeat(pad)),
                        theme.status_key,
                    ));
                }
                if show_names {
                    first.push(Span::styled(
                        format!("{:<name_width$}  ", action.name()),
                        theme.title,
                    ));
                }
                let description = action.description();
                let wrapped = wrap(description, text_width, false);
                for (i, piece) in wrapped.iter().enumerate() {
                    let text = piece.render(description).to_string();
                    if i == 0 {
                        let mut spans = std::mem::take(&mut first);
                        spans.push(Span::raw(text));
                        out.push(Line::from(spans));
                    } else {
                        out.push(Line::from(vec![
                            Span::raw(" ".repeat(text_column)),
                            Span::raw(text),
                        ]));
                    }
                }
            }
        }
    }
    out
}
