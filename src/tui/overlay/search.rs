//! The passage search: a query typed in its prompt runs through the same engine as `dossier
//! search` (the index's FTS5 ranking, or the in-memory store's bm25; `@entity` terms and
//! "phrases" alike) and lists the best passages of the best articles, each with its article,
//! paragraph and a snippet whose matched words are marked. Bounded: the first `ARTICLES`
//! articles by rank with up to `PASSAGES` passages each, and the number of all that match.
//! Enter jumps to the passage (recorded in history).

use std::ops::Range;

use crate::config::action::Action;
use crate::corpus::article::paragraph_number;
use crate::corpus::ids::ArticleId;
use crate::shelf::Shelf;
use crate::tui::nav::Jump;
use crate::tui::prompt::{Prompt, Typing};

/// Articles a search lists at most, best first.
pub const ARTICLES: usize = 50;
/// Passages listed of each article at most.
pub const PASSAGES: usize = 3;

/// One result: a passage of an article (or the article itself when the words are in its
/// title, source or date rather than a paragraph).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub article: ArticleId,
    /// "Title · source · date".
    pub label: String,
    /// The 1-based paragraph number; `None` for an article matched outside its paragraphs.
    pub paragraph: Option<usize>,
    /// The snippet (sanitized article text), with `…` where it was cut.
    pub snippet: String,
    /// The matched words: byte ranges of `snippet`.
    pub marks: Vec<Range<usize>>,
    jump: Jump,
}

#[derive(Clone, Debug, Default)]
pub struct SearchView {
    query: Prompt,
    /// Whether the prompt has the keyboard (else the results do).
    prompting: bool,
    /// The query the results are for, once one ran.
    searched: Option<String>,
    hits: Vec<Hit>,
    /// How many articles match in all.
    articles: usize,
    /// How many of them `hits` shows.
    shown: usize,
    selected: usize,
}

impl SearchView {
    /// The prompt, opened on `previous` selected (typing replaces it).
    pub fn reopen(previous: &str) -> SearchView {
        let mut view = SearchView {
            prompting: true,
            ..SearchView::default()
        };
        previous.chars().for_each(|c| view.query.push(c));
        view.query.select_all();
        view
    }

    pub fn query(&self) -> &str {
        self.query.text()
    }

    pub fn prompt(&self) -> &Prompt {
        &self.query
    }

    /// Whether the prompt has the keyboard.
    pub fn prompting(&self) -> bool {
        self.prompting
    }

    /// The query the results are for, once one ran.
    pub fn searched(&self) -> Option<&str> {
        self.searched.as_deref()
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// How many articles match in all, and how many of them are listed.
    pub fn counts(&self) -> (usize, usize) {
        (self.articles, self.shown)
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The prompt takes the keyboard again, its text selected.
    pub fn edit_query(&mut self) {
        self.prompting = true;
        self.query.select_all();
    }

    /// Esc: from the prompt back to the results when there are some; whether the view stays.
    pub fn cancel(&mut self) -> bool {
        if self.prompting && self.searched.is_some() {
            self.prompting = false;
            return true;
        }
        false
    }

    pub fn input(&mut self, typing: Typing) {
        if self.prompting {
            self.query.apply(typing);
        }
    }

    /// Runs the query in the prompt and gives the keyboard to the results; the store's error,
    /// if it failed.
    pub fn run(&mut self, shelf: &Shelf) -> Result<(), String> {
        let text = self.query.text().trim().to_string();
        if text.is_empty() {
            return Err("type words, \"a phrase\" or @entity to search the articles".into());
        }
        let store = shelf.library().store();
        let found =
            crate::store::search(store, &text, ARTICLES, PASSAGES).map_err(|e| e.to_string())?;
        self.articles = crate::store::count(store, &text).map_err(|e| e.to_string())?;
        self.hits.clear();
        self.shown = 0;
        for f in &found {
            let Some(article) = shelf.article_id(f.hit.row.key.as_str()) else {
                continue;
            };
            self.shown += 1;
            let row = &f.hit.row;
            let label = crate::corpus::article::joined(&[&row.title, &row.source, &row.date]);
            if f.passages.is_empty() {
                self.hits.push(Hit {
                    article,
                    label,
                    paragraph: None,
                    snippet: row.title.clone(),
                    marks: Vec::new(),
                    jump: Jump::Article(article),
                });
                continue;
            }
            for p in &f.passages {
                let (snippet, marks) = marked(p);
                let words = p.first_match();
                self.hits.push(Hit {
                    article,
                    label: label.clone(),
                    paragraph: Some(paragraph_number(p.block)),
                    snippet,
                    marks,
                    jump: Jump::Passage(article, p.block, words.start, words.end),
                });
            }
        }
        // The count is taken after the list: an index changed in between never shows fewer
        // articles matching than listed.
        self.articles = self.articles.max(self.shown);
        self.searched = Some(text);
        self.selected = 0;
        self.prompting = false;
        self.query.deselect();
        Ok(())
    }

    pub fn update(&mut self, action: Action) {
        if !self.prompting {
            self.selected = crate::tui::overlay::selection::step_selection(
                self.selected,
                self.hits.len(),
                action,
            );
        }
    }

    /// Enter on a result: its passage.
    pub fn accept(&self) -> Option<Jump> {
        (!self.prompting)
            .then(|| self.hits.get(self.selected).map(|h| h.jump))
            .flatten()
    }

    pub fn settle(&mut self) {
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
    }
}

/// A passage's snippet with `…` where text was cut, and its matches as ranges of it.
fn marked(p: &crate::corpus::passages::Passage) -> (String, Vec<Range<usize>>) {
    let before = if p.cut_before { "…" } else { "" };
    let after = if p.cut_after { "…" } else { "" };
    let shift = before.len();
    let marks = p
        .ranges
        .iter()
        .map(|r| r.start + shift..r.end + shift)
        .collect();
    (format!("{before}{}{after}", p.snippet), marks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::corpus::catalogue::parse_catalogue;

    fn shelf() -> Shelf {
        let catalogue = parse_catalogue(
            "c.toml",
            "[[entity]]\nid = \"putin\"\nname = \"Wladimir Putin\"\nkind = \"person\"\nsummary = \"P\"\naliases = [\"Putin\"]\n"
                .as_bytes(),
        )
        .unwrap();
        let file = |id: &str, body: &str| crate::corpus::RawFile {
            id: id.into(),
            path: format!("{id}.md"),
            bytes: format!(
                "+++\ntitle = \"T {id}\"\ndate = \"2023-09\"\nsource = \"S\"\n+++\n\n{body}\n"
            )
            .into_bytes()
            .into(),
        };
        let files = vec![
            file("a", "Erst nichts.\n\nDann traf Putin Kim in Wladiwostok."),
            file("b", "Wladiwostok liegt am Meer."),
        ];
        Shelf::from(Corpus::build(files, catalogue, Vec::new()))
    }

    fn typed(view: &mut SearchView, text: &str) {
        text.chars().for_each(|c| view.input(Typing::Char(c)));
    }

    #[test]
    fn enter_in_the_prompt_lists_passages_with_paragraph_and_marked_words() {
        let shelf = shelf();
        let mut view = SearchView::reopen("");
        typed(&mut view, "@putin wladiwostok");
        view.run(&shelf).unwrap();
        assert!(!view.prompting());
        assert_eq!(view.counts(), (1, 1));
        let hit = &view.hits()[0];
        assert_eq!(hit.paragraph, Some(2));
        let marked: Vec<&str> = hit.marks.iter().map(|r| &hit.snippet[r.clone()]).collect();
        assert_eq!(marked, ["Putin", "Wladiwostok"]);
        let a = shelf.article_id("a").unwrap();
        let start = "Dann traf ".len();
        assert_eq!(view.accept(), Some(Jump::Passage(a, 1, start, start + 5)));
    }

    #[test]
    fn the_prompt_reopens_on_its_query_selected_and_esc_returns_to_the_results() {
        let shelf = shelf();
        let mut view = SearchView::reopen("wladiwostok");
        assert!(view.prompt().selected());
        view.run(&shelf).unwrap();
        assert_eq!(view.counts(), (2, 2));
        view.update(Action::Down);
        assert_eq!(view.selected(), 1);
        view.edit_query();
        typed(&mut view, "x");
        assert_eq!(view.query(), "x", "typing replaced the selected query");
        assert!(view.cancel(), "esc goes back to the results");
        assert_eq!(view.searched(), Some("wladiwostok"));
        let mut fresh = SearchView::reopen("");
        assert!(!fresh.cancel(), "esc with nothing searched closes");
        assert!(
            fresh.run(&shelf).is_err(),
            "an empty query says what to type"
        );
    }
}
