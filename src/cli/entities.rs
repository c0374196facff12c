//! `dossier entities`: the catalogue with how often and where each entity is named.

use std::io::Write;

use super::output::{EntityRow, Stream, write_json};
use super::{CliError, Outcome};
use crate::corpus::ids::ArticleKey;
use crate::store::CorpusStore;
use crate::text::width;

pub fn entities(
    store: &dyn CorpusStore,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let catalogue = store.catalogue();
    let counts = store.entity_counts()?;
    let count = |i: usize| counts.get(i).copied().unwrap_or_default();
    if json {
        let mut keys: Vec<Vec<ArticleKey>> = Vec::with_capacity(catalogue.len());
        for (e, _) in catalogue.iter() {
            keys.push(
                store
                    .articles_of(e, 0, usize::MAX)?
                    .into_iter()
                    .map(|(row, _)| row.key)
                    .collect(),
            );
        }
        let rows = || {
            catalogue
                .iter()
                .zip(&keys)
                .map(|((e, entity), keys)| EntityRow {
                    id: &entity.id,
                    name: &entity.name,
                    kind: entity.kind.name(),
                    aliases: &entity.aliases,
                    mentions: count(e.index()).mentions,
                    articles: keys.iter().map(ArticleKey::as_str).collect(),
                })
        };
        write_json(out, &Stream(rows))?;
        return Ok(Outcome::Success);
    }
    let id_width = catalogue
        .entities()
        .iter()
        .map(|e| width(&e.id))
        .max()
        .unwrap_or(2);
    for (e, entity) in catalogue.iter() {
        let count = count(e.index());
        writeln!(
            out,
            "{:<id_width$}  {:<12}  {:>4} in {:>2}  {}",
            entity.id,
            entity.kind.name(),
            count.mentions,
            count.articles,
            entity.name
        )?;
    }
    Ok(Outcome::Success)
}
