//! `dossier search QUERY`: the reader's fuzzy search, best first, as rows or JSON.

use std::io::Write;

use super::output::{SearchRow, Stream, write_json};
use super::{CliError, Outcome};
use crate::corpus::Corpus;
use crate::corpus::search::SearchIndex;

pub fn search(
    corpus: &Corpus,
    query: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let hits = SearchIndex::new(corpus).search(corpus, query);
    let rows = || {
        hits.iter().filter_map(|h| {
            let a = corpus.article(h.article)?;
            Some(SearchRow {
                id: a.id.as_str(),
                title: &a.front.title,
                score: h.score,
            })
        })
    };
    if json {
        write_json(out, &Stream(rows))?;
        return Ok(Outcome::Success);
    }
    for row in rows() {
        writeln!(out, "{:>5}  {}  {}", row.score, row.id, row.title)?;
    }
    Ok(Outcome::Success)
}
