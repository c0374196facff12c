//! The fact sidebar's content, computed once per (subject, open article, width).
//!
//! For an entity: name, kind, summary, facts with sources, how often the open article names it,
//! then every passage as a key-word-in-context line, grouped by article (the open one first,
//! "here"), each group headed by its source and date; the passages are paged (`passages.rs`),
//! built only when shown.
//! For an article: the entities it names most and related articles by shared entities.
//! Rows carry semantic styles and, where they can be chosen, the item they stand for.

use super::passages::Passages;
use crate::corpus::article::joined;
use crate::corpus::ids::{ArticleId, EntityId};
use crate::shelf::Shelf;
use crate::text::wrap::wrap;
use crate::text::{counted, truncate, width};
use crate::tui::nav::Subject;

pub use super::rows::{Item, Row, Tone};

fn wrapped(rows: &mut Vec<Row>, text: &str, columns: usize, tone: Tone, indent: &str) {
    let available = columns.saturating_sub(width(indent)).max(4);
    // Only the catalogue's prose is hyphenated; names and the reader's own words never are.
    let hyphenate = tone == Tone::Normal;
    for line in wrap(text, available, hyphenate) {
        rows.push(Row::text(format!("{indent}{}", line.render(text)), tone));
    }
}

/// The sidebar's rows: a few built at once (the head), then the passages, built when asked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    head: Vec<Row>,
    passages: Passages,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.head.len() + self.passages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Puts `rows` (which cannot be chosen) before the others.
    pub fn prepend(&mut self, rows: Vec<Row>) {
        self.head.splice(0..0, rows);
    }

    /// Row `i`, built now.
    pub fn get(&self, shelf: &Shelf, i: usize) -> Option<Row> {
        match self.head.get(i) {
            Some(row) => Some(row.clone()),
            None => self.passages.row(shelf, i - self.head.len()),
        }
    }

    /// What row `i` stands for, if it can be chosen; cheap (nothing is built).
    pub fn item(&self, shelf: &Shelf, i: usize) -> Option<Item> {
        match self.head.get(i) {
            Some(row) => row.item,
            None => self.passages.item(shelf, i - self.head.len()),
        }
    }

    /// Every row, built one by one (for tests and small lists).
    pub fn iter<'a>(&'a self, shelf: &'a Shelf) -> impl Iterator<Item = Row> + 'a {
        (0..self.len()).filter_map(move |i| self.get(shelf, i))
    }

    /// The first row at or after `i` that can be chosen. Every passage row can.
    pub fn choosable_from(&self, i: usize) -> Option<usize> {
        let head = self.head.len();
        if i < head
            && let Some(at) = self.head[i..].iter().position(|r| r.item.is_some())
        {
            return Some(i + at);
        }
        (i.max(head) < self.len()).then_some(i.max(head))
    }

    /// The last row at or before `i` that can be chosen.
    pub fn choosable_until(&self, i: usize) -> Option<usize> {
        let head = self.head.len();
        if i >= head && !self.passages.is_empty() {
            return Some(i.min(self.len() - 1));
        }
        let end = i.min(head.saturating_sub(1));
        self.head
            .get(..=end)?
            .iter()
            .rposition(|r| r.item.is_some())
    }
}

/// Builds the rows for `subject` while `open` is the article in the reading pane.
pub fn build(shelf: &Shelf, subject: Subject, open: Option<ArticleId>, columns: usize) -> Rows {
    let columns = columns.max(10);
    match subject {
        Subject::Entity(e) => entity_rows(shelf, e, open, columns),
        Subject::Article(a) => Rows {
            head: article_rows(shelf, a, columns),
            passages: Passages::default(),
        },
    }
}

fn entity_rows(shelf: &Shelf, e: EntityId, open: Option<ArticleId>, columns: usize) -> Rows {
    let Some(entity) = shelf.entity(e) else {
        return Rows::default();
    };
    let passages = Passages::new(shelf, (e, entity.kind), open, columns);
    let (mentions, total_articles) = passages.counts();
    let mut rows = Vec::new();
    wrapped(&mut rows, &entity.name, columns, Tone::Title, "");
    let mut line = entity.kind.name().to_string();
    if let Some(body) = open.and_then(|a| shelf.article(a)) {
        line.push_str(&format!(" · named {}× here", body.count_of(e)));
    }
    line.push_str(&format!(
        " · in {}",
        counted(total_articles, "article", "articles")
    ));
    wrapped(&mut rows, &line, columns, Tone::Dim, "");
    if !entity.summary.is_empty() {
        rows.push(Row::blank());
        wrapped(&mut rows, &entity.summary, columns, Tone::Normal, "");
    }
    if !entity.aliases.is_empty() {
        wrapped(
            &mut rows,
            &format!("also: {}", entity.aliases.join(", ")),
            columns,
            Tone::Dim,
            "",
        );
    }
    if !entity.facts.is_empty() {
        rows.push(Row::blank());
        rows.push(Row::text("Facts", Tone::Heading));
        for fact in &entity.facts {
            wrapped(
                &mut rows,
                &format!("{}: {}", fact.label, fact.value),
                columns,
                Tone::Normal,
                "  ",
            );
            if let Some(source) = &fact.source {
                let shown = shelf
                    .article_id(source)
                    .and_then(|a| shelf.row(a))
                    .map_or(source.clone(), |a| a.source.clone());
                rows.push(Row::text(
                    format!("    — {}", truncate(&shown, columns.saturating_sub(6))),
                    Tone::Dim,
                ));
            }
        }
    }
    rows.push(Row::blank());
    rows.push(Row::text(
        format!(
            "Passages ({} in {})",
            mentions,
            counted(total_articles, "article", "articles")
        ),
        Tone::Heading,
    ));
    Rows {
        head: rows,
        passages,
    }
}

fn article_rows(shelf: &Shelf, a: ArticleId, columns: usize) -> Vec<Row> {
    let Some(article) = shelf.article(a) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    wrapped(&mut rows, &article.front.title, columns, Tone::Title, "");
    wrapped(
        &mut rows,
        &joined(&[
            &article.front.source,
            &article.front.date,
            &counted(article.words, "word", "words"),
        ]),
        columns,
        Tone::Dim,
        "",
    );
    rows.push(Row::blank());
    let named = &article.entities;
    rows.push(Row::text(
        format!(
            "Most named ({})",
            counted(named.len(), "entity", "entities")
        ),
        Tone::Heading,
    ));
    for (e, count, entity) in named
        .iter()
        .filter_map(|&(e, count)| Some((e, count, shelf.entity(e)?)))
        .take(15)
    {
        let count = format!("{count}×");
        let name = truncate(&entity.name, columns.saturating_sub(width(&count) + 3));
        let pad = columns.saturating_sub(2 + width(&name) + width(&count));
        rows.push(Row {
            spans: vec![
                ("  ".to_string(), Tone::Normal),
                (name, Tone::Mention(entity.kind)),
                (format!("{}{count}", " ".repeat(pad)), Tone::Dim),
            ],
            item: Some(Item::Entity(e)),
        });
    }
    rows.push(Row::blank());
    rows.push(Row::text("Related articles", Tone::Heading));
    let related = shelf.related(a);
    if related.is_empty() {
        rows.push(Row::text("  none share an entity", Tone::Dim));
    }
    for (other, shared, o) in related
        .into_iter()
        .filter_map(|(other, shared)| Some((other, shared, shelf.row(other)?)))
    {
        let tail = format!(" {shared} shared");
        let title = truncate(&o.title, columns.saturating_sub(width(&tail) + 2));
        let pad = columns.saturating_sub(2 + width(&title) + width(&tail));
        rows.push(Row {
            spans: vec![
                (format!("  {title}"), Tone::Normal),
                (format!("{}{tail}", " ".repeat(pad)), Tone::Dim),
            ],
            item: Some(Item::Article(other)),
        });
    }
    rows
}
