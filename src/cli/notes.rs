//! `dossier notes`: every highlight, note and bookmark with where it is now in its article
//! (attached, moved, orphaned), filtered like the reader's annotations view; and the filter
//! flags `notes` and `export` share.

use std::io::Write;

use super::note::open;
use super::output::{NoteRow, Stream, write_json};
use super::{CliError, Loaded, Outcome, lookup};
use crate::corpus::ids::ArticleKey;
use crate::corpus::sanitize::visible;
use crate::store::CorpusStore;
use crate::text::truncate;
use crate::userdata::resolve::{Cited, Filter, Resolved, resolve_in_store};

/// The filter flags as typed.
#[derive(Clone, Copy, Debug, Default)]
pub struct FilterFlags<'a> {
    pub tag: Option<&'a str>,
    pub entity: Option<&'a str>,
    pub article: Option<&'a str>,
    pub text: Option<&'a str>,
}

impl FilterFlags<'_> {
    /// The filter, but for the article, which is given by key (an article's annotations all
    /// carry its key).
    fn filter(&self, store: &dyn CorpusStore) -> Result<(Filter, Option<ArticleKey>), CliError> {
        let filter = Filter {
            tag: self.tag.map(|t| t.trim().to_string()),
            entity: self
                .entity
                .map(|e| lookup::entity(store.catalogue(), e))
                .transpose()?,
            article: None,
            text: self.text.map(str::to_string),
        };
        let article = self
            .article
            .map(|a| lookup::article(store, a).map(|found| found.article.id))
            .transpose()?;
        Ok((filter, article))
    }
}

/// The stored annotations that pass the filter, found in the store's articles (each article
/// read once), with what their citations need.
pub fn selected(
    store: &dyn CorpusStore,
    loaded: &Loaded,
    flags: &FilterFlags,
) -> Result<(Vec<Resolved>, Cited), CliError> {
    let (filter, article) = flags.filter(store)?;
    let mut all = open(loaded)?.all()?;
    if let Some(key) = &article {
        all.retain(|a| a.article == *key);
    }
    let (mut found, cited) = resolve_in_store(store, all)?;
    found.retain(|r| filter.matches(r));
    Ok((found, cited))
}

/// `dossier notes [--json] [--tag T] [--entity E] [--article A] [--text Q]`
pub fn notes(
    store: &dyn CorpusStore,
    loaded: &Loaded,
    flags: &FilterFlags,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (found, _) = selected(store, loaded, flags)?;
    if json {
        let catalogue = store.catalogue();
        write_json(
            out,
            &Stream(|| found.iter().map(|r| NoteRow::new(catalogue, r))),
        )?;
        return Ok(Outcome::Success);
    }
    for r in &found {
        let a = &r.annotation;
        let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
        let note = a.note.lines().next().unwrap_or("");
        writeln!(
            out,
            "{:>4}  {:<8}  {}#{}  {}“{}”{}{}",
            a.id,
            r.status.name(),
            visible(a.article.as_str()),
            r.paragraph(),
            if tags.is_empty() {
                String::new()
            } else {
                format!("{} ", tags.join(" "))
            },
            truncate(&a.selector.exact, 60),
            if note.is_empty() { "" } else { " — " },
            visible(&truncate(note, 60)),
        )?;
    }
    Ok(Outcome::Success)
}
