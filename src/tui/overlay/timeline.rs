//! The timeline view: the dated statements about one entity (or about everything) in time
//! order, made by `corpus::timeline` exactly as `dossier timeline` lists them; dates as
//! precise as the text, each with its source and paragraph. Typing narrows it (folded words of
//! the date, source, entity and sentence must all occur); the scope key switches between the
//! entity and every entity; Enter jumps to the sentence (recorded in history).

use std::collections::HashMap;

use crate::config::action::Action;
use crate::corpus::article::paragraph_number;
use crate::corpus::fold::fold_str;
use crate::corpus::ids::{ArticleId, EntityId};
use crate::corpus::timeline::{Entry, Origin};
use crate::shelf::Shelf;
use crate::tui::nav::{Jump, Subject, Target};
use crate::tui::panes::reader::ReaderPane;
use crate::tui::panes::sidebar::SidebarPane;
use crate::tui::prompt::{Prompt, Typing};

/// The entity the timeline key opens on: the one the sidebar shows, else the selected
/// mention's; `None` (everything) with neither.
pub fn entity_in_view(sidebar: &SidebarPane, reader: &ReaderPane) -> Option<EntityId> {
    let open = reader.open();
    match (sidebar.subject(), open.and_then(|o| o.target())) {
        (Some(Subject::Entity(e)), _) => Some(e),
        (_, Some(Target::Mention(m))) => open?.body().mention(m).map(|m| m.entity),
        _ => None,
    }
}

/// One dated statement as the view shows and filters it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// `2019`, `2019-04` or `2019-04-25`.
    pub date: String,
    /// Where it is said: `t-online · 2019-04 ¶4`, or `catalogue` for a fact (`catalogue ·
    /// Der Standard` when the fact cites an article).
    pub place: String,
    /// The sentence, or the fact as "label: value".
    pub text: String,
    /// The entity's name, for a fact in the view of every entity.
    pub entity: Option<String>,
    pub fact: bool,
    /// The article's url, for the citation under the list.
    pub url: Option<String>,
    jump: Option<Jump>,
    haystack: String,
}

#[derive(Clone, Debug, Default)]
pub struct TimelineView {
    /// The entity it was opened for, if any.
    entity: Option<(EntityId, String)>,
    /// Showing every entity's statements (always so without an entity).
    all: bool,
    query: Prompt,
    rows: Vec<Row>,
    /// Indices into `rows` that pass the query.
    matches: Vec<usize>,
    selected: usize,
}

impl TimelineView {
    /// The timeline of `entity`, or of everything when `None`.
    pub fn new(shelf: &Shelf, entity: Option<EntityId>) -> TimelineView {
        let entity = entity.and_then(|e| Some((e, shelf.entity(e)?.name.clone())));
        let mut view = TimelineView {
            all: entity.is_none(),
            entity,
            ..TimelineView::default()
        };
        view.rebuild(shelf);
        view
    }

    fn rebuild(&mut self, shelf: &Shelf) {
        let scope = self.entity.as_ref().filter(|_| !self.all).map(|(e, _)| *e);
        let (entries, urls) = shelf.timeline(scope);
        self.rows = entries
            .iter()
            .map(|e| row(shelf, &urls, e, scope.is_none()))
            .collect();
        self.refresh();
    }

    /// `Timeline · Wladimir Putin` or `Timeline · every entity`.
    pub fn title(&self) -> String {
        match (&self.entity, self.all) {
            (Some((_, name)), false) => format!("Timeline · {name}"),
            _ => "Timeline · every entity".to_string(),
        }
    }

    /// Whether the scope key has another scope to switch to.
    pub fn can_switch(&self) -> bool {
        self.entity.is_some()
    }

    /// The scope key: the entity's statements, or everyone's; the query stays.
    pub fn switch_scope(&mut self, shelf: &Shelf) {
        if self.entity.is_some() {
            self.all = !self.all;
            self.rebuild(shelf);
        }
    }

    pub fn prompt(&self) -> &Prompt {
        &self.query
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// The rows that pass the query, in time order.
    pub fn matches(&self) -> impl Iterator<Item = &Row> {
        self.matches.iter().filter_map(|&i| self.rows.get(i))
    }

    pub fn matched(&self) -> usize {
        self.matches.len()
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The selected row, if any passes the query.
    pub fn current(&self) -> Option<&Row> {
        self.rows.get(*self.matches.get(self.selected)?)
    }

    fn refresh(&mut self) {
        let terms: Vec<String> = self.query.text().split_whitespace().map(fold_str).collect();
        self.matches = (0..self.rows.len())
            .filter(|&i| terms.iter().all(|t| self.rows[i].haystack.contains(t)))
            .collect();
        self.selected = 0;
    }

    pub fn input(&mut self, typing: Typing) {
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

    /// Enter: the selected statement's place.
    pub fn accept(&self) -> Option<Jump> {
        self.current()?.jump
    }

    pub fn settle(&mut self) {
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
    }
}

/// The row of one entry; `names` adds the entity's name to a fact (the view of everything).
fn row(shelf: &Shelf, urls: &HashMap<ArticleId, String>, e: &Entry, names: bool) -> Row {
    let article = e.article().filter(|&a| shelf.row(a).is_some());
    let label = article.map(|a| shelf.label(a));
    let entity = e
        .entity
        .and_then(|id| shelf.entity(id))
        .map(|x| x.name.clone());
    let (place, jump, fact) = match &e.origin {
        Origin::Fact { source } => {
            let place = match &label {
                Some(label) => format!("catalogue · {label}"),
                None => "catalogue".to_string(),
            };
            // A fact cites its article: Enter opens it; one citing nothing shows its entity.
            let jump = source
                .map(Jump::Article)
                .or_else(|| e.entity.map(Jump::Entity));
            (place, jump, true)
        }
        Origin::Passage {
            article: id,
            block,
            range,
        } => {
            let place = format!(
                "{} ¶{}",
                label.unwrap_or_default(),
                paragraph_number(*block)
            );
            let jump = Jump::Passage(*id, *block, range.start, range.end);
            (place, Some(jump), false)
        }
    };
    let entity = entity.filter(|_| names && fact);
    let haystack = fold_str(&format!(
        "{}\n{place}\n{}\n{}",
        e.date,
        e.text,
        entity.as_deref().unwrap_or("")
    ));
    Row {
        date: e.date.to_string(),
        place,
        text: e.text.clone(),
        entity,
        fact,
        url: article.and_then(|a| urls.get(&a).cloned()),
        jump,
        haystack,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::corpus::catalogue::parse_catalogue;

    fn corpus() -> Shelf {
        let catalogue = parse_catalogue(
            "c.toml",
            r#"
[[entity]]
id = "putin"
name = "Wladimir Putin"
kind = "person"
summary = "Präsident"
aliases = ["Putin"]
facts = [{ label = "Treffen", value = "April 2019 Wladiwostok" }]
"#
            .as_bytes(),
        )
        .unwrap();
        let files = vec![crate::corpus::RawFile {
            id: "a".into(),
            path: "a.md".into(),
            bytes: "+++\ntitle = \"T\"\ndate = \"2023-09\"\nsource = \"S\"\nurl = \"https://s.example/a\"\n+++\n\nIm September 2023 traf Putin Kim. Nichts weiter.\n\nAm 25. April 2019 war Putin in Wladiwostok.\n"
                .as_bytes()
                .to_vec()
                .into(),
        }];
        Shelf::from(Corpus::build(files, catalogue, Vec::new()))
    }

    #[test]
    fn rows_are_in_time_order_with_place_paragraph_and_url() {
        let c = corpus();
        let putin = c.catalogue().iter().next().unwrap().0;
        let view = TimelineView::new(&c, Some(putin));
        let rows: Vec<&Row> = view.matches().collect();
        let dates: Vec<&str> = rows.iter().map(|r| r.date.as_str()).collect();
        assert_eq!(dates, ["2019-04", "2019-04-25", "2023-09"]);
        assert!(rows[0].fact && rows[0].place == "catalogue");
        assert_eq!(rows[1].place, "S · 2023-09 ¶2");
        assert_eq!(rows[1].url.as_deref(), Some("https://s.example/a"));
        assert_eq!(view.title(), "Timeline · Wladimir Putin");
    }

    #[test]
    fn enter_jumps_to_the_sentence_and_typing_narrows_folded() {
        let c = corpus();
        let putin = c.catalogue().iter().next().unwrap().0;
        let mut view = TimelineView::new(&c, Some(putin));
        for ch in "2023 KIM".chars() {
            view.input(Typing::Char(ch));
        }
        assert_eq!(view.matched(), 1);
        let article = c.article_id("a").unwrap();
        let sentence = "Im September 2023 traf Putin Kim.";
        assert_eq!(
            view.accept(),
            Some(Jump::Passage(article, 0, 0, sentence.len()))
        );
        view.input(Typing::Char('x'));
        assert_eq!(view.matched(), 0);
        assert_eq!(view.accept(), None);
    }

    #[test]
    fn the_scope_key_switches_to_every_entity_and_back() {
        let c = corpus();
        let putin = c.catalogue().iter().next().unwrap().0;
        let mut view = TimelineView::new(&c, Some(putin));
        assert!(view.can_switch());
        let own = view.total();
        view.switch_scope(&c);
        assert_eq!(view.title(), "Timeline · every entity");
        assert!(view.total() >= own);
        view.switch_scope(&c);
        assert_eq!(view.total(), own);
        let everything = TimelineView::new(&c, None);
        assert!(!everything.can_switch());
        assert_eq!(everything.title(), "Timeline · every entity");
    }
}
