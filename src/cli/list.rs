//! `dossier list`: every article as a row (date, id, source, words, title), or JSON. The rows
//! come from the store without bodies.

use std::io::Write;

use super::output::{ArticleRow, Stream, write_json};
use super::{CliError, Outcome};
use crate::store::CorpusStore;
use crate::text::{truncate, width};

pub fn list(store: &dyn CorpusStore, json: bool, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let rows = store.rows()?;
    if json {
        write_json(out, &Stream(|| rows.iter().map(ArticleRow::listed)))?;
        return Ok(Outcome::Success);
    }
    let id_width = rows
        .iter()
        .map(|a| width(a.key.as_str()))
        .max()
        .unwrap_or(2);
    for a in &rows {
        writeln!(
            out,
            "{:<10}  {:<id_width$}  {:<16}  {:>6}  {}",
            a.date,
            a.key,
            truncate(&a.source, 16),
            a.words,
            a.title
        )?;
    }
    Ok(Outcome::Success)
}
