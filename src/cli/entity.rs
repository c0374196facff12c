//! `dossier entity NAME`: one entity's card: name, kind, summary, aliases, facts with their
//! sources, and the articles that name it with how often, through the store (one query for the
//! counts, one for the articles), so it costs the same on five articles as on 100,000.

use std::io::Write;

use super::output::{EntityArticleRow, EntityCard, FactRow, write_json};
use super::{CliError, Outcome, lookup};
use crate::store::CorpusStore;
use crate::text::{counted, truncate, width};

pub fn entity(
    store: &dyn CorpusStore,
    name: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let catalogue = store.catalogue();
    let id = lookup::entity(catalogue, name)?;
    let Some(entity) = catalogue.entity(id) else {
        return Err(CliError::Request(format!(
            "entity `{}` is not loaded",
            entity_id(name)
        )));
    };
    let count = store
        .entity_counts()?
        .get(id.index())
        .copied()
        .unwrap_or_default();
    let articles = store.articles_of(id, 0, usize::MAX)?;
    if json {
        let card = EntityCard {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind.name(),
            summary: &entity.summary,
            aliases: &entity.aliases,
            facts: entity
                .facts
                .iter()
                .map(|f| FactRow {
                    label: &f.label,
                    value: &f.value,
                    source: f.source.as_deref(),
                })
                .collect(),
            mentions: count.mentions,
            articles: articles
                .iter()
                .map(|(row, n)| EntityArticleRow {
                    id: row.key.as_str(),
                    title: &row.title,
                    date: &row.date,
                    source: &row.source,
                    mentions: *n,
                })
                .collect(),
        };
        write_json(out, &card)?;
        return Ok(Outcome::Success);
    }
    writeln!(
        out,
        "{}  ({}, {})",
        entity.name,
        entity.id,
        entity.kind.name()
    )?;
    if !entity.summary.is_empty() {
        writeln!(out, "{}", entity.summary)?;
    }
    if !entity.aliases.is_empty() {
        writeln!(out, "Also: {}", entity.aliases.join(", "))?;
    }
    if !entity.facts.is_empty() {
        writeln!(out)?;
        writeln!(out, "Facts")?;
        let label_width = entity
            .facts
            .iter()
            .map(|f| width(&f.label))
            .max()
            .unwrap_or(0)
            .min(30);
        for fact in &entity.facts {
            let source = fact
                .source
                .as_deref()
                .map(|s| format!("  [{s}]"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<label_width$}  {}{source}",
                fact.label, fact.value
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Named {} in {}",
        counted(count.mentions, "time", "times"),
        counted(count.articles, "article", "articles")
    )?;
    let id_width = articles
        .iter()
        .map(|(r, _)| width(r.key.as_str()))
        .max()
        .unwrap_or(0);
    for (row, n) in &articles {
        writeln!(
            out,
            "  {:<10}  {:<id_width$}  {:>4}×  {}",
            row.date,
            row.key.as_str(),
            n,
            truncate(&row.title, 80)
        )?;
    }
    Ok(Outcome::Success)
}

fn entity_id(name: &str) -> String {
    crate::corpus::sanitize::visible(name).into_owned()
}
