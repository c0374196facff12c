//! `dossier import`: articles from saved pages, pasted text, Markdown, feeds, URLs,
//! directories and standard input, written into an articles directory in our format.
//!
//! One importer per format (`html`, `text`, `markdown`, `feed`; `fetch` for URLs); each
//! produces a `Doc`, which `doc::render` writes and `store` files under a unique id. Nothing
//! outside this module knows a format. Every input reports what happened to it; a failed one
//! never touches what was there, and never stops the others.

pub mod charset;
pub mod doc;
pub mod feed;
pub mod fetch;
pub mod html;
pub mod markdown;
pub mod meta;
pub mod phrases;
pub mod score;
pub mod store;
pub mod text;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use doc::{Doc, render};
use fetch::{Limits, fetch, too_large};
use store::{Status, Store, slug};

/// How to import.
#[derive(Clone, Debug)]
pub struct Options {
    pub into: PathBuf,
    pub dry_run: bool,
    pub timeout: Duration,
    pub max_bytes: u64,
}

/// The largest input read (file, URL or standard input).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One article imported, or one input that failed (`cli::output::Imported` prints it).
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub input: String,
    pub id: Option<String>,
    pub path: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub words: Option<usize>,
    pub status: Status,
    pub error: Option<String>,
}

impl Imported {
    fn failed(input: &str, error: String) -> Imported {
        Imported {
            input: input.to_string(),
            id: None,
            path: None,
            title: None,
            date: None,
            source: None,
            author: None,
            url: None,
            language: None,
            words: None,
            status: Status::Failed,
            error: Some(error),
        }
    }
}

/// A format, decided by the name and the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Text,
    Markdown,
    Feed,
}

/// File extensions a directory import picks up.
const EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "txt", "text", "md", "markdown", "rss", "atom", "xml",
];

/// Decides the format of a document from its name (or URL) and its first bytes.
pub fn detect(name: &str, content_type: &str, text: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let ext = Path::new(lower.split(['?', '#']).next().unwrap_or(""))
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_string();
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let ct = content_type.to_ascii_lowercase();
    if ct.contains("rss")
        || ct.contains("atom")
        || ((ct.contains("xml")
            || head.starts_with("<?xml")
            || matches!(ext.as_str(), "rss" | "atom" | "xml"))
            && feed::looks_like_feed(text))
    {
        return Format::Feed;
    }
    if ct.contains("html")
        || matches!(ext.as_str(), "html" | "htm" | "xhtml")
        || head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && (head.contains("<body") || head.contains("<head")))
    {
        return Format::Html;
    }
    if matches!(ext.as_str(), "md" | "markdown")
        || ct.contains("markdown")
        || head.starts_with("+++\n")
        || head.starts_with("---\n")
    {
        return Format::Markdown;
    }
    Format::Text
}

/// What one input gave: (key it is imported under, article or error).
type Found = Vec<(String, Result<Doc, String>)>;

/// Imports one document that has been read.
fn import_document(
    name: &str,
    key: &str,
    content_type: &str,
    text: &str,
    url: Option<&str>,
) -> Result<Found, String> {
    if text.trim().is_empty() {
        return Err("empty: nothing to import".into());
    }
    Ok(match detect(name, content_type, text) {
        Format::Feed => feed::import_feed(text, url)?
            .into_iter()
            .map(|e| (e.key, e.doc))
            .collect(),
        Format::Html => vec![(key.to_string(), html::import_html(text, url))],
        Format::Markdown => vec![(key.to_string(), markdown::import_markdown(text))],
        Format::Text => vec![(key.to_string(), text::import_text(text))],
    })
}

/// Reads a file: opened non-blocking and checked through the handle (never a FIFO or
/// device), with the size capped; binary content is refused.
fn read_file(path: &Path, max: u64) -> Result<String, String> {
    let bytes = crate::fsread::read_regular(path, max).map_err(|e| e.to_string())?;
    decode_text(&bytes)
}

/// Reads standard input up to `max` bytes.
fn read_capped(reader: impl Read, max: u64) -> Result<String, String> {
    let mut bytes = Vec::new();
    reader
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(too_large(max + 1, max));
    }
    decode_text(&bytes)
}

/// Text in any charset as UTF-8; binary content is refused.
fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err("binary file (NUL bytes): not text, HTML, Markdown or a feed".into());
    }
    Ok(charset::decode(bytes, None))
}

/// The files of a directory that can be imported, sorted by name.
fn directory_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Expands inputs: a directory becomes its files. Each item is (shown input, what to read).
pub fn expand(inputs: &[String]) -> Vec<(String, Result<Source, String>)> {
    let mut out = Vec::new();
    for input in inputs {
        if input == "-" {
            out.push((input.clone(), Ok(Source::Stdin)));
        } else if input.starts_with("http://") || input.starts_with("https://") {
            out.push((input.clone(), Ok(Source::Url(input.clone()))));
        } else if input.contains("://") {
            out.push((
                input.clone(),
                Err("unsupported URL scheme: only http and https can be fetched".into()),
            ));
        } else {
            let path = PathBuf::from(input);
            if path.is_dir() {
                match directory_files(&path) {
                    Ok(files) if files.is_empty() => out.push((input.clone(), Err("no importable files in this directory (.html, .txt, .md, .rss, .atom, .xml)".into()))),
                    Ok(files) => out.extend(files.into_iter().map(|f| (f.display().to_string(), Ok(Source::File(f))))),
                    Err(e) => out.push((input.clone(), Err(e))),
                }
            } else if path.exists() {
                out.push((input.clone(), Ok(Source::File(path))));
            } else {
                out.push((input.clone(), Err("no such file or directory".into())));
            }
        }
    }
    out
}

/// Where one input's bytes come from.
#[derive(Clone, Debug)]
pub enum Source {
    File(PathBuf),
    Url(String),
    Stdin,
}

/// Imports one expanded input; returns one row per article (or one failed row).
pub fn import_one(
    input: &str,
    source: &Source,
    store: &mut Store,
    options: &Options,
) -> Vec<Imported> {
    let limits = Limits {
        timeout: options.timeout,
        max_bytes: options.max_bytes,
        max_redirects: 10,
    };
    let read = match source {
        Source::File(path) => read_file(path, options.max_bytes).map(|text| {
            let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            (text, String::new(), None, format!("file:{}", key.display()))
        }),
        Source::Url(url) => {
            fetch(url, limits).map(|f| (f.text, f.content_type, Some(f.final_url), url.clone()))
        }
        Source::Stdin => read_capped(std::io::stdin().lock(), options.max_bytes)
            .map(|t| (t, String::new(), None, String::new())),
    };
    let (text, content_type, final_url, key) = match read {
        Ok(r) => r,
        Err(e) => return vec![Imported::failed(input, e)],
    };
    // A panic inside a parser must not take the other inputs down with it.
    let imported = std::panic::catch_unwind(|| {
        import_document(input, &key, &content_type, &text, final_url.as_deref())
    });
    let imported = match imported {
        Ok(Ok(docs)) => docs,
        Ok(Err(e)) => return vec![Imported::failed(input, e)],
        Err(_) => {
            return vec![Imported::failed(
                input,
                "could not be parsed (internal error)".into(),
            )];
        }
    };
    imported
        .into_iter()
        .map(|(key, doc)| {
            let mut doc = match doc {
                Ok(doc) => doc,
                Err(e) => {
                    let mut row = Imported::failed(input, e);
                    row.url = key.starts_with("http").then(|| key.clone());
                    return row;
                }
            };
            if doc.url.is_none() && key.starts_with("http") {
                doc.url = Some(key.clone());
            }
            doc.tidy();
            let key = if key.is_empty() {
                format!("stdin:{}", slug(None, "", &doc.title))
            } else {
                key
            };
            let file = render(&doc, &key);
            let id = slug(doc.source.as_deref(), &doc.date, &doc.title);
            match store.put(&key, &id, &file, options.dry_run) {
                Ok((id, path, status)) => Imported {
                    input: input.to_string(),
                    id: Some(id),
                    path: Some(path.display().to_string()),
                    title: Some(doc.title.clone()),
                    date: Some(doc.date.clone()).filter(|d| !d.is_empty()),
                    source: doc.source.clone(),
                    author: doc.author.clone(),
                    url: doc.url.clone(),
                    language: Some(doc.language.clone()).filter(|l| !l.is_empty()),
                    words: Some(doc.words()),
                    status,
                    error: (status == Status::Skipped)
                        .then(|| "edited since it was imported: left as it is".to_string()),
                },
                Err(e) => Imported::failed(input, e),
            }
        })
        .collect()
}

/// Imports every input into `options.into`, calling `progress` after each; returns the rows.
pub fn import_all(
    inputs: &[String],
    options: &Options,
    mut progress: impl FnMut(usize, usize, &str),
) -> Vec<Imported> {
    let expanded = expand(inputs);
    if !options.dry_run
        && let Err(e) = std::fs::create_dir_all(&options.into)
    {
        let error = format!("cannot create {}: {e}", options.into.display());
        return expanded
            .iter()
            .map(|(input, _)| Imported::failed(input, error.clone()))
            .collect();
    }
    let mut store = Store::open(&options.into);
    let total = expanded.len();
    let mut rows = Vec::new();
    for (i, (input, source)) in expanded.iter().enumerate() {
        match source {
            Ok(source) => rows.extend(import_one(input, source, &mut store, options)),
            Err(e) => rows.push(Imported::failed(input, e.clone())),
        }
        progress(i + 1, total, input);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_name_and_content() {
        assert_eq!(detect("a.html", "", "x"), Format::Html);
        assert_eq!(detect("a.txt", "", "<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            detect("-", "", "<?xml version=\"1.0\"?><rss>"),
            Format::Feed
        );
        assert_eq!(
            detect("https://a.example/feed", "application/atom+xml", ""),
            Format::Feed
        );
        assert_eq!(detect("a.md", "", "# x"), Format::Markdown);
        assert_eq!(detect("-", "", "---\ntitle: x\n---\n"), Format::Markdown);
        assert_eq!(detect("a.txt", "", "Kim trifft Putin."), Format::Text);
    }
}
