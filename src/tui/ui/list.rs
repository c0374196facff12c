//! The article list: two lines per article (title; date · source or the matching entity),
//! the open one marked, unread ones bold, filter matches highlighted, and the filter prompt.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::parts::{highlight, pane_block, prompt_spans, put};
use crate::corpus::article::joined;
use crate::corpus::search::Field;
use crate::text::truncate;
use crate::tui::app::App;
use crate::tui::geometry::Focus;
use crate::tui::panes::list::ROWS_PER_ITEM;

pub fn draw(app: &App, frame: &mut Frame, rect: Rect) {
    let (list, theme) = (app.list(), app.theme());
    let total = app.shelf().len();
    let shown = list.hits().len();
    let title = if list.query().is_empty() {
        format!(" Articles {total} ")
    } else {
        format!(" Articles {shown} of {total} ")
    };
    frame.render_widget(
        pane_block(
            app,
            Line::from(Span::styled(title, theme.title)),
            Focus::List,
        ),
        rect,
    );
    let area = app.geometry().list_inner();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let prompt_rows = u16::from(list.shows_prompt());
    let rows = area.height.saturating_sub(prompt_rows);
    let items = usize::from(rows) / ROWS_PER_ITEM;
    let open = app.reader().article();
    let query = list.query().trim();
    let width = usize::from(area.width);
    for (slot, (index, hit)) in list
        .hits()
        .iter()
        .enumerate()
        .skip(list.offset())
        .take(items)
        .enumerate()
    {
        let Some(article) = app.shelf().row(hit.article) else {
            continue;
        };
        let y = area.y + (slot * ROWS_PER_ITEM) as u16;
        let selected = index == list.selected();
        let mark = if open == Some(hit.article) {
            "▸ "
        } else {
            "  "
        };
        let mut title_style = if app.reader().is_read(app.shelf(), hit.article) {
            Style::new()
        } else {
            app.theme().unread
        };
        if selected {
            title_style = title_style.patch(if app.focus() == Focus::List {
                app.theme().selected_row
            } else {
                app.theme().dim.patch(app.theme().selected_row)
            });
        }
        let title = truncate(&article.title, width.saturating_sub(2));
        let positions = if !query.is_empty() && !query.starts_with('@') && hit.field == Field::Title
        {
            app.shelf()
                .matcher()
                .positions(&title, query)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut spans = vec![Span::styled(mark, app.theme().status_key)];
        spans.extend(highlight(
            &title,
            &positions,
            title_style,
            title_style.patch(app.theme().match_chars),
        ));
        put(frame, area.x, y, &Line::from(spans), area.width);
        let detail = match hit.field {
            Field::Entity(e) if !query.is_empty() => joined(&[
                &article.date,
                app.shelf().entity(e).map_or("", |e| e.name.as_str()),
            ]),
            Field::Body => joined(&[&article.date, "in the text"]),
            _ => joined(&[&article.date, &article.source]),
        };
        let detail = truncate(&detail, width.saturating_sub(2));
        put(
            frame,
            area.x,
            y + 1,
            &Line::from(vec![Span::raw("  "), Span::styled(detail, app.theme().dim)]),
            area.width,
        );
    }
    if shown == 0 && rows > 0 {
        // While the index is built, an empty list says so.
        let empty = match app.shelf().activity() {
            Some(activity) if total == 0 => format!("  {activity}"),
            _ => "  no article matches".to_string(),
        };
        put(
            frame,
            area.x,
            area.y,
            &Line::from(Span::styled(truncate(&empty, width), app.theme().dim)),
            area.width,
        );
    }
    if prompt_rows > 0 {
        let y = area.y + area.height - 1;
        let mut spans = vec![Span::styled("/ ", app.theme().status_key)];
        spans.extend(prompt_spans(
            list.filter(),
            list.prompting(),
            width.saturating_sub(2),
        ));
        let line = Line::from(spans);
        put(frame, area.x, y, &line, area.width);
    }
}
