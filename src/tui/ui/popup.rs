//! Popups: the entity finder, the annotations view and the which-key list of what may follow
//! a pending key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::parts::{centred, highlight, popup_block, prompt_spans, put};
use crate::text::truncate;
use crate::tui::app::App;
use crate::tui::overlay::annotations::AnnotationsView;
use crate::tui::overlay::finder::Finder;
use crate::userdata::Status;

pub fn finder(app: &App, finder: &Finder, title: &str, frame: &mut Frame, area: Rect) {
    let rect = centred(area, 64, area.height.saturating_sub(4).min(24));
    let inner = popup_block(app, frame, rect, title);
    if inner.height < 2 {
        return;
    }
    let mut spans = vec![Span::styled("@ ", app.theme().status_key)];
    spans.extend(prompt_spans(finder.prompt(), true, 40));
    spans.push(Span::styled(
        format!(
            "  {} of {}",
            finder.matches().len(),
            app.shelf().catalogue().len()
        ),
        app.theme().dim,
    ));
    let prompt = Line::from(spans);
    put(
        frame,
        inner.x + 1,
        inner.y,
        &prompt,
        inner.width.saturating_sub(1),
    );
    let height = usize::from(inner.height - 1);
    let scroll = finder.selected().saturating_sub(height.saturating_sub(1));
    let width = usize::from(inner.width).saturating_sub(2);
    for (slot, (index, &(e, _))) in finder
        .matches()
        .iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .enumerate()
    {
        let Some(entity) = app.shelf().entity(e) else {
            continue;
        };
        let count = app.shelf().entity_count(e).mentions;
        let tail = format!("{} · {count}×", entity.kind.name());
        let name = truncate(
            &entity.name,
            width.saturating_sub(crate::text::width(&tail) + 2),
        );
        let mut style = app.theme().mention(entity.kind);
        if index == finder.selected() {
            style = style.patch(app.theme().selected_row);
        }
        let positions = app
            .shelf()
            .matcher()
            .positions(&name, finder.query())
            .unwrap_or_default();
        let mut spans = highlight(
            &name,
            &positions,
            style,
            style.patch(app.theme().match_chars),
        );
        let pad = width.saturating_sub(crate::text::width(&name) + crate::text::width(&tail));
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(tail, app.theme().dim));
        put(
            frame,
            inner.x + 1,
            inner.y + 1 + slot as u16,
            &Line::from(spans),
            inner.width.saturating_sub(1),
        );
    }
}

/// Which keys may follow the pending ones, above the status bar at the right.
pub fn pending_keys(app: &App, frame: &mut Frame, area: Rect) {
    let lines = app.pending().continuations(app.keymap(), app.context());
    if lines.is_empty() {
        return;
    }
    let width = lines
        .iter()
        .map(|l| crate::text::width(l))
        .max()
        .unwrap_or(10) as u16
        + 4;
    let height = lines.len() as u16 + 2;
    let rect = Rect::new(
        area.width.saturating_sub(width + 1),
        area.height.saturating_sub(height + 1),
        width.min(area.width),
        height.min(area.height),
    );
    let title = app.pending().title();
    let inner = popup_block(app, frame, rect, &title);
    for (i, line) in lines.iter().enumerate().take(usize::from(inner.height)) {
        put(
            frame,
            inner.x + 1,
            inner.y + i as u16,
            &Line::from(Span::raw(line.clone())),
            inner.width.saturating_sub(1),
        );
    }
}

/// The annotations view: a prompt, then one line per annotation (place, tags, quote, note).
pub fn annotations(app: &App, view: &AnnotationsView, frame: &mut Frame, area: Rect) {
    let rect = centred(area, 100, area.height.saturating_sub(4).min(30));
    let inner = popup_block(app, frame, rect, "Annotations");
    if inner.height < 2 {
        return;
    }
    let prompt = Line::from(vec![
        Span::styled("› ", app.theme().status_key),
        Span::raw(format!("{}▏", view.query())),
        Span::styled(
            format!("  {} of {}", view.matched(), view.total()),
            app.theme().dim,
        ),
    ]);
    put(
        frame,
        inner.x + 1,
        inner.y,
        &prompt,
        inner.width.saturating_sub(1),
    );
    if view.total() == 0 {
        let hint = "  nothing yet: H highlights, M bookmarks the sentence under the cursor, v selects words";
        let line = Line::from(Span::styled(hint, app.theme().dim));
        put(
            frame,
            inner.x + 1,
            inner.y + 1,
            &line,
            inner.width.saturating_sub(1),
        );
        return;
    }
    // The export's path prompt takes the last line while it is open.
    let mut height = usize::from(inner.height - 1);
    if let Some(saving) = view.saving()
        && height > 1
    {
        height -= 1;
        let label = if saving.replace.as_deref() == Some(saving.prompt.text().trim()) {
            "replace "
        } else {
            "export to (.md or .json) "
        };
        let mut spans = vec![Span::styled(label, app.theme().status_key)];
        spans.extend(prompt_spans(
            &saving.prompt,
            true,
            usize::from(inner.width).saturating_sub(30),
        ));
        spans.push(Span::styled(
            format!("  {} annotation(s)", view.matched()),
            app.theme().dim,
        ));
        put(
            frame,
            inner.x + 1,
            inner.y + inner.height - 1,
            &Line::from(spans),
            inner.width.saturating_sub(1),
        );
    }
    let scroll = view.selected().saturating_sub(height.saturating_sub(1));
    for (slot, (index, row)) in view
        .matches()
        .enumerate()
        .skip(scroll)
        .take(height)
        .enumerate()
    {
        let mut spans = Vec::new();
        let flag = match row.status {
            Status::Attached => "  ",
            Status::Moved => "↷ ",
            Status::Orphaned => "! ",
        };
        spans.push(Span::styled(flag, app.theme().error));
        spans.push(Span::styled(format!("{}  ", row.place), app.theme().dim));
        for tag in &row.tags {
            let style = app.theme().tagged(std::slice::from_ref(tag));
            spans.push(Span::styled(format!("#{tag}"), style));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::raw(format!("“{}”", truncate(&row.quote, 70))));
        if let Some(first) = row.note.lines().next().filter(|l| !l.trim().is_empty()) {
            spans.push(Span::styled(
                format!(" ✎ {}", truncate(first, 50)),
                app.theme().lead,
            ));
        }
        let mut line = Line::from(spans);
        if index == view.selected() {
            line = line.patch_style(app.theme().selected_row);
        }
        put(
            frame,
            inner.x + 1,
            inner.y + 1 + slot as u16,
            &line,
            inner.width.saturating_sub(1),
        );
    }
}
