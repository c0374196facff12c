//! `dossier mentions`: a key-word-in-context concordance, or JSON rows with the sentence
//! around each mention. Rows are streamed and the context is capped, so a paragraph with a
//! million mentions costs time in proportion and memory for one row.

use std::io::Write;
use std::ops::Range;

use super::output::{MentionRow, Stream, write_json};
use super::{CliError, Outcome, lookup};
use crate::corpus::Corpus;
use crate::corpus::article::paragraph_number;
use crate::corpus::linker::Mention;
use crate::corpus::sentence::sentence_around;
use crate::text::{truncate, truncate_start, width};

/// Columns of context on each side in text mode.
const CONTEXT: usize = 40;
/// The most bytes of a JSON row's context on each side of the mention (then cut at a
/// character boundary): a sentence is usually shorter, a 12 MB line without a full stop is not.
pub const CONTEXT_BYTES: usize = 300;

/// The text of a mention's block.
fn block_text<'a>(corpus: &'a Corpus, m: &Mention) -> &'a str {
    corpus.block_of(m).map_or("", |b| b.text.as_str())
}

/// The left and right context of a mention on its block, at most `columns` wide each.
pub fn context(corpus: &Corpus, m: &Mention, columns: usize) -> (String, String) {
    let text = block_text(corpus, m);
    let left = text.get(..m.range.start).unwrap_or("");
    let right = text.get(m.range.end..).unwrap_or("");
    // Only what can show is measured: a few bytes per column at most.
    let left = &left[floor(left, left.len().saturating_sub(columns * 8))..];
    let right = &right[..floor(right, columns * 8)];
    (truncate_start(left, columns), truncate(right, columns))
}

/// The sentence around a mention, cut to `CONTEXT_BYTES` on either side of it.
pub fn capped_sentence(text: &str, mention: Range<usize>) -> Range<usize> {
    let sentence = sentence_around(text, mention.start);
    let start = sentence
        .start
        .max(ceil(text, mention.start.saturating_sub(CONTEXT_BYTES)));
    let end = sentence
        .end
        .min(floor(text, mention.end.saturating_add(CONTEXT_BYTES)))
        .max(start);
    start..end
}

fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// `dossier mentions [--entity ID] [--article ID]`
pub fn mentions(
    corpus: &Corpus,
    entity: Option<&str>,
    article: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let entity = entity.map(|id| lookup::entity(corpus, id)).transpose()?;
    let article = article.map(|id| lookup::article(corpus, id)).transpose()?;
    let selected = || -> Box<dyn Iterator<Item = &Mention> + '_> {
        match (entity, article) {
            (Some(e), _) => Box::new(
                corpus
                    .links
                    .of_entity(e)
                    .iter()
                    .filter_map(|&i| corpus.links.mention(i))
                    .filter(move |m| article.is_none_or(|a| m.article == a)),
            ),
            (None, Some(a)) => Box::new(corpus.links.in_article(a).iter()),
            (None, None) => Box::new(corpus.links.all().iter()),
        }
    };
    if json {
        let rows = || {
            selected().map(|m| {
                let text = block_text(corpus, m);
                let context = text.get(capped_sentence(text, m.range.clone()));
                MentionRow {
                    article: corpus.article(m.article).map(|a| a.id.as_str()),
                    context,
                    ..MentionRow::new(corpus, m)
                }
            })
        };
        write_json(out, &Stream(rows))?;
        return Ok(Outcome::Success);
    }
    let label = |m: &Mention| {
        let id = corpus.article(m.article).map_or("", |a| a.id.as_str());
        format!("{id}#{}", paragraph_number(m.block))
    };
    let label_width = selected().map(|m| width(&label(m))).max().unwrap_or(0);
    for m in selected() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_of_a_sentence_without_end_is_capped_around_the_mention() {
        let text = format!("{}Kim{}", "ö".repeat(5_000), "ä".repeat(5_000));
        let at = text.find("Kim").unwrap();
        let range = capped_sentence(&text, at..at + 3);
        assert!(range.start >= at - CONTEXT_BYTES && range.end <= at + 3 + CONTEXT_BYTES);
        assert!(text[range].contains("Kim"));
    }

    #[test]
    fn context_of_a_short_sentence_is_the_sentence() {
        let text = "Erst das. Dann traf Putin Kim in Moskau. Danach nichts.";
        let at = text.find("Kim").unwrap();
        assert_eq!(
            &text[capped_sentence(text, at..at + 3)],
            "Dann traf Putin Kim in Moskau."
        );
    }
}
