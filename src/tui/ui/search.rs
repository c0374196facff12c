//! The passage search popup (the whole screen above the status bar below 100 columns): the
//! prompt with how many articles match, then two lines per passage (paragraph and article;
//! the snippet with the matched words marked), the selection kept on screen.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::parts::{centred, popup_block, prompt_spans, put};
use crate::text::{counted, truncate, width};
use crate::tui::app::App;
use crate::tui::overlay::search::SearchView;

/// Screen lines per result.
const LINES: usize = 2;

pub fn draw(app: &App, view: &SearchView, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let rect = if area.width < 100 {
        app.geometry().above_status()
    } else {
        centred(
            area,
            area.width.saturating_sub(4).min(140),
            area.height.saturating_sub(2).min(44),
        )
    };
    let inner = popup_block(app, frame, rect, "Search the articles");
    if inner.height < 2 {
        return;
    }
    let columns = usize::from(inner.width).saturating_sub(2);
    let line_width = inner.width.saturating_sub(1);
    let at = |row: usize| inner.y + row as u16;
    let (articles, shown) = view.counts();
    let count = match view.searched() {
        None => String::new(),
        Some(_) if articles > shown => format!(
            "  {} match · the best {shown} listed",
            counted(articles, "article", "articles")
        ),
        Some(_) => format!(
            "  {} in {}",
            counted(view.hits().len(), "passage", "passages"),
            counted(articles, "article", "articles")
        ),
    };
    let mut prompt = vec![Span::styled("› ", theme.status_key)];
    prompt.extend(prompt_spans(
        view.prompt(),
        view.prompting(),
        columns.saturating_sub(width(&count) + 2),
    ));
    prompt.push(Span::styled(count, theme.dim));
    put(frame, inner.x + 1, at(0), &Line::from(prompt), line_width);
    let rows = usize::from(inner.height) - 1;
    let message = match view.searched() {
        None => Some(
            "  words (all must occur, in any form), \"a phrase\", @entity; enter searches"
                .to_string(),
        ),
        Some(q) if view.hits().is_empty() => Some(format!("  nothing matches {q}")),
        Some(_) => None,
    };
    if let Some(message) = message {
        let line = Line::from(Span::styled(truncate(&message, columns), theme.dim));
        put(frame, inner.x + 1, at(1), &line, line_width);
        return;
    }
    let per_page = (rows / LINES).max(1);
    let scroll = view.selected().saturating_sub(per_page - 1);
    for (slot, (index, hit)) in view
        .hits()
        .iter()
        .enumerate()
        .skip(scroll)
        .take(per_page)
        .enumerate()
    {
        let y = 1 + slot * LINES;
        if y >= rows {
            break;
        }
        let place = hit
            .paragraph
            .map_or_else(|| "title".to_string(), |n| format!("¶ {n}"));
        let place = format!("{place:<6} ");
        let mut head = Line::from(vec![
            Span::styled(place.clone(), theme.status_key),
            Span::styled(
                truncate(&hit.label, columns.saturating_sub(width(&place))),
                theme.title,
            ),
        ]);
        let indent = "       ";
        let mut spans = vec![Span::raw(indent)];
        spans.extend(fitted(
            &hit.snippet,
            &hit.marks,
            columns.saturating_sub(indent.len()),
            Style::new(),
            theme.hit,
        ));
        let mut text = Line::from(spans);
        if index == view.selected() {
            head = head.patch_style(theme.selected_row);
            text = text.patch_style(theme.selected_row);
        }
        put(frame, inner.x + 1, at(y), &head, line_width);
        put(frame, inner.x + 1, at(y + 1), &text, line_width);
    }
}

/// `text` as spans, `marks` (byte ranges) in `hit` style, cut to `columns` with `…`.
fn fitted(
    text: &str,
    marks: &[Range<usize>],
    columns: usize,
    normal: Style,
    hit: Style,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut piece = String::new();
    let mut marked = false;
    let mut used = 0;
    let fits = width(text) <= columns;
    let room = if fits {
        columns
    } else {
        columns.saturating_sub(1)
    };
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        let in_mark = marks.iter().any(|r| r.contains(&i));
        if in_mark != marked && !piece.is_empty() {
            let style = if marked { hit } else { normal };
            spans.push(Span::styled(std::mem::take(&mut piece), style));
        }
        marked = in_mark;
        piece.push(c);
    }
    if !piece.is_empty() {
        spans.push(Span::styled(piece, if marked { hit } else { normal }));
    }
    if !fits {
        spans.push(Span::styled("…", normal));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_is_cut_to_its_columns_with_the_marks_styled() {
        let hit = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let marks = vec![5..10, 14..25];
        let spans = fitted("traf Putin in Wladiwostok", &marks, 12, Style::new(), hit);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "traf Putin …");
        assert_eq!(spans[1].content, "Putin");
        assert_eq!(spans[1].style, hit);
        let whole = fitted(
            "Putin",
            &marks[..1]
                .iter()
                .map(|r| r.start - 5..r.end - 5)
                .collect::<Vec<_>>(),
            12,
            Style::new(),
            hit,
        );
        assert_eq!(whole.len(), 1);
    }
}
