//! Every JSON row the command line prints, as `#[derive(Serialize)]` types: one spelling of
//! each field across all commands (`article`, `entity`, `block`, `start`, `end`, `text` mean
//! the same everywhere). Long lists are streamed row by row (`Stream`), never collected.

use std::borrow::Cow;
use std::io::Write;

use serde::{Serialize, Serializer};

use super::CliError;
use crate::corpus::Corpus;
use crate::corpus::article::{Article, Block, paragraph_number};
use crate::corpus::linker::Mention;
use crate::corpus::sanitize::visible;
use crate::diag::{Diagnostic, Severity};

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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
}

impl<'a> BlockRow<'a> {
    /// Block `index` (0-based) of its article.
    pub fn new(index: usize, b: &'a Block) -> Self {
        BlockRow {
            paragraph: paragraph_number(index),
            kind: b.kind.name(),
            text: &b.text,
            number: b.number,
        }
    }
}

/// One mention. `show` leaves out the article (it is the document's) and the context.
#[derive(Serialize)]
pub struct MentionRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<&'a str>,
    pub entity: &'a str,
    pub text: &'a str,
    /// The 0-based index of the mention's block in `blocks`.
    pub block: usize,
    /// The block's 1-based paragraph number, as the reader and `mentions` show it.
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<&'a str>,
}

impl<'a> MentionRow<'a> {
    /// A mention without its article and context.
    pub fn new(corpus: &'a Corpus, m: &Mention) -> Self {
        MentionRow {
            article: None,
            entity: corpus.entity(m.entity).map_or("", |e| e.id.as_str()),
            text: corpus.mention_text(m),
            block: m.block,
            paragraph: paragraph_number(m.block),
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

/// `search`: one hit.
#[derive(Serialize)]
pub struct SearchRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub score: i64,
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_writes_the_same_json_as_a_collected_array() {
        let rows = Stream(|| {
            (0..3).map(|i| SearchRow {
                id: "a",
                title: "t",
                score: i,
            })
        });
        let collected: Vec<SearchRow> = (0..3)
            .map(|i| SearchRow {
                id: "a",
                title: "t",
                score: i,
            })
            .collect();
        assert_eq!(
            serde_json::to_string_pretty(&rows).unwrap(),
            serde_json::to_string_pretty(&collected).unwrap()
        );
    }
}
