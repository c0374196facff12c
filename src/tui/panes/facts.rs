//! The fact sidebar's content: rows built once per (subject, open article, width).
//!
//! For an entity: name, kind, summary, facts with sources, how often the open article names it,
//! then every passage as a key-word-in-context line, grouped by article (the open one first,
//! "here"), each group headed by its source and date.
//! For an article: the entities it names most and related articles by shared entities.
//! Rows carry semantic styles and, where they can be chosen, the item they stand for.

use crate::corpus::Corpus;
use crate::corpus::article::paragraph_number;
use crate::corpus::catalogue::EntityKind;
use crate::corpus::ids::{ArticleId, EntityId, MentionId};
use crate::corpus::linker::Mention;
use crate::text::wrap::wrap;
use crate::text::{counted, truncate, truncate_start, width};
use crate::tui::nav::{Jump, Subject};

/// Something a row stands for, which Enter or a click opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// A mention (in the open article or another).
    Passage(MentionId),
    Entity(EntityId),
    Article(ArticleId),
}

impl Item {
    /// The jump that opens it.
    pub fn jump(self) -> Jump {
        match self {
            Item::Passage(m) => Jump::Mention(m),
            Item::Entity(e) => Jump::Entity(e),
            Item::Article(a) => Jump::Article(a),
        }
    }
}

/// How a piece of a row looks; the theme turns it into a style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Title,
    Heading,
    Dim,
    Mention(EntityKind),
}

/// One row of the sidebar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub spans: Vec<(String, Tone)>,
    pub item: Option<Item>,
}

impl Row {
    fn text(text: impl Into<String>, tone: Tone) -> Row {
        Row {
            spans: vec![(text.into(), tone)],
            item: None,
        }
    }

    fn blank() -> Row {
        Row::text("", Tone::Normal)
    }

    /// The row's text without styles (for tests and hit-testing).
    pub fn plain(&self) -> String {
        self.spans.iter().map(|(s, _)| s.as_str()).collect()
    }
}

fn wrapped(rows: &mut Vec<Row>, text: &str, columns: usize, tone: Tone, indent: &str) {
    let available = columns.saturating_sub(width(indent)).max(4);
    // Only the catalogue's prose is hyphenated; names and the reader's own words never are.
    let hyphenate = tone == Tone::Normal;
    for line in wrap(text, available, hyphenate) {
        rows.push(Row::text(format!("{indent}{}", line.render(text)), tone));
    }
}

/// Builds the rows for `subject` while `open` is the article in the reading pane.
pub fn build(
    corpus: &Corpus,
    subject: Subject,
    open: Option<ArticleId>,
    columns: usize,
) -> Vec<Row> {
    let columns = columns.max(10);
    match subject {
        Subject::Entity(e) => entity_rows(corpus, e, open, columns),
        Subject::Article(a) => article_rows(corpus, a, columns),
    }
}

fn entity_rows(corpus: &Corpus, e: EntityId, open: Option<ArticleId>, columns: usize) -> Vec<Row> {
    let Some(entity) = corpus.entity(e) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    wrapped(&mut rows, &entity.name, columns, Tone::Title, "");
    let mut line = entity.kind.name().to_string();
    if let Some(a) = open {
        line.push_str(&format!(" · named {}× here", corpus.links.count_in(a, e)));
    }
    let total_articles = corpus.links.articles_of(e).len();
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
                let shown = corpus
                    .article_id(source)
                    .and_then(|a| corpus.article(a))
                    .map_or(source.clone(), |a| a.front.source.clone());
                rows.push(Row::text(
                    format!("    — {}", truncate(&shown, columns.saturating_sub(6))),
                    Tone::Dim,
                ));
            }
        }
    }
    let passages: Vec<(MentionId, &Mention)> = corpus
        .links
        .of_entity(e)
        .iter()
        .filter_map(|&m| Some((m, corpus.links.mention(m)?)))
        .collect();
    let articles = corpus.links.articles_of(e);
    rows.push(Row::blank());
    rows.push(Row::text(
        format!(
            "Passages ({} in {})",
            passages.len(),
            counted(articles.len(), "article", "articles")
        ),
        Tone::Heading,
    ));
    // The open article's passages first ("here"), then every other article's in corpus
    // order: the list is the same wherever the reader travels.
    let order = articles
        .iter()
        .filter(|(a, _)| Some(*a) == open)
        .chain(articles.iter().filter(|(a, _)| Some(*a) != open));
    for &(a, count) in order {
        let Some(article) = corpus.article(a) else {
            continue;
        };
        let here = if Some(a) == open { "here · " } else { "" };
        let header = format!(
            "{here}{} · {} ({count})",
            article.front.source, article.front.date
        );
        rows.push(Row {
            spans: vec![(truncate(&header, columns), Tone::Title)],
            item: Some(Item::Article(a)),
        });
        for &(m, mention) in passages.iter().filter(|(_, m)| m.article == a) {
            rows.push(passage_row(corpus, (m, mention), columns, entity.kind));
        }
    }
    rows
}

/// `#12 …left context mention right context…` fitted to `columns`.
fn passage_row(
    corpus: &Corpus,
    (m, mention): (MentionId, &Mention),
    columns: usize,
    kind: EntityKind,
) -> Row {
    let text = corpus.block_of(mention).map_or("", |b| b.text.as_str());
    let label = format!("  #{:<3} ", paragraph_number(mention.block));
    let surface = truncate(
        text.get(mention.range.clone()).unwrap_or(""),
        columns.saturating_sub(width(&label)),
    );
    let room = columns.saturating_sub(width(&label) + width(&surface));
    let left_room = room / 2;
    let left = truncate_start(text.get(..mention.range.start).unwrap_or(""), left_room);
    let right = truncate(
        text.get(mention.range.end..).unwrap_or(""),
        room.saturating_sub(width(&left)),
    );
    Row {
        spans: vec![
            (label, Tone::Dim),
            (left, Tone::Normal),
            (surface, Tone::Mention(kind)),
            (right, Tone::Normal),
        ],
        item: Some(Item::Passage(m)),
    }
}

fn article_rows(corpus: &Corpus, a: ArticleId, columns: usize) -> Vec<Row> {
    let Some(article) = corpus.article(a) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    wrapped(&mut rows, &article.front.title, columns, Tone::Title, "");
    wrapped(
        &mut rows,
        &format!(
            "{} · {} · {}",
            article.front.source,
            article.front.date,
            counted(article.words, "word", "words")
        ),
        columns,
        Tone::Dim,
        "",
    );
    rows.push(Row::blank());
    let named = corpus.links.entities_in(a);
    rows.push(Row::text(
        format!(
            "Most named ({})",
            counted(named.len(), "entity", "entities")
        ),
        Tone::Heading,
    ));
    for (e, count, entity) in named
        .iter()
        .filter_map(|&(e, count)| Some((e, count, corpus.entity(e)?)))
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
    let related = corpus.links.related(a);
    if related.is_empty() {
        rows.push(Row::text("  none share an entity", Tone::Dim));
    }
    for (other, shared, o) in related
        .into_iter()
        .filter_map(|(other, shared)| Some((other, shared, corpus.article(other)?)))
    {
        let tail = format!(" {shared} shared");
        let title = truncate(&o.front.title, columns.saturating_sub(width(&tail) + 2));
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
