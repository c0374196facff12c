//! `dossier show`: one article as wrapped plain text, or as JSON blocks and mentions.

use std::io::Write;

use super::output::{ArticleDoc, BlockRow, MentionRow, Stream, write_json};
use super::{CliError, Outcome, lookup};
use crate::corpus::article::{Article, BlockKind, paragraph_number};
use crate::store::CorpusStore;
use crate::text::decor::{BlockDecor, Medium};
use crate::text::hyphenate::{Patterns, patterns_for};
use crate::text::wrap::wrap_with;

/// How `show` prints an article.
#[derive(Clone, Copy, Debug)]
pub struct ShowOptions {
    pub width: usize,
    pub hyphenate: bool,
    pub json: bool,
    /// Each block's paragraph number in a left margin (the numbers the reader and
    /// `mentions` cite).
    pub numbers: bool,
}

/// `dossier show ID`
pub fn show(
    store: &dyn CorpusStore,
    id: &str,
    options: ShowOptions,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let linked = lookup::article(store, id)?;
    let article = &linked.article;
    let catalogue = store.catalogue();
    if options.json {
        let doc = ArticleDoc {
            id: article.id.as_str(),
            title: &article.front.title,
            date: &article.front.date,
            source: &article.front.source,
            author: article.front.author.as_deref(),
            lead: article.front.lead.as_deref(),
            url: article.front.url.as_deref(),
            language: &article.front.language,
            tags: &article.front.tags,
            words: article.words,
            blocks: Stream(|| {
                article
                    .blocks
                    .iter()
                    .enumerate()
                    .map(|(i, b)| BlockRow::new(i, b))
            }),
            mentions: Stream(|| {
                linked
                    .mentions
                    .iter()
                    .map(|m| MentionRow::new(catalogue, article, m))
            }),
        };
        write_json(out, &doc)?;
    } else {
        write_text(article, options, out)?;
    }
    Ok(Outcome::Success)
}

/// Writes `text` wrapped to `width` and hyphenated with `patterns`, each line behind `first`
/// (first line) or `rest`.
fn write_wrapped(
    out: &mut dyn Write,
    text: &str,
    (width, patterns): (usize, Option<Patterns>),
    first: &str,
    rest: &str,
) -> std::io::Result<()> {
    let mut indent = crate::text::width(first).max(crate::text::width(rest));
    let (mut first, mut rest) = (first, rest);
    if width < indent + 6 {
        // Too narrow for an indent: the text gets every column.
        (first, rest, indent) = ("", "", 0);
    }
    for (i, line) in wrap_with(text, width.saturating_sub(indent).max(1), patterns)
        .iter()
        .enumerate()
    {
        let prefix = if i == 0 { first } else { rest };
        writeln!(out, "{prefix}{}", line.render(text))?;
    }
    Ok(())
}

fn write_text(article: &Article, options: ShowOptions, out: &mut dyn Write) -> std::io::Result<()> {
    let width = options.width;
    let front = &article.front;
    // The article's words follow its language; the byline is ours and never hyphenated.
    let patterns = if options.hyphenate {
        patterns_for(&front.language)
    } else {
        None
    };
    let body = (width, patterns);
    write_wrapped(out, &front.title, body, "", "")?;
    write_wrapped(out, &article.byline(), (width, None), "", "")?;
    if let Some(url) = &front.url {
        write_wrapped(out, url, (width, None), "", "")?;
    }
    if let Some(lead) = &front.lead {
        writeln!(out)?;
        write_wrapped(out, lead, body, "", "")?;
    }
    let digits = article.blocks.len().to_string().len();
    for (i, block) in article.blocks.iter().enumerate() {
        writeln!(out)?;
        let (number, blank) = if options.numbers {
            (
                format!("{:>digits$}  ", paragraph_number(i)),
                " ".repeat(digits + 2),
            )
        } else {
            (String::new(), String::new())
        };
        match block.kind {
            BlockKind::Heading => {
                write_wrapped(out, &block.text, body, &number, &blank)?;
                let underline = crate::text::width(&block.text).min(width);
                writeln!(out, "{blank}{}", "─".repeat(underline))?;
            }
            BlockKind::Paragraph | BlockKind::Quote | BlockKind::Caption | BlockKind::Reference => {
                let decor = BlockDecor::of(block, Medium::Plain);
                let (first, rest) = (number + &decor.first, blank + &decor.rest);
                write_wrapped(out, &block.text, body, &first, &rest)?;
            }
            BlockKind::List => {
                for (item_index, item) in block.items.iter().enumerate() {
                    let decor = BlockDecor::list_item(block.number, item_index, block.items.len());
                    let text = block.text.get(item.clone()).unwrap_or("");
                    // The paragraph number goes on the list's first line only.
                    let lead = if item_index == 0 { &number } else { &blank };
                    let (first, rest) = (lead.clone() + &decor.first, blank.clone() + &decor.rest);
                    write_wrapped(out, text, body, &first, &rest)?;
                }
            }
        }
    }
    Ok(())
}
