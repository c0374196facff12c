//! The fact sidebar: the rows the app built for its subject, the chosen row highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::parts::{pane_block, put};
use crate::tui::app::App;
use crate::tui::geometry::Focus;
use crate::tui::nav::Subject;
use crate::tui::panes::facts::Tone;

pub fn draw(app: &App, frame: &mut Frame, rect: Rect) {
    let sidebar = app.sidebar();
    let title = match sidebar.subject() {
        Some(Subject::Entity(_)) => " Entity ",
        Some(Subject::Article(_)) => " Article ",
        None => " Facts ",
    };
    frame.render_widget(
        pane_block(
            app,
            Line::from(Span::styled(title, app.theme().title)),
            Focus::Sidebar,
        ),
        rect,
    );
    let Some(area) = app.geometry().sidebar_inner() else {
        return;
    };
    if area.width < 2 {
        return;
    }
    if sidebar.rows().is_empty() {
        let hint = "  open an article or select a mention";
        put(
            frame,
            area.x,
            area.y,
            &Line::from(Span::styled(hint, app.theme().dim)),
            area.width,
        );
        return;
    }
    let theme = &app.theme();
    // Only the rows on screen are built.
    let shown = sidebar.scroll()..sidebar.rows().len();
    for (slot, index) in shown.take(usize::from(area.height)).enumerate() {
        let Some(row) = sidebar.rows().get(app.shelf(), index) else {
            break;
        };
        let selected = sidebar.selected() == Some(index);
        let spans: Vec<Span> = row
            .spans
            .iter()
            .map(|(text, tone)| {
                let style = match tone {
                    Tone::Normal => Style::new(),
                    Tone::Title => theme.title,
                    Tone::Heading => theme.heading,
                    Tone::Dim => theme.dim,
                    Tone::Mention(kind) => theme.mention(*kind),
                };
                let style = if selected {
                    style.patch(if app.focus() == Focus::Sidebar {
                        theme.selected_row
                    } else {
                        theme.dim.patch(theme.selected_row)
                    })
                } else {
                    style
                };
                Span::styled(text.clone(), style)
            })
            .collect();
        put(
            frame,
            area.x + 1,
            area.y + slot as u16,
            &Line::from(spans),
            area.width - 1,
        );
    }
}
