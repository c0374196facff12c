//! `dossier list`: every article as a row (date, id, source, words, title), or JSON.

use std::io::Write;

use super::output::{ArticleRow, Stream, write_json};
use super::{CliError, Outcome};
use crate::corpus::Corpus;
use crate::text::{truncate, width};

pub fn list(corpus: &Corpus, json: bool, out: &mut dyn Write) -> Result<Outcome, CliError> {
    if json {
        write_json(
            out,
            &Stream(|| corpus.articles().iter().map(ArticleRow::new)),
        )?;
        return Ok(Outcome::Success);
    }
    let id_width = corpus
        .articles()
        .iter()
        .map(|a| width(a.id.as_str()))
        .max()
        .unwrap_or(2);
    for a in corpus.articles() {
        writeln!(
            out,
            "{:<10}  {:<id_width$}  {:<16}  {:>6}  {}",
            a.front.date,
            a.id,
            truncate(&a.front.source, 16),
            a.words,
            a.front.title
        )?;
    }
    Ok(Outcome::Success)
}
