//! `dossier search QUERY` (full-text search: ranked articles with their best passages) and
//! `dossier index` (what bringing the index up to date did).

use std::io::Write;

use super::output::{IndexReport, PassageRow, SearchRow, Stream, write_json};
use super::{CliError, Outcome};
use crate::corpus::article::paragraph_number;
use crate::library::Library;
use crate::store::{self, CorpusStore};

/// `dossier search QUERY`
pub fn search(
    store: &dyn CorpusStore,
    query: &str,
    limit: usize,
    passages: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let limit = if limit == 0 { usize::MAX } else { limit };
    let found = store::search(store, query, limit, passages)?;
    if json {
        let rows = || {
            found.iter().map(|f| SearchRow {
                id: f.hit.row.key.as_str(),
                title: &f.hit.row.title,
                score: f.hit.score,
                passages: f.passages.iter().map(PassageRow::new).collect(),
            })
        };
        write_json(out, &Stream(rows))?;
        return Ok(Outcome::Success);
    }
    for f in &found {
        writeln!(
            out,
            "{:>8}  {}  {}",
            shown_score(f.hit.score),
            f.hit.row.key,
            f.hit.row.title
        )?;
        for p in &f.passages {
            writeln!(
                out,
                "          #{:<3} {}",
                paragraph_number(p.block),
                p.marked()
            )?;
        }
    }
    Ok(Outcome::Success)
}

/// A score in a few characters: two decimals, or two significant digits when tiny (bm25 gives
/// words found in most articles of a small corpus almost no weight).
fn shown_score(score: f64) -> String {
    if score == 0.0 || score >= 0.01 {
        format!("{score:.2}")
    } else {
        format!("{score:.1e}")
    }
}

/// `dossier index`
pub fn index(library: &Library, json: bool, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let Some(report) = library.report() else {
        return Err(CliError::Request(
            "no index in use: the bundled articles are read from the binary (or the index could not be opened, see the warning); `--articles DIR` names a directory to index".into(),
        ));
    };
    if json {
        let row: &IndexReport = &report;
        write_json(out, row)?;
        return Ok(Outcome::Success);
    }
    writeln!(
        out,
        "{} articles: {} added, {} updated, {} removed, {} unchanged, {} linked again ({:.2} s)",
        report.articles,
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        report.relinked,
        report.seconds
    )?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_stay_short_and_tiny_ones_keep_their_digits() {
        assert_eq!(shown_score(12.3456), "12.35");
        assert_eq!(shown_score(0.0), "0.00");
        assert_eq!(shown_score(0.000_001_23), "1.2e-6");
    }
}
