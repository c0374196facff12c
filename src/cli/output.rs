//! Every JSON row the command line prints, as `#[derive(Serialize)]` types: one spelling of
//! each field across all commands (`article`, `entity`, `block`, `start`, `end`, `text` mean
//! the same everywhere). Long lists are streamed row by row (`Stream`), never collected.

use std::borrow::Cow;
use std::io::Write;

use serde::{Serialize, Serializer};

use super::CliError;
use crate::corpus::article::{Article, Block, Style, paragraph_number};
use crate::corpus::catalogue::Catalogue;
use crate::corpus::dates::Precision;
use crate::corpus::linker::Mention;
use crate::corpus::passages::Passage;
use crate::corpus::sanitize::visible;
use crate::corpus::timeline::{Entry, Origin as TimelineOrigin};
use crate::diag::{Diagnostic, Severity};
use crate::store;
use crate::userdata::export::Citation;
use crate::userdata::resolve::Resolved;

/// Writes `value` as pretty JSON and a newline, straight into `out`.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// A JSON array made on the fly from an iterator: rows are written as they are made, so a
/// million of them cost one row of memory. `F` makes the iterator.
pub struct Stream<F>(pub F);

impl<F, I> Serialize for Stream<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// `list`: one article.
#[derive(Serialize)]
pub struct ArticleRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    pub source: &'a str,
    pub path: &'a str,
    pub words: usize,
}

impl<'a> ArticleRow<'a> {
    /// The row of a store's list row.
    pub fn listed(a: &'a store::ArticleRow) -> Self {
        ArticleRow {
            id: a.key.as_str(),
            title: &a.title,
            date: &a.date,
            source: &a.source,
            path: &a.path,
            words: a.words,
        }
    }

    pub fn new(a: &'a Article) -> Self {
        ArticleRow {
            id: a.id.as_str(),
            title: &a.front.title,
            date: &a.front.date,
            source: &a.front.source,
            path: &a.path,
            words: a.words,
        }
    }
}

/// `show --json`: the article with its blocks and mentions.
#[derive(Serialize)]
#[serde(bound = "Stream<B>: Serialize, Stream<M>: Serialize")]
pub struct ArticleDoc<'a, B, M> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    pub source: &'a str,
    pub author: Option<&'a str>,
    pub lead: Option<&'a str>,
    pub url: Option<&'a str>,
    pub language: &'a str,
    pub tags: &'a [String],
    pub words: usize,
    pub blocks: Stream<B>,
    pub mentions: Stream<M>,
}

/// One block of an article.
#[derive(Serialize)]
pub struct BlockRow<'a> {
    /// The block's 1-based paragraph number, as the reader and `mentions` show it.
    pub paragraph: usize,
    pub kind: &'static str,
    pub text: &'a str,
    /// A reference's number, or a numbered list's first number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// A list's items, as byte ranges of `text`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<RangeRow>,
    /// Emphasis, strong text and links, as byte ranges of `text`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<SpanRow<'a>>,
}

/// A byte range of a block's text.
#[derive(Serialize)]
pub struct RangeRow {
    pub start: usize,
    pub end: usize,
}

/// A styled range of a block's text: `kind` is `emphasis`, `strong` or `link` (with `url`).
#[derive(Serialize)]
pub struct SpanRow<'a> {
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

impl<'a> BlockRow<'a> {
    /// Block `index` (0-based) of its article.
    pub fn new(index: usize, b: &'a Block) -> Self {
        BlockRow {
            paragraph: paragraph_number(index),
            kind: b.kind.name(),
            text: &b.text,
            number: b.number,
            items: b
                .items
                .iter()
                .map(|r| RangeRow {
                    start: r.start,
                    end: r.end,
                })
                .collect(),
            spans: b
                .spans
                .iter()
                .map(|span| {
                    let (kind, url) = match &span.style {
                        Style::Emphasis => ("emphasis", None),
                        Style::Strong => ("strong", None),
                        Style::Link { url } => ("link", Some(url.as_str())),
                    };
                    SpanRow {
                        kind,
                        start: span.range.start,
                        end: span.range.end,
                        url,
                    }
                })
                .collect(),
        }
    }
}

/// `import`: one article imported, or one input that failed.
#[derive(Serialize)]
pub struct ImportRow<'a> {
    pub input: &'a str,
    pub id: Option<&'a str>,
    pub path: Option<&'a str>,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub author: Option<&'a str>,
    pub url: Option<&'a str>,
    pub language: Option<&'a str>,
    pub words: Option<usize>,
    pub status: &'static str,
    pub error: Option<&'a str>,
}

impl<'a> ImportRow<'a> {
    pub fn new(r: &'a crate::import::Imported) -> Self {
        ImportRow {
            input: &r.input,
            id: r.id.as_deref(),
            path: r.path.as_deref(),
            title: r.title.as_deref(),
            date: r.date.as_deref(),
            source: r.source.as_deref(),
            author: r.author.as_deref(),
            url: r.url.as_deref(),
            language: r.language.as_deref(),
            words: r.words,
            status: r.status.name(),
            error: r.error.as_deref(),
        }
    }
}

/// One mention. `show` leaves out the article (it is the document's) and the context.
#[derive(Serialize)]
pub struct MentionRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<&'a str>,
    pub entity: &'a str,
    /// Further entities the same words name ("Ukraine-Krieg": the war, then `["ukraine"]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<&'a str>,
    pub text: &'a str,
    /// Where the mention is: `title`, `lead` or `body`.
    pub part: &'static str,
    /// The 0-based index of the mention's block in `blocks`; null in the title and lead.
    pub block: Option<usize>,
    /// The block's 1-based paragraph number, as the reader and `mentions` show it; null in
    /// the title and lead.
    pub paragraph: Option<usize>,
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<&'a str>,
}

impl<'a> MentionRow<'a> {
    /// A mention of `article` without its article and context.
    pub fn new(catalogue: &'a Catalogue, article: &'a Article, m: &Mention) -> Self {
        MentionRow {
            article: None,
            entity: catalogue.entity(m.entity).map_or("", |e| e.id.as_str()),
            also: m
                .also
                .iter()
                .flat_map(|a| a.iter())
                .filter_map(|&e| catalogue.entity(e).map(|e| e.id.as_str()))
                .collect(),
            text: article
                .text_at(m.place)
                .and_then(|t| t.get(m.range.clone()))
                .unwrap_or(""),
            part: m.place.part(),
            block: m.place.block(),
            paragraph: m.place.block().map(paragraph_number),
            start: m.range.start,
            end: m.range.end,
            context: None,
        }
    }
}

/// `entities`: one entity with its counts.
#[derive(Serialize)]
pub struct EntityRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub aliases: &'a [String],
    pub mentions: usize,
    pub articles: Vec<&'a str>,
}

/// `entity`: one entity's card.
#[derive(Serialize)]
pub struct EntityCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub summary: &'a str,
    pub aliases: &'a [String],
    pub facts: Vec<FactRow<'a>>,
    pub mentions: usize,
    pub articles: Vec<EntityArticleRow<'a>>,
}

/// `entity`: a fact with the article that states it.
#[derive(Serialize)]
pub struct FactRow<'a> {
    pub label: &'a str,
    pub value: &'a str,
    pub source: Option<&'a str>,
}

/// `entity`: an article that names the entity, with how often.
#[derive(Serialize)]
pub struct EntityArticleRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    pub source: &'a str,
    pub mentions: usize,
}

/// `suggest`: one proposed entity.
#[derive(Serialize)]
pub struct SuggestionRow<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
    pub kind: &'static str,
    pub mentions: usize,
    /// How many articles name it.
    pub articles: usize,
    pub examples: Vec<ExampleRow<'a>>,
}

/// `suggest`: a sentence that shows a suggested name in use.
#[derive(Serialize)]
pub struct ExampleRow<'a> {
    pub article: &'a str,
    pub paragraph: usize,
    pub sentence: &'a str,
}

/// `search`: one hit, with its best passages.
#[derive(Serialize)]
pub struct SearchRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// −bm25 (bigger is better), or how often the article names the `@` entities.
    pub score: f64,
    pub passages: Vec<PassageRow<'a>>,
}

/// One passage of a search hit: its block, a snippet and the byte ranges of the matches in
/// the snippet.
#[derive(Serialize)]
pub struct PassageRow<'a> {
    /// The 0-based index of the passage's block in `blocks`.
    pub block: usize,
    /// The block's 1-based paragraph number, as the reader and `mentions` show it.
    pub paragraph: usize,
    pub snippet: &'a str,
    pub matches: Vec<[usize; 2]>,
}

impl<'a> PassageRow<'a> {
    pub fn new(p: &'a Passage) -> Self {
        PassageRow {
            block: p.block,
            paragraph: paragraph_number(p.block),
            snippet: &p.snippet,
            matches: p.ranges.iter().map(|r| [r.start, r.end]).collect(),
        }
    }
}

/// `index`: what bringing the index up to date did; the store's report is the row.
pub use crate::store::sqlite::SyncReport as IndexReport;

/// `keys`: one binding.
#[derive(Serialize)]
pub struct KeyRow<'a> {
    pub context: &'static str,
    pub key: String,
    pub action: &'a str,
    pub description: &'a str,
    pub origin: &'static str,
}

/// `check --json`: the counts and every problem.
#[derive(Serialize)]
pub struct CheckReport<'a> {
    pub articles: usize,
    pub entities: usize,
    pub mentions: usize,
    pub errors: usize,
    pub warnings: usize,
    pub problems: Vec<ProblemRow<'a>>,
}

/// One problem of `check`; `line` and `col` are null where the position is not known. Path
/// and message are escaped as in the text output: a hostile file name or a value quoted from
/// a file holds nothing a terminal would act on.
#[derive(Serialize)]
pub struct ProblemRow<'a> {
    pub path: Cow<'a, str>,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub severity: &'static str,
    pub message: Cow<'a, str>,
}

impl<'a> ProblemRow<'a> {
    pub fn new(d: &'a Diagnostic) -> Self {
        ProblemRow {
            path: visible(&d.path),
            line: d.position.map(|p| p.line),
            col: d.position.map(|p| p.col),
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: visible(&d.message),
        }
    }
}

/// `notes --json`: one annotation and where it is now. `paragraph` is 1-based, where the
/// quote is now (where it was, when orphaned); `status` is attached, moved or orphaned.
#[derive(Serialize)]
pub struct NoteRow<'a> {
    pub id: i64,
    pub kind: &'static str,
    pub article: &'a str,
    pub paragraph: usize,
    pub quote: &'a str,
    pub note: &'a str,
    pub tags: &'a [String],
    pub created: &'a str,
    pub updated: &'a str,
    pub status: &'static str,
    /// Entities named within the quote.
    pub entities: Vec<&'a str>,
}

impl<'a> NoteRow<'a> {
    pub fn new(catalogue: &'a Catalogue, r: &'a Resolved) -> Self {
        let a = &r.annotation;
        NoteRow {
            id: a.id,
            kind: a.kind.name(),
            article: a.article.as_str(),
            paragraph: r.paragraph(),
            quote: &a.selector.exact,
            note: &a.note,
            tags: &a.tags,
            created: &a.created,
            updated: &a.updated,
            status: r.status.name(),
            entities: r
                .entities
                .iter()
                .filter_map(|&e| catalogue.entity(e).map(|e| e.id.as_str()))
                .collect(),
        }
    }
}

/// `export --format json`: an annotation with its citation (null where the article is not
/// loaded).
#[derive(Serialize)]
pub struct ExportRow<'a> {
    #[serde(flatten)]
    pub note: NoteRow<'a>,
    pub title: Option<&'a str>,
    pub source: Option<&'a str>,
    pub author: Option<&'a str>,
    pub date: Option<&'a str>,
    /// The article's `url`, when its front matter has one.
    pub url: Option<&'a str>,
}

impl<'a> ExportRow<'a> {
    pub fn new(catalogue: &'a Catalogue, citation: Option<Citation<'a>>, r: &'a Resolved) -> Self {
        ExportRow {
            note: NoteRow::new(catalogue, r),
            title: citation.as_ref().map(|c| c.title),
            source: citation.as_ref().map(|c| c.source),
            author: citation.as_ref().and_then(|c| c.author),
            date: citation.as_ref().map(|c| c.date),
            url: citation.as_ref().and_then(|c| c.url),
        }
    }
}

/// `timeline --json`: one dated statement. `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as
/// precise as the text; `paragraph` (1-based) is null for a fact of the catalogue, `article`
/// is the article a fact cites, `url` that article's `url` when it has one.
#[derive(Serialize)]
pub struct TimelineRow<'a> {
    pub date: String,
    pub precision: Precision,
    pub text: &'a str,
    pub article: Option<&'a str>,
    pub paragraph: Option<usize>,
    pub entity: Option<&'a str>,
    pub kind: &'static str,
    pub url: Option<&'a str>,
}

impl<'a> TimelineRow<'a> {
    /// `article` is the key and url of the article the entry comes from (or a fact cites).
    pub fn new(
        catalogue: &'a Catalogue,
        article: Option<(&'a str, Option<&'a str>)>,
        e: &'a Entry,
    ) -> Self {
        let (paragraph, kind) = match &e.origin {
            TimelineOrigin::Fact { .. } => (None, "fact"),
            TimelineOrigin::Passage { block, .. } => (Some(paragraph_number(*block)), "passage"),
        };
        TimelineRow {
            date: e.date.to_string(),
            precision: e.date.precision(),
            text: &e.text,
            article: article.map(|(key, _)| key),
            paragraph,
            entity: e
                .entity
                .and_then(|id| catalogue.entity(id))
                .map(|x| x.id.as_str()),
            kind,
            url: article.and_then(|(_, url)| url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_writes_the_same_json_as_a_collected_array() {
        let rows = Stream(|| {
            (0..3).map(|i| SearchRow {
                id: "a",
                title: "t",
                score: f64::from(i),
                passages: Vec::new(),
            })
        });
        let collected: Vec<SearchRow> = (0..3)
            .map(|i| SearchRow {
                id: "a",
                title: "t",
                score: f64::from(i),
                passages: Vec::new(),
            })
            .collect();
        assert_eq!(
            serde_json::to_string_pretty(&rows).unwrap(),
            serde_json::to_string_pretty(&collected).unwrap()
        );
    }
}
