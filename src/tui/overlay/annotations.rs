//! The annotations view: every highlight, note and bookmark across the corpus in one list,
//! narrowed as one types: `#tag` keeps a tag, `@name` an entity the quote names (name or
//! alias, folded), other words must all occur in the quote, the note or the article's title or
//! key (folded). Enter jumps to the annotation's paragraph (recorded in history). The
//! annotations that pass can be exported (a path prompt opens on a default name) and the
//! selected one copied or its note edited; the event loop does the writing.

use crate::config::action::Action;
use crate::corpus::fold::fold_str;
use crate::corpus::sanitize::sanitize;
use crate::shelf::Shelf;
use crate::tui::nav::Jump;
use crate::tui::prompt::{Prompt, Typing};
use crate::userdata::Status;
use crate::userdata::resolve::Resolved;

/// One annotation as the view shows and filters it.
#[derive(Clone, Debug)]
pub struct Row {
    /// `article#paragraph`.
    pub place: String,
    pub quote: String,
    pub note: String,
    pub tags: Vec<String>,
    pub status: Status,
    /// Its index in the list the view was made from.
    index: usize,
    /// Where Enter goes; `None` for one whose article is not loaded.
    jump: Option<Jump>,
    /// Folded quote, note, title and key, for the words of the query.
    haystack: String,
    /// Folded names and aliases of the entities the quote names.
    entities: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct AnnotationsView {
    query: Prompt,
    rows: Vec<Row>,
    /// Indices into `rows` that pass the query.
    matches: Vec<usize>,
    selected: usize,
    /// The export's path prompt, while it is open.
    saving: Option<SavePrompt>,
}

/// The path an export is written to, as typed.
#[derive(Clone, Debug, Default)]
pub struct SavePrompt {
    pub prompt: Prompt,
    /// This path exists and the user was told: Enter on it again replaces it.
    pub replace: Option<String>,
}

/// The file an export goes to when the user does not name another.
pub const DEFAULT_EXPORT: &str = "dossier-notes.md";

impl AnnotationsView {
    pub fn new(shelf: &Shelf, annotations: &[Resolved]) -> AnnotationsView {
        let rows = annotations
            .iter()
            .enumerate()
            .map(|(i, r)| row(shelf, i, r))
            .collect();
        let mut view = AnnotationsView {
            rows,
            ..AnnotationsView::default()
        };
        view.refresh();
        view
    }

    /// The view over a new list of annotations (after a change was stored), with the same
    /// query, selection and export prompt.
    pub fn renewed(&self, shelf: &Shelf, annotations: &[Resolved]) -> AnnotationsView {
        let mut view = AnnotationsView::new(shelf, annotations);
        view.query = self.query.clone();
        view.refresh();
        view.selected = self.selected.min(view.matches.len().saturating_sub(1));
        view.saving = self.saving.clone();
        view
    }

    pub fn query(&self) -> &str {
        self.query.text()
    }

    /// Every row, in the order stored.
    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// The rows that pass the query.
    pub fn matches(&self) -> impl Iterator<Item = &Row> {
        self.matches.iter().filter_map(|&i| self.rows.get(i))
    }

    pub fn matched(&self) -> usize {
        self.matches.len()
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The selected annotation's index in the list the view was made from.
    pub fn selected_index(&self) -> Option<usize> {
        let i = *self.matches.get(self.selected)?;
        Some(self.rows.get(i)?.index)
    }

    /// The indices (in the list the view was made from) of every annotation that passes.
    pub fn matched_indices(&self) -> Vec<usize> {
        self.matches
            .iter()
            .filter_map(|&i| self.rows.get(i).map(|r| r.index))
            .collect()
    }

    /// The export's path prompt, if open.
    pub fn saving(&self) -> Option<&SavePrompt> {
        self.saving.as_ref()
    }

    /// Opens the path prompt on the last path typed, else the default, selected.
    pub fn start_saving(&mut self, last: Option<&str>) {
        let mut prompt = Prompt::default();
        for c in last.unwrap_or(DEFAULT_EXPORT).chars() {
            prompt.push(c);
        }
        prompt.select_all();
        self.saving = Some(SavePrompt {
            prompt,
            replace: None,
        });
    }

    pub fn stop_saving(&mut self) {
        self.saving = None;
    }

    /// The path exists: say so, and let Enter on the same path replace it.
    pub fn confirm_replace(&mut self, path: &str) {
        if let Some(s) = self.saving.as_mut() {
            s.replace = Some(path.to_string());
        }
    }

    fn refresh(&mut self) {
        let query = self.query.text().to_string();
        self.matches = (0..self.rows.len())
            .filter(|&i| passes(&self.rows[i], &query))
            .collect();
        self.selected = 0;
    }

    pub fn input(&mut self, typing: Typing) {
        if let Some(saving) = self.saving.as_mut() {
            if saving.prompt.apply(typing) {
                saving.replace = None;
            }
            return;
        }
        if self.query.apply(typing) {
            self.refresh();
        }
    }

    pub fn update(&mut self, action: Action) {
        self.selected = crate::tui::overlay::selection::step_selection(
            self.selected,
            self.matches.len(),
            action,
        );
    }

    /// Enter: the selected annotation's place.
    pub fn accept(&self) -> Option<Jump> {
        let i = *self.matches.get(self.selected)?;
        self.rows.get(i)?.jump
    }

    pub fn settle(&mut self) {
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
    }
}

fn row(shelf: &Shelf, index: usize, r: &Resolved) -> Row {
    let a = &r.annotation;
    let article = r.article.and_then(|id| shelf.row(id));
    let title = article.map_or("", |x| x.title.as_str());
    let jump = r
        .article
        .map(|id| Jump::Place(id, r.paragraph().saturating_sub(1)));
    let entities = r
        .entities
        .iter()
        .filter_map(|&e| shelf.entity(e))
        .flat_map(|e| e.surface_forms().map(fold_str).collect::<Vec<_>>())
        .collect();
    Row {
        place: format!("{}#{}", a.article, r.paragraph()),
        // Stored text is shown as untrusted: another program may have written the database.
        quote: sanitize(&a.selector.exact),
        note: sanitize(&a.note),
        tags: a.tags.clone(),
        status: r.status,
        index,
        jump,
        haystack: fold_str(&format!(
            "{}\n{}\n{title}\n{}",
            a.selector.exact, a.note, a.article
        )),
        entities,
    }
}

/// Whether `row` passes every term of `query`.
fn passes(row: &Row, query: &str) -> bool {
    query.split_whitespace().all(|term| {
        if let Some(tag) = term.strip_prefix('#') {
            let tag = fold_str(tag);
            tag.is_empty() || row.tags.iter().any(|t| fold_str(t) == tag)
        } else if let Some(name) = term.strip_prefix('@') {
            let name = fold_str(name);
            row.entities.iter().any(|e| e.contains(&name))
        } else {
            row.haystack.contains(&fold_str(term))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(quote: &str, note: &str, tags: &[&str], entities: &[&str]) -> Row {
        Row {
            place: "a#1".into(),
            quote: quote.into(),
            note: note.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            status: Status::Attached,
            index: 0,
            jump: None,
            haystack: fold_str(&format!("{quote}\n{note}")),
            entities: entities.iter().map(|e| fold_str(e)).collect(),
        }
    }

    #[test]
    fn tags_entities_and_words_must_all_match_folded() {
        let row = sample(
            "Schoigu besuchte Pjöngjang",
            "Erstes Zeichen",
            &["Waffen"],
            &["Sergei Schoigu", "Schoigu"],
        );
        assert!(passes(&row, ""));
        assert!(passes(&row, "#waffen"));
        assert!(passes(&row, "@schoigu pjongjang"));
        assert!(passes(&row, "zeichen #WAFFEN"));
        assert!(!passes(&row, "#treffen"));
        assert!(!passes(&row, "@putin"));
        assert!(!passes(&row, "zeichen moskau"));
    }
}
