//! `dossier timeline [--entity E] [--json]`: dated facts of the catalogue and dated sentences
//! of the articles, in time order, each with its article and paragraph. The articles are read
//! one at a time through the store (for an entity, only those that name it); only the dated
//! statements are kept.

use std::collections::HashMap;
use std::io::Write;

use super::output::{Stream, TimelineRow, write_json};
use super::{CliError, Outcome, lookup};
use crate::corpus::article::paragraph_number;
use crate::corpus::ids::{ArticleId, ArticleKey};
use crate::corpus::timeline::{Origin, TimelineBuilder};
use crate::store::{CorpusStore, entity_passages};

/// Articles read per page of an entity's articles.
const PAGE: usize = 64;

pub fn timeline(
    store: &dyn CorpusStore,
    entity: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let catalogue = store.catalogue();
    let entity = entity.map(|e| lookup::entity(catalogue, e)).transpose()?;
    let mut builder = TimelineBuilder::new(catalogue, entity);
    // The key and url of each article by the place it was given in (its `ArticleId` here).
    let mut keys: Vec<(ArticleKey, Option<String>)> = Vec::new();
    match entity {
        Some(e) => entity_passages(store, e, PAGE, &mut |linked, _| {
            builder.article(
                ArticleId::from_index(keys.len()),
                &linked.article,
                &linked.mentions,
            );
            keys.push((linked.article.id.clone(), linked.article.front.url.clone()));
            Ok(true)
        })?,
        None => store.each_article(&mut |article| {
            // A file that stopped parsing since it was indexed has no dates to give.
            if let Ok(article) = article {
                builder.article(ArticleId::from_index(keys.len()), article, &[]);
                keys.push((article.id.clone(), article.front.url.clone()));
            }
            Ok(true)
        })?,
    }
    // The articles facts cite, placed after those read (a fact's place does not order it).
    let mut cited: HashMap<String, ArticleId> = HashMap::new();
    for fact in catalogue.entities().iter().flat_map(|e| &e.facts) {
        if let Some(source) = fact.source.as_deref()
            && !cited.contains_key(source)
            && let Some(linked) = store.article(source)?
        {
            cited.insert(source.to_string(), ArticleId::from_index(keys.len()));
            let front = linked.article.front;
            keys.push((linked.article.id, front.url));
        }
    }
    let entries = builder.finish(&|key| cited.get(key).copied());
    let article_of = |a: Option<ArticleId>| {
        a.and_then(|a| keys.get(a.index()))
            .map(|(key, url)| (key.as_str(), url.as_deref()))
    };
    if json {
        write_json(
            out,
            &Stream(|| {
                entries
                    .iter()
                    .map(|e| TimelineRow::new(catalogue, article_of(e.article()), e))
            }),
        )?;
        return Ok(Outcome::Success);
    }
    for e in &entries {
        let article = article_of(e.article()).map_or("", |(key, _)| key);
        let place = match &e.origin {
            Origin::Fact { .. } if article.is_empty() => "catalogue".to_string(),
            Origin::Fact { .. } => format!("catalogue, {article}"),
            Origin::Passage { block, .. } => format!("{article}#{}", paragraph_number(*block)),
        };
        writeln!(out, "{:<10}  {place}  {}", e.date.to_string(), e.text)?;
    }
    Ok(Outcome::Success)
}
