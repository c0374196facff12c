//! `dossier mentions`: a key-word-in-context concordance, or JSON with the sentence around
//! each mention.

use std::io::Write;

use serde_json::json;

use super::{Failure, Outcome, find_article, find_entity, write_json};
use crate::corpus::Corpus;
use crate::corpus::linker::Mention;
use crate::corpus::sentence::sentence_around;
use crate::text::{truncate, truncate_start, width};

/// Columns of context on each side in text mode.
const CONTEXT: usize = 40;

/// The left and right context of a mention on its block, at most `columns` wide each.
pub fn context(corpus: &Corpus, m: &Mention, columns: usize) -> (String, String) {
    let text = corpus.block_of(m).map_or("", |b| b.text.as_str());
    let left = truncate_start(&text[..m.range.start], columns);
    let right = truncate(&text[m.range.end..], columns);
    (left, right)
}

/// `dossier mentions [--entity ID] [--article ID]`
pub fn mentions(
    corpus: &Corpus,
    entity: Option<&str>,
    article: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let entity = entity.map(|id| find_entity(corpus, id)).transpose()?;
    let article = article.map(|id| find_article(corpus, id)).transpose()?;
    let selected: Vec<&Mention> = match (entity, article) {
        (Some(e), _) => corpus
            .links
            .of_entity(e)
            .iter()
            .filter_map(|&i| corpus.links.mention(i))
            .filter(|m| article.is_none_or(|a| m.article == a))
            .collect(),
        (None, Some(a)) => corpus.links.in_article(a).iter().collect(),
        (None, None) => corpus.links.all().iter().collect(),
    };
    if json {
        let rows: Vec<_> = selected
            .iter()
            .map(|m| {
                let text = corpus.block_of(m).map_or("", |b| b.text.as_str());
                let sentence = sentence_around(text, m.range.start);
                json!({
                    "article": corpus.article(m.article).map(|a| &a.id),
                    "entity": corpus.entity(m.entity).map(|e| &e.id),
                    "text": corpus.mention_text(m),
                    "block": m.block,
                    "start": m.range.start,
                    "end": m.range.end,
                    "context": &text[sentence],
                })
            })
            .collect();
        write_json(out, &json!(rows))?;
        return Ok(Outcome::Success);
    }
    let label = |m: &Mention| {
        let key = corpus.article(m.article).map_or("", |a| a.id.as_str());
        format!("{key}#{}", m.block)
    };
    let label_width = selected.iter().map(|m| width(&label(m))).max().unwrap_or(0);
    for m in selected {
        let (left, right) = context(corpus, m, CONTEXT);
        let pad = CONTEXT.saturating_sub(width(&left));
        writeln!(
            out,
            "{:<label_width$}  {}{} | {} | {}",
            label(m),
            " ".repeat(pad),
            left,
            corpus.mention_text(m),
            right
        )?;
    }
    Ok(Outcome::Success)
}
