//! `dossier entities`: the catalogue with how often and where each entity is named.

use std::io::Write;

use super::output::{EntityRow, Stream, write_json};
use super::{CliError, Outcome};
use crate::corpus::Corpus;
use crate::text::width;

pub fn entities(corpus: &Corpus, json: bool, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let rows = || {
        corpus.catalogue.iter().map(|(e, entity)| EntityRow {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind.name(),
            aliases: &entity.aliases,
            mentions: corpus.links.of_entity(e).len(),
            articles: corpus
                .links
                .articles_of(e)
                .into_iter()
                .filter_map(|(a, _)| corpus.article(a))
                .map(|a| a.id.as_str())
                .collect(),
        })
    };
    if json {
        write_json(out, &Stream(rows))?;
        return Ok(Outcome::Success);
    }
    let id_width = corpus
        .catalogue
        .entities()
        .iter()
        .map(|e| width(&e.id))
        .max()
        .unwrap_or(2);
    for row in rows() {
        writeln!(
            out,
            "{:<id_width$}  {:<12}  {:>4} in {:>2}  {}",
            row.id,
            row.kind,
            row.mentions,
            row.articles.len(),
            row.name
        )?;
    }
    Ok(Outcome::Success)
}
