//! Drawing the suggestions view: progress while the articles are read, then one line per
//! proposal (name in its kind's colour, kind, mentions in articles, other forms), and under
//! the list the selected proposal's example sentences, wrapped, with the keys that settle it.
//! The entity picker is the finder's popup under a title that says what picking does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::parts::{centred, popup_block, put};
use crate::config::action::Action;
use crate::config::keymap::Context;
use crate::text::{truncate, width};
use crate::tui::app::App;
use crate::tui::overlay::suggestions::{Picker, Progress, SuggestionsView};

/// The keys shown under the list, with their labels.
const KEYS: [(Action, &str); 5] = [
    (Action::AcceptSuggestion, "add"),
    (Action::CycleKind, "kind"),
    (Action::MergeSuggestion, "merge into…"),
    (Action::IgnoreSuggestion, "ignore"),
    (Action::Cancel, "close"),
];

pub fn draw(app: &App, view: &SuggestionsView, frame: &mut Frame, area: Rect) {
    let height = if view.is_single() {
        area.height.saturating_sub(4).min(14)
    } else {
        area.height.saturating_sub(2).min(40)
    };
    let rect = centred(area, 120, height);
    let title = if view.is_single() {
        "New entity".to_string()
    } else {
        format!("Suggestions {}", view.proposals().len())
    };
    let inner = popup_block(app, frame, rect, &title);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    let theme = app.theme();
    let columns = inner.width.saturating_sub(1);
    let line_at = |frame: &mut Frame, row: u16, line: Line| {
        if row < inner.height {
            put(frame, inner.x + 1, inner.y + row, &line, columns);
        }
    };
    let progress = view.progress(app.shelf());
    if progress != Progress::Ready {
        let said = match progress {
            Progress::Warming => "loading the word list…".to_string(),
            Progress::Reading { read, of } => format!(
                "reading the articles for names: {} of {} ({}%)",
                crate::corpus::thousands(read),
                crate::corpus::thousands(of),
                read * 100 / of.max(1)
            ),
            _ => "ranking the names…".to_string(),
        };
        line_at(frame, 0, Line::from(Span::styled(said, theme.dim)));
        line_at(
            frame,
            2,
            Line::from(Span::styled(
                "the reader answers meanwhile: esc closes, S opens again",
                theme.dim,
            )),
        );
        return;
    }
    let mut footer = 1u16;
    if let Some(error) = view.error() {
        line_at(
            frame,
            inner.height - 1,
            Line::from(Span::styled(truncate(error, 200), theme.error)),
        );
        footer += 1;
    }
    if view.proposals().is_empty() {
        let said = if view.settled() > 0 {
            format!("nothing more to suggest ({} settled here)", view.settled())
        } else {
            "nothing to suggest: the catalogue covers every name found".to_string()
        };
        line_at(frame, 0, Line::from(Span::styled(said, theme.dim)));
        return;
    }
    // The details of the selected proposal take the lower part; the list the rest.
    let details = details(app, view, usize::from(columns));
    let room = inner.height.saturating_sub(footer);
    let list_rows = if view.is_single() {
        1
    } else {
        room.saturating_sub(details.len() as u16 + 1)
            .max(3.min(room))
    };
    list(app, view, frame, inner, list_rows);
    for (row, line) in (list_rows + 1..room).zip(details) {
        line_at(frame, row, line);
    }
    line_at(frame, room, keys(app, view));
}

/// The list of proposals, `rows` of it, scrolled to keep the selection in view.
fn list(app: &App, view: &SuggestionsView, frame: &mut Frame, inner: Rect, rows: u16) {
    let theme = app.theme();
    let columns = usize::from(inner.width.saturating_sub(2));
    let name_width = (columns / 3).clamp(12, 36);
    let scroll = view
        .selected()
        .saturating_sub(usize::from(rows).saturating_sub(1));
    for (slot, (index, p)) in view
        .proposals()
        .iter()
        .enumerate()
        .skip(scroll)
        .take(usize::from(rows))
        .enumerate()
    {
        let s = &p.suggestion;
        let name = truncate(&s.name, name_width);
        let pad = " ".repeat(name_width.saturating_sub(width(&name)));
        let counts = format!("{:>4}× in {:<3}", s.mentions, s.articles.len());
        let mut spans = vec![
            Span::styled(name, theme.mention(p.kind)),
            Span::raw(format!("{pad}  ")),
            Span::styled(format!("{:<12} ", p.kind.name()), theme.dim),
            Span::raw(counts),
        ];
        if !s.aliases.is_empty() {
            let used = name_width + 2 + 13 + 12;
            let aliases = truncate(&s.aliases.join(", "), columns.saturating_sub(used + 2));
            spans.push(Span::styled(format!(" {aliases}"), theme.lead));
        }
        let mut line = Line::from(spans);
        if index == view.selected() {
            line = line.patch_style(theme.selected_row);
        }
        put(
            frame,
            inner.x + 1,
            inner.y + slot as u16,
            &line,
            inner.width.saturating_sub(1),
        );
    }
}

/// The selected proposal's forms and example sentences, wrapped to `columns`.
fn details(app: &App, view: &SuggestionsView, columns: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let Some(p) = view.chosen() else {
        return Vec::new();
    };
    let s = &p.suggestion;
    let mut lines = Vec::new();
    let mut head = vec![
        Span::styled(s.name.clone(), theme.mention(p.kind).patch(theme.heading)),
        Span::styled(format!("  as {}", p.kind.name()), theme.dim),
    ];
    if view.is_single() {
        head.push(Span::styled(
            format!("  · {}× in {}", s.mentions, s.articles.len()),
            theme.dim,
        ));
    }
    lines.push(Line::from(head));
    if !s.aliases.is_empty() {
        for piece in
            crate::text::wrap::wrap(&s.aliases.join(", "), columns.saturating_sub(8), false)
        {
            let text = piece.render(&s.aliases.join(", "));
            let label = if lines.len() == 1 {
                "forms   "
            } else {
                "        "
            };
            lines.push(Line::from(vec![
                Span::styled(label, theme.dim),
                Span::styled(text, theme.lead),
            ]));
        }
    }
    for e in &s.examples {
        let place = format!("{} ¶{}", e.article, e.paragraph);
        lines.push(Line::from(Span::styled(
            truncate(&place, columns),
            theme.dim,
        )));
        for piece in crate::text::wrap::wrap(&e.sentence, columns.saturating_sub(2), false) {
            lines.push(Line::from(Span::raw(format!(
                "  {}",
                piece.render(&e.sentence)
            ))));
        }
    }
    lines
}

/// The keys that settle the selected proposal, from the live keymap.
fn keys(app: &App, view: &SuggestionsView) -> Line<'static> {
    let theme = app.theme();
    let mut spans = Vec::new();
    for (action, label) in KEYS {
        let Some(key) = app.keymap().first_key(Context::Suggestions, action) else {
            continue;
        };
        let label = match (action, view.chosen()) {
            (Action::AcceptSuggestion, Some(p)) => format!("add as {}", p.kind.name()),
            _ => label.to_string(),
        };
        spans.push(Span::styled(key, theme.status_key));
        spans.push(Span::styled(format!(" {label}  "), theme.dim));
    }
    Line::from(spans)
}

/// The entity picker: the finder under a title that says what the choice does.
pub fn picker(app: &App, picker: &Picker, frame: &mut Frame, area: Rect) {
    super::popup::finder(app, &picker.finder, &picker.title(), frame, area);
}
