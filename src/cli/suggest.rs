//! `dossier suggest`: names in the articles that the catalogue does not cover, best first,
//! with their other forms, a guessed kind, counts and two example sentences.

use std::io::Write;

use super::output::{ExampleRow, Stream, SuggestionRow, write_json};
use super::{CliError, Outcome, lookup};
use crate::names::{Suggester, Suggestion};
use crate::store::CorpusStore;
use crate::text::width;

/// Every suggestion for the articles of `store` (one article at a time), best first.
pub fn collect(store: &dyn CorpusStore) -> Result<Vec<Suggestion>, CliError> {
    collect_for(store, None)
}

fn collect_for(
    store: &dyn CorpusStore,
    article: Option<&str>,
) -> Result<Vec<Suggestion>, CliError> {
    let mut suggester = Suggester::new(store.catalogue());
    for row in store.rows()? {
        if let Some(linked) = store.article(row.key.as_str())? {
            suggester.add_article(&linked.article, &linked.mentions);
        }
    }
    Ok(suggester.finish(article))
}

pub fn suggest(
    store: &dyn CorpusStore,
    limit: usize,
    article: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let key = match article {
        Some(id) => Some(lookup::article(store, id)?.article.id.as_str().to_string()),
        None => None,
    };
    let mut all = collect_for(store, key.as_deref())?;
    if limit > 0 {
        all.truncate(limit);
    }
    if json {
        let rows = || {
            all.iter().map(|s| SuggestionRow {
                name: &s.name,
                aliases: &s.aliases,
                kind: s.kind.name(),
                mentions: s.mentions,
                articles: s.articles.len(),
                examples: s
                    .examples
                    .iter()
                    .map(|e| ExampleRow {
                        article: &e.article,
                        paragraph: e.paragraph,
                        sentence: &e.sentence,
                    })
                    .collect(),
            })
        };
        write_json(out, &Stream(rows))?;
        return Ok(Outcome::Success);
    }
    let name_width = all
        .iter()
        .map(|s| width(&s.name))
        .max()
        .unwrap_or(4)
        .min(40);
    for (n, s) in all.iter().enumerate() {
        let aliases = if s.aliases.is_empty() {
            String::new()
        } else {
            format!("  ({})", s.aliases.join(", "))
        };
        writeln!(
            out,
            "{:>3}. {:<name_width$}  {:<12} {:>4}× in {}{aliases}",
            n + 1,
            s.name,
            s.kind.name(),
            s.mentions,
            s.articles.len(),
        )?;
        for e in &s.examples {
            writeln!(out, "       {}#{}: {}", e.article, e.paragraph, e.sentence)?;
        }
    }
    Ok(Outcome::Success)
}
