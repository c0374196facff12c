//! `dossier mentions`: a key-word-in-context concordance, or JSON rows with the sentence
//! around each mention. Rows are streamed, articles read one at a time and the context is
//! capped, so a paragraph with a million mentions costs time in proportion and memory for one
//! article.

use std::io::Write;
use std::ops::Range;

use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};

use super::output::{MentionRow, write_json};
use super::{CliError, Outcome, lookup};
use crate::corpus::article::Article;
use crate::corpus::ids::EntityId;
use crate::corpus::linker::Mention;
use crate::corpus::sentence::sentence_around;
use crate::store::{CorpusStore, LinkedArticle, PassageVisitor, StoreError, entity_passages};
use crate::text::{truncate, truncate_start, width};

/// Columns of context on each side in text mode.
const CONTEXT: usize = 40;
/// The most bytes of a JSON row's context on each side of the mention (then cut at a
/// character boundary): a sentence is usually shorter, a 12 MB line without a full stop is not.
pub const CONTEXT_BYTES: usize = 300;

/// The left and right context of a mention on its block, at most `columns` wide each.
pub fn context(article: &Article, m: &Mention, columns: usize) -> (String, String) {
    let text = block_text(article, m);
    let left = text.get(..m.range.start).unwrap_or("");
    let right = text.get(m.range.end..).unwrap_or("");
    // Only what can show is measured: a few bytes per column at most.
    let left = &left[floor(left, left.len().saturating_sub(columns * 8))..];
    let right = &right[..floor(right, columns * 8)];
    (truncate_start(left, columns), truncate(right, columns))
}

/// The text a mention is in: its block, or the title or lead.
fn block_text<'a>(article: &'a Article, m: &Mention) -> &'a str {
    article.text_at(m.place).unwrap_or("")
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

/// Articles read per page when following an entity.
const PAGE: usize = 64;

/// Calls `visit` with each selected article and its selected mentions, in corpus order,
/// reading one article at a time; `visit` returns `false` to stop.
fn each_selected(
    store: &dyn CorpusStore,
    entity: Option<EntityId>,
    article: Option<&LinkedArticle>,
    visit: &mut PassageVisitor<'_>,
) -> Result<(), StoreError> {
    match (entity, article) {
        (Some(e), Some(linked)) => {
            let wanted: Vec<&Mention> = linked.mentions.iter().filter(|m| m.names(e)).collect();
            visit(linked, &wanted).map(|_| ())
        }
        (Some(e), None) => entity_passages(store, e, PAGE, visit),
        (None, Some(linked)) => {
            let all: Vec<&Mention> = linked.mentions.iter().collect();
            visit(linked, &all).map(|_| ())
        }
        (None, None) => {
            for row in store.rows()? {
                if let Some(linked) = store.article(row.key.as_str())? {
                    let all: Vec<&Mention> = linked.mentions.iter().collect();
                    if !visit(&linked, &all)? {
                        break;
                    }
                }
            }
            Ok(())
        }
    }
}

/// The JSON array of the selected mentions, written row by row as the articles are read.
struct Selection<'a> {
    store: &'a dyn CorpusStore,
    entity: Option<EntityId>,
    article: Option<&'a LinkedArticle>,
}

impl Serialize for Selection<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let catalogue = self.store.catalogue();
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed: Option<S::Error> = None;
        let walked = each_selected(
            self.store,
            self.entity,
            self.article,
            &mut |linked, wanted| {
                let article = &linked.article;
                for m in wanted {
                    let text = block_text(article, m);
                    let row = MentionRow {
                        article: Some(article.id.as_str()),
                        context: text.get(capped_sentence(text, m.range.clone())),
                        ..MentionRow::new(catalogue, article, m)
                    };
                    if let Err(e) = seq.serialize_element(&row) {
                        failed = Some(e);
                        return Ok(false);
                    }
                }
                Ok(true)
            },
        );
        if let Some(e) = failed {
            return Err(e);
        }
        walked.map_err(S::Error::custom)?;
        seq.end()
    }
}

/// `dossier mentions [--entity ID] [--article ID]`
pub fn mentions(
    store: &dyn CorpusStore,
    entity: Option<&str>,
    article: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let entity = entity
        .map(|id| lookup::entity(store.catalogue(), id))
        .transpose()?;
    let article = article.map(|id| lookup::article(store, id)).transpose()?;
    if json {
        let selection = Selection {
            store,
            entity,
            article: article.as_ref(),
        };
        write_json(out, &selection)?;
        return Ok(Outcome::Success);
    }
    let label = |a: &Article, m: &Mention| format!("{}#{}", a.id, m.place.cite());
    // Two passes, one article in memory at a time: the widest label, then the rows.
    let mut label_width = 0;
    each_selected(store, entity, article.as_ref(), &mut |linked, wanted| {
        for m in wanted {
            label_width = label_width.max(width(&label(&linked.article, m)));
        }
        Ok(true)
    })?;
    let mut failed: Option<std::io::Error> = None;
    each_selected(store, entity, article.as_ref(), &mut |linked, wanted| {
        let a = &linked.article;
        for m in wanted {
            let (left, right) = context(a, m, CONTEXT);
            let pad = CONTEXT.saturating_sub(width(&left));
            let text = block_text(a, m).get(m.range.clone()).unwrap_or("");
            if let Err(e) = writeln!(
                out,
                "{:<label_width$}  {}{} | {} | {}",
                label(a, m),
                " ".repeat(pad),
                left,
                text,
                right
            ) {
                failed = Some(e);
                return Ok(false);
            }
        }
        Ok(true)
    })?;
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(Outcome::Success),
    }
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
