//! `dossier show`: one article as wrapped plain text, or as JSON blocks and mentions.

use std::io::Write;

use serde_json::json;

use super::{Failure, Outcome, find_article, write_json};
use crate::corpus::Corpus;
use crate::corpus::article::{Article, BlockKind};
use crate::corpus::ids::ArticleId;
use crate::text::decor::{BlockDecor, Medium};
use crate::text::wrap::wrap;

/// `dossier show ID`
pub fn show(
    corpus: &Corpus,
    id: &str,
    width: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let key = id;
    let id = find_article(corpus, key)?;
    let Some(article) = corpus.article(id) else {
        return Err(Failure(format!("unknown article `{key}`")));
    };
    if json {
        write_json(out, &article_json(corpus, id, article))?;
    } else {
        write_text(article, width, out)?;
    }
    Ok(Outcome::Success)
}

fn article_json(corpus: &Corpus, id: ArticleId, article: &Article) -> serde_json::Value {
    let blocks: Vec<_> = article
        .blocks
        .iter()
        .map(|b| match b.number {
            Some(n) => json!({ "kind": b.kind.name(), "text": b.text, "number": n }),
            None => json!({ "kind": b.kind.name(), "text": b.text }),
        })
        .collect();
    let mentions: Vec<_> = corpus
        .links
        .in_article(id)
        .iter()
        .map(|m| {
            json!({
                "entity": corpus.entity(m.entity).map(|e| &e.id),
                "block": m.block,
                "start": m.range.start,
                "end": m.range.end,
                "text": corpus.mention_text(m),
            })
        })
        .collect();
    json!({
        "id": article.id,
        "title": article.front.title,
        "date": article.front.date,
        "source": article.front.source,
        "author": article.front.author,
        "lead": article.front.lead,
        "words": article.words,
        "blocks": blocks,
        "mentions": mentions,
    })
}

/// Writes `text` wrapped to `width`, each line behind `first` (first line) or `rest`.
fn write_wrapped(
    out: &mut dyn Write,
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
) -> std::io::Result<()> {
    let mut indent = crate::text::width(first).max(crate::text::width(rest));
    let (mut first, mut rest) = (first, rest);
    if width < indent + 6 {
        // Too narrow for an indent: the text gets every column.
        (first, rest, indent) = ("", "", 0);
    }
    for (i, line) in wrap(text, width.saturating_sub(indent).max(1), true)
        .iter()
        .enumerate()
    {
        let prefix = if i == 0 { first } else { rest };
        writeln!(out, "{prefix}{}", line.render(text))?;
    }
    Ok(())
}

fn write_text(article: &Article, width: usize, out: &mut dyn Write) -> std::io::Result<()> {
    let front = &article.front;
    write_wrapped(out, &front.title, width, "", "")?;
    write_wrapped(out, &article.byline(), width, "", "")?;
    if let Some(lead) = &front.lead {
        writeln!(out)?;
        write_wrapped(out, lead, width, "", "")?;
    }
    for block in &article.blocks {
        writeln!(out)?;
        match block.kind {
            BlockKind::Heading => {
                write_wrapped(out, &block.text, width, "", "")?;
                let underline = crate::text::width(&block.text).min(width);
                writeln!(out, "{}", "─".repeat(underline))?;
            }
            BlockKind::Paragraph | BlockKind::Quote | BlockKind::Caption | BlockKind::Reference => {
                let decor = BlockDecor::of(block, Medium::Plain);
                write_wrapped(out, &block.text, width, &decor.first, &decor.rest)?;
            }
        }
    }
    Ok(())
}
