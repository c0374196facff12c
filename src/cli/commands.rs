//! The small commands: `list`, `entities`, `search`, `check`.

use std::io::Write;

use serde_json::json;

use super::{Failure, Outcome, write_json};
use crate::corpus::Corpus;
use crate::corpus::search::SearchIndex;
use crate::diag::{Diagnostic, Severity};
use crate::text::{truncate, width};

/// `dossier list`
pub fn list(corpus: &Corpus, json: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if json {
        let rows: Vec<_> = corpus
            .articles()
            .iter()
            .map(|a| {
                json!({
                    "id": a.id,
                    "title": a.front.title,
                    "date": a.front.date,
                    "source": a.front.source,
                    "path": a.path,
                    "words": a.words,
                })
            })
            .collect();
        write_json(out, &json!(rows))?;
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

/// `dossier entities`
pub fn entities(corpus: &Corpus, json: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let rows = corpus.catalogue.iter().map(|(e, entity)| {
        let articles: Vec<&str> = corpus
            .links
            .articles_of(e)
            .into_iter()
            .filter_map(|(a, _)| corpus.article(a))
            .map(|a| a.id.as_str())
            .collect();
        (entity, corpus.links.of_entity(e).len(), articles)
    });
    if json {
        let rows: Vec<_> = rows
            .map(|(entity, mentions, articles)| {
                json!({
                    "id": entity.id,
                    "name": entity.name,
                    "kind": entity.kind.name(),
                    "aliases": entity.aliases,
                    "mentions": mentions,
                    "articles": articles,
                })
            })
            .collect();
        write_json(out, &json!(rows))?;
        return Ok(Outcome::Success);
    }
    let id_width = corpus
        .catalogue
        .entities()
        .iter()
        .map(|e| width(&e.id))
        .max()
        .unwrap_or(2);
    for (entity, mentions, articles) in rows {
        writeln!(
            out,
            "{:<id_width$}  {:<12}  {:>4} in {:>2}  {}",
            entity.id,
            entity.kind.name(),
            mentions,
            articles.len(),
            entity.name
        )?;
    }
    Ok(Outcome::Success)
}

/// `dossier search QUERY`
pub fn search(
    corpus: &Corpus,
    query: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let index = SearchIndex::new(corpus);
    let hits = index.search(corpus, query);
    if json {
        let rows: Vec<_> = hits
            .iter()
            .filter_map(|h| Some((h, corpus.article(h.article)?)))
            .map(|(h, a)| json!({ "id": a.id, "title": a.front.title, "score": h.score }))
            .collect();
        write_json(out, &json!(rows))?;
        return Ok(Outcome::Success);
    }
    for (h, a) in hits
        .iter()
        .filter_map(|h| Some((h, corpus.article(h.article)?)))
    {
        writeln!(out, "{:>5}  {}  {}", h.score, a.id, a.front.title)?;
    }
    Ok(Outcome::Success)
}

/// `dossier check`: every problem as `path:line:col: message`; exit 1 when there is one.
pub fn check(
    corpus: &Corpus,
    extra: &[Diagnostic],
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let mut problems = corpus.problems();
    problems.extend(extra.iter().cloned());
    for p in &problems {
        writeln!(out, "{p}")?;
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let summary = format!(
        "{} articles, {} entities, {} mentions: {} errors, {} warnings",
        corpus.articles().len(),
        corpus.catalogue.len(),
        corpus.links.all().len(),
        errors,
        warnings
    );
    eprintln!("{summary}");
    Ok(if errors == 0 {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}
