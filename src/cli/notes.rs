//! `dossier notes`: every highlight, note and bookmark with where it is now in its article
//! (attached, moved, orphaned), filtered like the reader's annotations view; and the filter
//! flags `notes` and `export` share.

use std::io::Write;

use super::note::open;
use super::output::{NoteRow, Stream, write_json};
use super::{CliError, Loaded, Outcome, lookup};
use crate::corpus::Corpus;
use crate::corpus::sanitize::visible;
use crate::text::truncate;
use crate::userdata::resolve::{Filter, Resolved, resolve};

/// The filter flags as typed.
#[derive(Clone, Copy, Debug, Default)]
pub struct FilterFlags<'a> {
    pub tag: Option<&'a str>,
    pub entity: Option<&'a str>,
    pub article: Option<&'a str>,
    pub text: Option<&'a str>,
}

impl FilterFlags<'_> {
    fn filter(&self, corpus: &Corpus) -> Result<Filter, CliError> {
        Ok(Filter {
            tag: self.tag.map(|t| t.trim().to_string()),
            entity: self
                .entity
                .map(|e| lookup::entity(&corpus.catalogue, e))
                .transpose()?,
            article: self
                .article
                .map(|a| lookup::article_id(corpus, a))
                .transpose()?,
            text: self.text.map(str::to_string),
        })
    }
}

/// The stored annotations that pass the filter, found in the corpus.
pub fn selected(
    corpus: &Corpus,
    loaded: &Loaded,
    flags: &FilterFlags,
) -> Result<Vec<Resolved>, CliError> {
    let filter = flags.filter(corpus)?;
    let all = open(loaded)?.all()?;
    let mut found = resolve(corpus, all);
    found.retain(|r| filter.matches(r));
    Ok(found)
}

/// `dossier notes [--json] [--tag T] [--entity E] [--article A] [--text Q]`
pub fn notes(
    corpus: &Corpus,
    loaded: &Loaded,
    flags: &FilterFlags,
    json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let found = selected(corpus, loaded, flags)?;
    if json {
        write_json(
            out,
            &Stream(|| found.iter().map(|r| NoteRow::new(corpus, r))),
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
