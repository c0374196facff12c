//! Help: every action with its keys and one line of description, from the live keymap,
//! grouped by context and narrowed by what the reader types.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{centred, popup_block, put};
use crate::config::action::Action;
use crate::config::keymap::Context;
use crate::corpus::fold::fold_str;
use crate::tui::app::{App, HelpView};

/// Help rows: a context heading, or (keys, action, description).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpRow {
    Heading(Context),
    Binding(String, Action),
}

/// The rows for a query (folded substring of keys, action name or description).
pub fn rows(app: &App, query: &str) -> Vec<HelpRow> {
    let query = fold_str(query.trim());
    let mut rows = Vec::new();
    for &context in Context::ALL {
        let mut actions: Vec<Action> = app
            .keymap
            .rows()
            .iter()
            .filter(|r| r.context == context)
            .map(|r| r.action)
            .collect();
        actions.dedup();
        let mut section = Vec::new();
        for action in actions {
            let keys = app.keymap.keys_for(context, action);
            let own: Vec<String> = app
                .keymap
                .rows()
                .iter()
                .filter(|r| r.context == context && r.action == action)
                .map(|r| crate::config::key::display_sequence(&r.keys))
                .collect();
            let keys: Vec<String> = keys.into_iter().filter(|k| own.contains(k)).collect();
            let shown = keys.join(", ");
            let haystack = fold_str(&format!(
                "{shown} {} {}",
                action.name(),
                action.description()
            ));
            if query.is_empty() || haystack.contains(&query) {
                section.push(HelpRow::Binding(shown, action));
            }
        }
        if !section.is_empty() {
            rows.push(HelpRow::Heading(context));
            rows.extend(section);
        }
    }
    rows
}

pub fn draw(app: &App, help: &HelpView, frame: &mut Frame, area: Rect) {
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
        Span::styled("search ", app.theme.status_key),
        Span::raw(format!("{}▏", help.query.text)),
        Span::styled("   type to narrow · esc clears/closes", app.theme.dim),
    ]);
    put(
        frame,
        inner.x + 1,
        inner.y,
        &query_line,
        inner.width.saturating_sub(1),
    );
    let rows = rows(app, &help.query.text);
    let height = usize::from(inner.height - 1);
    let scroll = help.scroll.min(rows.len().saturating_sub(height));
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
                Span::styled(format!("{} ", context.name()), app.theme.heading),
                Span::styled(format!("— {}", context.description()), app.theme.dim),
            ]),
            HelpRow::Binding(keys, action) => Line::from(vec![
                Span::styled(
                    format!("  {:<key_width$}", crate::text::truncate(keys, key_width)),
                    app.theme.status_key,
                ),
                Span::styled(format!("{:<18}", action.name()), app.theme.title),
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
            &Line::from(Span::styled("  nothing matches", app.theme.dim)),
            inner.width,
        );
    }
}
