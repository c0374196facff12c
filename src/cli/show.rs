//! `dossier show`: one article as wrapped plain text, or as JSON blocks and mentions.

use std::io::Write;

use super::output::{ArticleDoc, BlockRow, MentionRow, Stream, write_json};
use super::{CliError, Outcome, lookup};
use crate::corpus::Corpus;
use crate::corpus::article::{Article, BlockKind, paragraph_number};
use crate::text::decor::{BlockDecor, Medium};
use crate::text::wrap::wrap;

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
    corpus: &Corpus,
    id: &str,
    options: ShowOptions,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let found = lookup::article(corpus, id)?;
    let Some(article) = corpus.article(found) else {
        return Err(CliError::Request(format!(
            "article `{}` is not loaded",
            crate::corpus::sanitize::visible(id)
        )));
    };
    if options.json {
        let doc = ArticleDoc {
            id: article.id.as_str(),
            title: &article.front.title,
            date: &article.front.date,
            source: &article.front.source,
            author: article.front.author.as_deref(),
            lead: article.front.lead.as_deref(),
            words: article.words,
            blocks: Stream(|| {
                article
                    .blocks
                    .iter()
                    .enumerate()
                    .map(|(i, b)| BlockRow::new(i, b))
            }),
            mentions: Stream(|| {
                corpus
                    .links
                    .in_article(found)
                    .iter()
                    .map(|m| MentionRow::new(corpus, m))
            }),
        };
        write_json(out, &doc)?;
    } else {
        write_text(article, options, out)?;
    }
    Ok(Outcome::Success)
}

/// Writes `text` wrapped to `width`, each line behind `first` (first line) or `rest`.
fn write_wrapped(
    out: &mut dyn Write,
    text: &str,
    options: ShowOptions,
    first: &str,
    rest: &str,
) -> std::io::Result<()> {
    let width = options.width;
    let mut indent = crate::text::width(first).max(crate::text::width(rest));
    let (mut first, mut rest) = (first, rest);
    if width < indent + 6 {
        // Too narrow for an indent: the text gets every column.
        (first, rest, indent) = ("", "", 0);
    }
    for (i, line) in wrap(text, width.saturating_sub(indent).max(1), options.hyphenate)
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
    write_wrapped(out, &front.title, options, "", "")?;
    write_wrapped(out, &article.byline(), options, "", "")?;
    if let Some(lead) = &front.lead {
        writeln!(out)?;
        write_wrapped(out, lead, options, "", "")?;
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
                write_wrapped(out, &block.text, options, &number, &blank)?;
                let underline = crate::text::width(&block.text).min(width);
                writeln!(out, "{blank}{}", "─".repeat(underline))?;
            }
            BlockKind::Paragraph | BlockKind::Quote | BlockKind::Caption | BlockKind::Reference => {
                let decor = BlockDecor::of(block, Medium::Plain);
                let (first, rest) = (number + &decor.first, blank + &decor.rest);
                write_wrapped(out, &block.text, options, &first, &rest)?;
            }
        }
    }
    Ok(())
}
