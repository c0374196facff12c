//! `dossier note add|edit|rm`: one annotation at a time, for scripts and tests. A quote is
//! found in the article as typed (whitespace collapsed); a quote in several paragraphs needs
//! `--paragraph`. Each change is one transaction in the user database.

use std::io::Write;

use memchr::memmem;

use super::{CliError, Loaded, Outcome, lookup};
use crate::corpus::article::{Article, block_of_paragraph, paragraph_number};
use crate::corpus::sanitize::{sanitize, visible};
use crate::store::CorpusStore;
use crate::userdata::anchor::collapse_whitespace;
use crate::userdata::{Kind, NewAnnotation, Selector, UserData, UserDataError, clean_tag};

/// What `note add` was given.
pub struct AddRequest<'a> {
    pub article: &'a str,
    pub quote: &'a str,
    pub note: Option<&'a str>,
    pub tags: &'a [String],
    pub paragraph: Option<usize>,
    pub bookmark: bool,
}

impl From<UserDataError> for CliError {
    fn from(e: UserDataError) -> Self {
        CliError::Request(visible(&e.to_string()).into_owned())
    }
}

/// The user database of the data directory.
pub fn open(loaded: &Loaded) -> Result<UserData, CliError> {
    let dir = loaded.data_dir.ok_or_else(|| {
        CliError::Request("no data directory for notes: set XDG_DATA_HOME or HOME".to_string())
    })?;
    Ok(UserData::open_in(dir)?)
}

/// Tags checked and cleaned.
pub fn tags(given: &[String]) -> Result<Vec<String>, CliError> {
    given
        .iter()
        .map(|t| clean_tag(t).map_err(CliError::Request))
        .collect()
}

/// The selector of `quote` in the article, and its 0-based block.
fn anchor(
    found: &Article,
    quote: &str,
    paragraph: Option<usize>,
) -> Result<(usize, Selector), CliError> {
    let key = visible(found.id.as_str()).into_owned();
    let finder = memmem::Finder::new(quote.as_bytes());
    let places: Vec<(usize, usize)> = found
        .blocks
        .iter()
        .enumerate()
        .filter(|&(b, _)| paragraph.is_none_or(|p| block_of_paragraph(p) == Some(b)))
        .filter_map(|(b, block)| finder.find(block.text.as_bytes()).map(|at| (b, at)))
        .collect();
    if let Some(p) = paragraph
        && block_of_paragraph(p).is_none_or(|b| b >= found.blocks.len())
    {
        return Err(CliError::Request(format!(
            "article `{key}` has paragraphs 1 to {}, not {p}",
            found.blocks.len()
        )));
    }
    match places[..] {
        [(block, at)] => {
            let text = &found.blocks[block].text;
            Ok((block, Selector::capture(text, at..at + quote.len())))
        }
        [] => Err(CliError::Request(match paragraph {
            Some(p) => format!(
                "the quote is not in paragraph {p} of `{key}`; `dossier show {key}` shows the text"
            ),
            None => format!(
                "the quote is not in article `{key}`: quote the words as the text reads them (`dossier show {key}`)"
            ),
        })),
        ref several => {
            let numbers: Vec<String> = several
                .iter()
                .map(|(b, _)| paragraph_number(*b).to_string())
                .collect();
            Err(CliError::Request(format!(
                "the quote is in paragraphs {} of `{key}`; choose one with --paragraph",
                numbers.join(", ")
            )))
        }
    }
}

/// `dossier note add ARTICLE --quote TEXT [--note TEXT] [--tag T]… [--paragraph N] [--bookmark]`
pub fn add(
    store: &dyn CorpusStore,
    loaded: &Loaded,
    request: &AddRequest,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let found = lookup::article(store, request.article)?.article;
    let quote = collapse_whitespace(&sanitize(request.quote));
    if quote.is_empty() {
        return Err(CliError::Request("the quote is empty".to_string()));
    }
    let tags = tags(request.tags)?;
    let (block, selector) = anchor(&found, &quote, request.paragraph)?;
    let key = found.id.clone();
    let new = NewAnnotation {
        kind: if request.bookmark {
            Kind::Bookmark
        } else {
            Kind::Highlight
        },
        article: key.clone(),
        paragraph: paragraph_number(block),
        selector,
        note: request.note.map(sanitize).unwrap_or_default(),
        tags,
    };
    let added = open(loaded)?.add(&new)?;
    writeln!(
        out,
        "added {} {}: {}, paragraph {}",
        added.kind.name(),
        added.id,
        visible(key.as_str()),
        added.paragraph
    )?;
    Ok(Outcome::Success)
}

/// `dossier note edit ID [--note TEXT] [--tag T]…`: replaces what is given.
pub fn edit(
    loaded: &Loaded,
    id: i64,
    note: Option<&str>,
    new_tags: Option<&[String]>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let mut db = open(loaded)?;
    let missing = || CliError::Request(format!("no annotation {id}; `dossier notes` lists them"));
    if db.get(id)?.is_none() {
        return Err(missing());
    }
    if let Some(note) = note
        && !db.set_note(id, &sanitize(note))?
    {
        return Err(missing());
    }
    if let Some(given) = new_tags
        && !db.set_tags(id, &tags(given)?)?
    {
        return Err(missing());
    }
    writeln!(out, "changed annotation {id}")?;
    Ok(Outcome::Success)
}

/// `dossier note rm ID`: deletes it (the only way an annotation is ever deleted).
pub fn remove(loaded: &Loaded, id: i64, out: &mut dyn Write) -> Result<Outcome, CliError> {
    if !open(loaded)?.remove(id)? {
        return Err(CliError::Request(format!(
            "no annotation {id}; `dossier notes` lists them"
        )));
    }
    writeln!(out, "removed annotation {id}")?;
    Ok(Outcome::Success)
}
