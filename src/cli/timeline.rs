//! `dossier timeline [--entity E] [--json]`: dated facts of the catalogue and dated sentences
//! of the articles, in time order, each with its article and paragraph.

use std::io::Write;

use super::output::{Stream, TimelineRow, write_json};
use super::{CliError, Outcome, lookup};
use crate::corpus::Corpus;
use crate::corpus::article::paragraph_number;
use crate::corpus::timeline::{Origin, timeline as build};

pub fn timeline(
    corpus: &Corpus,
    entity: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let entity = entity
        .map(|e| lookup::entity(&corpus.catalogue, e))
        .transpose()?;
    let entries = build(corpus, entity);
    if json {
        write_json(
            out,
            &Stream(|| entries.iter().map(|e| TimelineRow::new(corpus, e))),
        )?;
        return Ok(Outcome::Success);
    }
    for e in &entries {
        let article = e
            .article()
            .and_then(|a| corpus.article(a))
            .map_or("", |a| a.id.as_str());
        let place = match &e.origin {
            Origin::Fact { .. } if article.is_empty() => "catalogue".to_string(),
            Origin::Fact { .. } => format!("catalogue, {article}"),
            Origin::Passage { block, .. } => format!("{article}#{}", paragraph_number(*block)),
        };
        writeln!(out, "{:<10}  {place}  {}", e.date.to_string(), e.text)?;
    }
    Ok(Outcome::Success)
}
