//! Help: every action with its keys and one line of description, from the live keymap,
//! grouped by context and narrowed by a folded search that `/` opens. The rows are computed
//! when the query or the keymap changes, not per frame.

use crate::config::action::Action;
use crate::config::key::display_sequence;
use crate::config::keymap::{Context, Keymap};
use crate::corpus::fold::fold_str;
use crate::text::wrap::wrap;
use crate::tui::prompt::{Prompt, Typing};

/// How far the wheel moves.
const WHEEL_LINES: usize = 3;

/// A context heading, or (keys, action).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpRow {
    Heading(Context),
    Binding(String, Action),
}

#[derive(Clone, Debug, Default)]
pub struct Help {
    query: Prompt,
    /// The search prompt has the keyboard.
    searching: bool,
    /// The first line shown, counted in screen lines (a row may take several).
    scroll: usize,
    /// Screen lines the rows take at the width of the last settle.
    lines: usize,
    rows: Vec<HelpRow>,
}

impl Help {
    pub fn new(keymap: &Keymap) -> Help {
        Help {
            rows: rows(keymap, ""),
            ..Help::default()
        }
    }

    pub fn query(&self) -> &str {
        self.query.text()
    }

    /// The search prompt (its text and whether it is selected).
    pub fn prompt(&self) -> &Prompt {
        &self.query
    }

    pub fn searching(&self) -> bool {
        self.searching
    }

    /// `/`: the search prompt takes the keyboard, on the previous query selected.
    pub fn start_search(&mut self) {
        self.searching = true;
        self.query.select_all();
    }

    /// Enter: keep the query, give the keys back to moving and closing.
    pub fn accept(&mut self) {
        self.searching = false;
        self.query.deselect();
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Screen lines the rows take (as of the last settle).
    pub fn line_count(&self) -> usize {
        self.lines
    }

    /// The rows matching the query.
    pub fn rows(&self) -> &[HelpRow] {
        &self.rows
    }

    /// Typing in the search narrows the rows (and starts them from the top).
    pub fn input(&mut self, typing: Typing, keymap: &Keymap) {
        if self.searching && self.query.apply(typing) {
            if let Typing::Char(_) = typing {
                self.scroll = 0;
            }
            self.rows = rows(keymap, self.query.text());
        }
    }

    /// Esc: closes the search and clears the query; false when there was neither (so help
    /// closes).
    pub fn cancel(&mut self, keymap: &Keymap) -> bool {
        let searching = std::mem::take(&mut self.searching);
        let cleared = self.query.clear();
        if cleared {
            self.rows = rows(keymap, "");
        }
        searching || cleared
    }

    /// The keymap changed: the rows again.
    pub fn rebuild(&mut self, keymap: &Keymap) {
        self.rows = rows(keymap, self.query.text());
    }

    /// A motion; `page` is the lines help shows.
    pub fn update(&mut self, action: Action, page: usize) {
        let step = page.saturating_sub(1).max(1);
        self.scroll = match action {
            Action::Down => self.scroll.saturating_add(1),
            Action::Up => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll.saturating_add(step),
            Action::PageUp => self.scroll.saturating_sub(step),
            Action::HalfPageDown => self.scroll.saturating_add(page / 2),
            Action::HalfPageUp => self.scroll.saturating_sub(page / 2),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => self.scroll,
        };
    }

    pub fn wheel(&mut self, down: bool) {
        self.scroll = if down {
            self.scroll.saturating_add(WHEEL_LINES)
        } else {
            self.scroll.saturating_sub(WHEEL_LINES)
        };
    }

    /// Keeps the scroll inside the lines the rows take at `width` columns, `page` shown.
    pub fn settle(&mut self, width: usize, page: usize) {
        let columns = Columns::new(&self.rows, width);
        self.lines = self.rows.iter().map(|r| columns.lines_of(r)).sum();
        self.scroll = self.scroll.min(self.lines.saturating_sub(page));
    }
}

/// How help lays its rows out at a width: the keys' column, the action names' column (only
/// where the description keeps 30 columns beside it) and where the description starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Columns {
    pub key_width: usize,
    pub name_width: usize,
    pub show_names: bool,
    pub text_column: usize,
    pub text_width: usize,
}

impl Columns {
    pub fn new(rows: &[HelpRow], width: usize) -> Columns {
        let key_width = rows
            .iter()
            .map(|r| match r {
                HelpRow::Binding(keys, _) => crate::text::width(keys),
                HelpRow::Heading(_) => 0,
            })
            .max()
            .unwrap_or(8)
            .clamp(8, 16);
        let name_width = rows
            .iter()
            .map(|r| match r {
                HelpRow::Binding(_, action) => action.name().len(),
                HelpRow::Heading(_) => 0,
            })
            .max()
            .unwrap_or(0);
        let show_names = width >= 2 + key_width + 2 + name_width + 2 + 30;
        let text_column = 2 + key_width + 2 + if show_names { name_width + 2 } else { 0 };
        Columns {
            key_width,
            name_width,
            show_names,
            text_column,
            text_width: width.saturating_sub(text_column).max(12),
        }
    }

    /// Screen lines `row` takes: a heading one; a binding its wrapped description, and one
    /// more when its keys are too wide for their column.
    pub fn lines_of(&self, row: &HelpRow) -> usize {
        match row {
            HelpRow::Heading(_) => 1,
            HelpRow::Binding(keys, action) => {
                usize::from(crate::text::width(keys) > self.key_width)
                    + wrap(action.description(), self.text_width, false)
                        .len()
                        .max(1)
            }
        }
    }
}

/// The rows for a query (folded substring of keys, action name or description).
pub fn rows(keymap: &Keymap, query: &str) -> Vec<HelpRow> {
    let query = fold_str(query.trim());
    let mut rows = Vec::new();
    for &context in Context::ALL {
        let mut actions: Vec<Action> = keymap
            .rows()
            .iter()
            .filter(|r| r.context == context)
            .map(|r| r.action)
            .collect();
        actions.dedup();
        let mut section = Vec::new();
        for action in actions {
            let own: Vec<String> = keymap
                .rows()
                .iter()
                .filter(|r| r.context == context && r.action == action)
                .map(|r| display_sequence(&r.keys))
                .collect();
            let keys: Vec<String> = keymap
                .keys_for(context, action)
                .into_iter()
                .filter(|k| own.contains(k))
                .collect();
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
