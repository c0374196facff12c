//! The reading pane: the header, then the visible lines of the article's layout, each styled
//! by block kind with mentions (coloured by kind), the selection, search hits, footnote
//! markers and the post-jump flash laid over it.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::parts::{pane_block, prompt_spans, put};
use crate::corpus::article::{
    Article, BlockKind, Place, Style as TextStyle, footnote_markers, paragraph_number,
};
use crate::text::decor::{BlockDecor, Medium};
use crate::tui::app::App;
use crate::tui::geometry::{Focus, GUTTER};
use crate::tui::layout::{LayoutLine, Source};
use crate::tui::nav::Target;
use crate::tui::panes::open::OpenArticle;

pub fn draw(app: &App, frame: &mut Frame, rect: Rect) {
    let geometry = app.geometry();
    let area = geometry.reader_inner();
    let Some(r) = app.reader().open() else {
        frame.render_widget(pane_block(app, Line::from(" Reader "), Focus::Reader), rect);
        let key = app
            .keymap()
            .first_key(
                crate::config::keymap::Context::List,
                crate::config::action::Action::Open,
            )
            .unwrap_or_default();
        if area.height > 1 {
            let hint = format!("  choose an article and press {key}");
            put(
                frame,
                area.x,
                area.y + 1,
                &Line::from(Span::styled(hint, app.theme().dim)),
                area.width,
            );
        }
        return;
    };
    let article = &r.body().article;
    let title = format!(
        " {} ",
        crate::text::truncate(article.name(), usize::from(rect.width).saturating_sub(6))
    );
    frame.render_widget(
        pane_block(
            app,
            Line::from(Span::styled(title, app.theme().title)),
            Focus::Reader,
        ),
        rect,
    );
    let text_x = geometry.text_x;
    let height = app.reader().page(geometry);
    let width = area.width.saturating_sub(text_x - area.x);
    for (slot, line) in r
        .layout()
        .lines
        .iter()
        .skip(r.scroll())
        .take(height)
        .enumerate()
    {
        let y = area.y + slot as u16;
        let rendered = render_line(app, r, article, line);
        put(frame, text_x, y, &rendered, width);
        if let Source::Block(b) = line.source {
            let mark = app
                .notes()
                .marks_in(r.article(), b)
                .filter(|(start, _)| line.range.contains(start))
                .map(|(_, mark)| mark)
                .min();
            if let Some(mark) = mark {
                let glyph = Line::from(Span::styled(mark.glyph(), app.theme().status_key));
                put(frame, text_x.saturating_sub(1), y, &glyph, 1);
            }
        }
        if app.reader().numbers()
            && line.first
            && let Source::Block(b) = line.source
        {
            let number = format!("{:>3}", paragraph_number(b));
            let x = text_x.saturating_sub(GUTTER);
            let number = Line::from(Span::styled(number, app.theme().dim));
            put(frame, x, y, &number, GUTTER - 1);
        }
    }
    let find = r.find();
    if find.prompting() {
        let y = area.y + area.height.saturating_sub(1);
        let count = match (find.current(), find.hits().len()) {
            (_, 0) if !find.query().is_empty() => "  no hits".to_string(),
            (Some(c), n) => format!("  {} of {n}", c + 1),
            _ => String::new(),
        };
        let label = if find.backward() {
            "find ↑ "
        } else {
            "find "
        };
        let room = usize::from(area.width).saturating_sub(crate::text::width(&count) + 8);
        let mut spans = vec![Span::styled(label, app.theme().status_key)];
        spans.extend(prompt_spans(find.prompt(), true, room));
        spans.push(Span::styled(count, app.theme().dim));
        let line = Line::from(spans);
        put(frame, area.x + 1, y, &line, area.width.saturating_sub(1));
    }
}

/// One layout line as styled spans.
fn render_line(app: &App, r: &OpenArticle, article: &Article, line: &LayoutLine) -> Line<'static> {
    let theme = &app.theme();
    match line.source {
        Source::Title | Source::Lead => {
            let (text, style) = if line.source == Source::Title {
                (article.front.title.as_str(), theme.title)
            } else {
                (article.front.lead.as_deref().unwrap_or(""), theme.lead)
            };
            // Entities named in the title and lead, styled like the body's, then the hits,
            // the selection and the flash.
            let place = if line.source == Source::Title {
                Place::Title
            } else {
                Place::Lead
            };
            let mut layers: Vec<(Range<usize>, Style)> = r
                .body()
                .in_place(place)
                .iter()
                .filter(|m| m.range.start < line.range.end && m.range.end > line.range.start)
                .filter_map(|m| {
                    let entity = app.shelf().entity(m.entity)?;
                    Some((m.range.clone(), theme.mention(entity.kind)))
                })
                .collect();
            layers.extend(hit_layers(app, r, line));
            layers.extend(marks(app, r, place));
            let mut spans = styled_segments(text, line.range.clone(), style, &layers);
            if line.hyphen {
                spans.push(Span::styled("-", style));
            }
            Line::from(spans)
        }
        Source::Byline => Line::from(Span::styled(
            r.layout().byline[line.range.clone()].to_string(),
            theme.byline,
        )),
        Source::Rule => Line::from(Span::styled(
            "─".repeat(r.layout().width.min(40)),
            theme.dim,
        )),
        Source::Blank => Line::default(),
        Source::Block(b) => block_line(app, r, article, b, line),
    }
}

fn block_line(
    app: &App,
    r: &OpenArticle,
    article: &Article,
    b: usize,
    line: &LayoutLine,
) -> Line<'static> {
    let theme = &app.theme();
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
    let mut spans: Vec<Span<'static>> = Vec::new();
    let prefix_style = match block.kind {
        BlockKind::Reference => theme.footnote,
        _ => base,
    };
    let decor = BlockDecor::of(block, Medium::Screen);
    let prefix = match line.item {
        Some(item) => BlockDecor::list_line(block, item, line.first),
        None => decor.prefix(line.first).to_string(),
    };
    if !prefix.is_empty() {
        spans.push(Span::styled(prefix, prefix_style));
    }
    // Decorations on this block, in increasing priority.
    // Only what overlaps this line: a long block has many mentions, markers and hits.
    let mut layers: Vec<(Range<usize>, Style)> = Vec::new();
    // Emphasis, strong text and links first: everything else is drawn over them.
    let overlaps =
        |range: &Range<usize>| range.start < line.range.end && range.end > line.range.start;
    for span in block.spans.iter().filter(|s| overlaps(&s.range)) {
        let style = match span.style {
            TextStyle::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
            TextStyle::Strong => Style::new().add_modifier(Modifier::BOLD),
            TextStyle::Link { .. } => Style::new().add_modifier(Modifier::UNDERLINED),
        };
        layers.push((span.range.clone(), style));
    }
    let in_block = r.body().in_block(b);
    let first = in_block.partition_point(|m| m.range.end <= line.range.start);
    for m in in_block[first..]
        .iter()
        .take_while(|m| m.range.start < line.range.end)
    {
        if let Some(entity) = app.shelf().entity(m.entity) {
            layers.push((m.range.clone(), theme.mention(entity.kind)));
        }
    }
    let shown = &block.text[line.range.clone()];
    if block.kind != BlockKind::Reference {
        for (range, _) in footnote_markers(shown) {
            layers.push((
                range.start + line.range.start..range.end + line.range.start,
                theme.footnote,
            ));
        }
    }
    for (range, tags) in app.notes().ranges_in(r.article(), b) {
        if range.start < line.range.end && range.end > line.range.start {
            layers.push((range, theme.tagged(tags)));
        }
    }

    layers.extend(hit_layers(app, r, line));
    if let Some(Target::Footnote(fb, i)) = r.target()
        && fb == b
        && let Some((range, _)) = block.footnote_markers().get(i)
    {
        layers.push((range.clone(), theme.selection));
    }
    layers.extend(marks(app, r, Place::Block(b)));
    // Visual mode's selection over everything: it is what the next key acts on.
    if let Some(v) = app.reader().visual().filter(|v| v.block == b) {
        layers.push((v.range(), theme.visual));
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

/// The selected mention and the flash after a jump, where they are at `place`.
fn marks(app: &App, r: &OpenArticle, place: Place) -> Vec<(Range<usize>, Style)> {
    let theme = app.theme();
    let mut layers = Vec::new();
    if let Some(Target::Mention(id)) = r.target()
        && let Some(m) = r.body().mention(id).filter(|m| m.place == place)
    {
        layers.push((m.range.clone(), theme.selection));
    }
    if let Some((flashed, range)) = r.flash()
        && *flashed == place
    {
        layers.push((range.clone(), theme.flash));
    }
    layers
}

/// The find's hits on `line`, the current one selected.
fn hit_layers(app: &App, r: &OpenArticle, line: &LayoutLine) -> Vec<(Range<usize>, Style)> {
    let theme = app.theme();
    let overlaps =
        |range: &Range<usize>| range.start < line.range.end && range.end > line.range.start;
    let hits = r.find().hits();
    let order = |source: Source| match source {
        Source::Title => 0,
        Source::Lead => 1,
        Source::Block(b) => b + 2,
        _ => usize::MAX,
    };
    let here = order(line.source);
    let first =
        hits.partition_point(|(s, range)| (order(*s), range.end) <= (here, line.range.start));
    let mut layers = Vec::new();
    for (i, (source, range)) in hits.iter().enumerate().skip(first) {
        if *source != line.source || !overlaps(range) {
            break;
        }
        let style = if r.find().current() == Some(i) {
            theme.hit.patch(theme.selection)
        } else {
            theme.hit
        };
        layers.push((range.clone(), style));
    }
    layers
}

/// Splits `text[range]` at every layer edge and styles each piece with the base style patched
/// by every layer that covers it, in order.
pub(super) fn styled_segments(
    text: &str,
    range: Range<usize>,
    base: Style,
    layers: &[(Range<usize>, Style)],
) -> Vec<Span<'static>> {
    let mut cuts = vec![range.start, range.end];
    for (r, _) in layers {
        for edge in [r.start, r.end] {
            if edge > range.start && edge < range.end && text.is_char_boundary(edge) {
                cuts.push(edge);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let piece = text.get(w[0]..w[1])?;
            let style = layers
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(base, |s, (_, layer)| s.patch(*layer));
            Some(Span::styled(piece.to_string(), style))
        })
        .collect()
}
