//! The timeline popup: the prompt with "n of m", one line per dated statement (date, place,
//! sentence) with the selection kept on screen, and under a rule the selected statement whole,
//! wrapped, with its citation and url.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::parts::{centred, popup_block, prompt_spans, put};
use crate::text::{truncate, width};
use crate::tui::app::App;
use crate::tui::overlay::timeline::TimelineView;

/// Lines under the list for the selected statement: up to three of text, one of citation.
const DETAIL: usize = 4;

pub fn draw(app: &App, view: &TimelineView, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let rect = centred(
        area,
        area.width.saturating_sub(4).min(140),
        area.height.saturating_sub(2).min(44),
    );
    let inner = popup_block(app, frame, rect, &view.title());
    if inner.height < 2 {
        return;
    }
    let columns = usize::from(inner.width).saturating_sub(2);
    let line_width = inner.width.saturating_sub(1);
    let at = |row: usize| inner.y + row as u16;
    let count = format!("  {} of {}", view.matched(), view.total());
    let mut prompt = vec![Span::styled("› ", theme.status_key)];
    prompt.extend(prompt_spans(
        view.prompt(),
        true,
        columns.saturating_sub(width(&count) + 2),
    ));
    prompt.push(Span::styled(count, theme.dim));
    put(frame, inner.x + 1, at(0), &Line::from(prompt), line_width);
    let height = usize::from(inner.height) - 1;
    if view.total() == 0 {
        let hint = "  no dated statements here: none of the sentences states a year";
        put(
            frame,
            inner.x + 1,
            at(1),
            &Line::from(Span::styled(hint, theme.dim)),
            line_width,
        );
        return;
    }
    // The detail and its rule only where the list keeps a few rows.
    let detail = if height >= DETAIL + 6 { DETAIL + 1 } else { 0 };
    let list_rows = height - detail;
    let place_width = view
        .matches()
        .map(|r| width(&r.place))
        .max()
        .unwrap_or(0)
        .min(columns / 3);
    let scroll = view.selected().saturating_sub(list_rows.saturating_sub(1));
    for (slot, (index, row)) in view
        .matches()
        .enumerate()
        .skip(scroll)
        .take(list_rows)
        .enumerate()
    {
        let place = truncate(&row.place, place_width);
        let pad = " ".repeat(place_width.saturating_sub(width(&place)));
        let mut text = row.text.clone();
        if let Some(entity) = &row.entity {
            text = format!("{entity} · {text}");
        }
        let used = 10 + 2 + place_width + 2;
        let text_style = if row.fact {
            theme.lead
        } else {
            ratatui::style::Style::new()
        };
        let mut line = Line::from(vec![
            Span::styled(format!("{:<10}  ", row.date), theme.status_key),
            Span::styled(format!("{place}{pad}  "), theme.dim),
            Span::styled(truncate(&text, columns.saturating_sub(used)), text_style),
        ]);
        if index == view.selected() {
            line = line.patch_style(theme.selected_row);
        }
        put(frame, inner.x + 1, at(1 + slot), &line, line_width);
    }
    let Some(current) = view.current().filter(|_| detail > 0) else {
        return;
    };
    let top = 1 + list_rows;
    let rule = "─".repeat(columns);
    put(
        frame,
        inner.x + 1,
        at(top),
        &Line::from(Span::styled(rule, theme.dim)),
        line_width,
    );
    let wrapped = crate::text::wrap::wrap(&current.text, columns.max(8), false);
    let shown = DETAIL - 1;
    for (i, piece) in wrapped.iter().take(shown).enumerate() {
        let mut text = current.text[piece.range.clone()].to_string();
        if i + 1 == shown && wrapped.len() > shown {
            text = truncate(&format!("{text} …"), columns);
        }
        put(
            frame,
            inner.x + 1,
            at(top + 1 + i),
            &Line::from(Span::raw(text)),
            line_width,
        );
    }
    let mut cite = format!("{} · {}", current.date, current.place);
    if let Some(url) = &current.url {
        cite.push_str(&format!(" · {url}"));
    }
    put(
        frame,
        inner.x + 1,
        at(top + DETAIL),
        &Line::from(Span::styled(truncate(&cite, columns), theme.dim)),
        line_width,
    );
}
