//! Turns resolved inputs into a loaded corpus: reads the catalogue and the articles from disk
//! or from the bundled copies. A broken catalogue or a missing articles directory is an error
//! naming the path; a broken article is only a warning inside the corpus. (The keymap and the
//! settings are loaded by `config`.)

use crate::bundled;
use crate::corpus::catalogue::{Catalogue, parse_catalogue};
use crate::corpus::{Corpus, Links, read_article_dir_with};
use crate::diag::Diagnostic;
use crate::fsread::{CATALOGUE_LIMIT, ReadError, read_regular};
use crate::paths::{Inputs, Origin};

/// Reads and parses the catalogue.
pub fn load_catalogue(origin: &Origin) -> Result<Catalogue, Diagnostic> {
    match origin {
        Origin::Bundled => {
            parse_catalogue(&bundled::catalogue_path(), bundled::CATALOGUE.as_bytes())
        }
        Origin::Disk(path, _) => {
            let shown = path.display().to_string();
            let bytes = read_regular(path, CATALOGUE_LIMIT).map_err(|e| {
                let what = match e {
                    ReadError::NotFound => "catalogue not found".to_string(),
                    ReadError::Io(e) => format!("cannot read catalogue: {e}"),
                    e => format!("catalogue {e}"),
                };
                Diagnostic::error(shown.as_str(), None, what)
            })?;
            parse_catalogue(&shown, &bytes)
        }
    }
}

/// Every problem of the catalogue at once (empty when it loads), each at its line:col.
pub fn catalogue_problems(origin: &Origin) -> Vec<Diagnostic> {
    match origin {
        Origin::Bundled => Vec::new(),
        Origin::Disk(path, _) => match read_regular(path, CATALOGUE_LIMIT) {
            Ok(bytes) => {
                crate::corpus::catalogue::parse_catalogue_all(&path.display().to_string(), &bytes)
                    .err()
                    .unwrap_or_default()
            }
            Err(_) => load_catalogue(origin).err().into_iter().collect(),
        },
    }
}

/// Loads catalogue and articles and links them.
pub fn load_corpus(inputs: &Inputs) -> Result<Corpus, Diagnostic> {
    let catalogue = load_catalogue(&inputs.catalogue)?;
    load_corpus_with(inputs, catalogue)
}

/// Loads the articles of `inputs` and links them against an already loaded catalogue.
pub fn load_corpus_with(inputs: &Inputs, catalogue: Catalogue) -> Result<Corpus, Diagnostic> {
    let (files, problems) = match &inputs.articles {
        Origin::Bundled => (bundled::article_files(), Vec::new()),
        Origin::Disk(dir, _) => {
            let links = if inputs.follow_links {
                Links::Follow
            } else {
                Links::StayInside
            };
            read_article_dir_with(dir, links)?
        }
    };
    Ok(Corpus::build(files, catalogue, problems))
}
