//! The compare view: each side framed and titled with its article and paragraph (the side with
//! the keyboard in the focused border), its visible lines styled like the reading pane's
//! (header, block kinds, mentions by kind), the passage's block marked in the margin and its
//! words in the selection style.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};

use super::parts::put;
use super::reader::styled_segments;
use crate::corpus::article::{Article, BlockKind, paragraph_number};
use crate::text::decor::{BlockDecor, Medium};
use crate::text::truncate;
use crate::tui::app::App;
use crate::tui::layout::{LayoutLine, Source};
use crate::tui::overlay::compare::{CompareView, Side};

pub fn draw(app: &App, view: &CompareView, frame: &mut Frame) {
    let frames = view.frames();
    for (i, side) in view.sides().iter().enumerate() {
        draw_side(app, side, i == view.focused(), frames.sides[i], frame);
    }
}

fn draw_side(app: &App, side: &Side, focused: bool, rect: Rect, frame: &mut Frame) {
    let theme = app.theme();
    frame.render_widget(Clear, rect);
    let passage = side.passage();
    let article = side.body().map(|b| &b.article);
    let name = article.map_or_else(|| "(gone)".to_string(), Article::label);
    let title = format!(" {name} ¶{} ", paragraph_number(passage.block));
    let (border, kind) = if focused {
        (theme.border_focused, BorderType::Thick)
    } else {
        (theme.border, BorderType::Plain)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(border)
        .title(Span::styled(
            truncate(&title, usize::from(rect.width.saturating_sub(4))),
            theme.title,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let (Some(article), Some(layout)) = (article, side.layout()) else {
        return;
    };
    let rows = usize::from(inner.height);
    for (slot, line) in layout
        .lines
        .iter()
        .skip(side.scroll())
        .take(rows)
        .enumerate()
    {
        let y = inner.y + slot as u16;
        if line.source == Source::Block(passage.block) {
            let bar = Line::from(Span::styled("▌", theme.status_key));
            put(frame, inner.x, y, &bar, 1);
        }
        let text = render(app, article, layout.byline.as_str(), side, line);
        put(frame, inner.x + 2, y, &text, inner.width.saturating_sub(2));
    }
    if layout.lines.len() > rows {
        let shown = side.scroll() + rows;
        let percent = (shown.min(layout.lines.len()) * 100) / layout.lines.len().max(1);
        let mark = format!(" {percent}% ");
        let x = rect.x + rect.width.saturating_sub(mark.chars().count() as u16 + 2);
        let line = Line::from(Span::styled(mark, theme.dim));
        put(frame, x, rect.y + rect.height.saturating_sub(1), &line, 6);
    }
}

/// One layout line of a side: the header as in the reading pane, a block's text with its
/// mentions coloured by kind and the passage's words selected.
fn render(
    app: &App,
    article: &Article,
    byline: &str,
    side: &Side,
    line: &LayoutLine,
) -> Line<'static> {
    let theme = app.theme();
    match line.source {
        Source::Title => Line::from(Span::styled(
            article
                .front
                .title
                .get(line.range.clone())
                .unwrap_or("")
                .to_string(),
            theme.title,
        )),
        Source::Lead => Line::from(Span::styled(
            article
                .front
                .lead
                .as_deref()
                .and_then(|l| l.get(line.range.clone()))
                .unwrap_or("")
                .to_string(),
            theme.lead,
        )),
        Source::Byline => Line::from(Span::styled(
            byline.get(line.range.clone()).unwrap_or("").to_string(),
            theme.byline,
        )),
        Source::Rule => Line::from(Span::styled("─".repeat(40), theme.dim)),
        Source::Blank => Line::default(),
        Source::Block(b) => {
            let Some(block) = article.blocks.get(b) else {
                return Line::default();
            };
            let base = match block.kind {
                BlockKind::Heading => theme.heading,
                BlockKind::Paragraph | BlockKind::List => Style::new(),
                BlockKind::Quote => theme.quote,
                BlockKind::Caption => theme.caption,
                BlockKind::Reference => theme.reference,
            };
            let overlaps = |r: &Range<usize>| r.start < line.range.end && r.end > line.range.start;
            let mut layers: Vec<(Range<usize>, Style)> = side
                .body()
                .map_or(&[][..], |body| body.in_block(b))
                .iter()
                .filter(|m| overlaps(&m.range))
                .filter_map(|m| {
                    let entity = app.shelf().entity(m.entity)?;
                    Some((m.range.clone(), theme.mention(entity.kind)))
                })
                .collect();
            let passage = side.passage();
            if passage.block == b {
                let end = passage.range.end.min(block.text.len());
                let words = passage.range.start.min(end)..end;
                if words.len() < block.text.len() && overlaps(&words) {
                    layers.push((words, theme.selection));
                }
            }
            let decor = BlockDecor::of(block, Medium::Screen);
            let prefix = match line.item {
                Some(item) => BlockDecor::list_line(block, item, line.first),
                None => decor.prefix(line.first).to_string(),
            };
            let mut spans = Vec::new();
            if !prefix.is_empty() {
                spans.push(Span::styled(prefix, base));
            }
            spans.extend(styled_segments(
                &block.text,
                line.range.clone(),
                base,
                &layers,
            ));
            if line.hyphen {
                spans.push(Span::styled("-", base));
            }
            Line::from(spans)
        }
    }
}
