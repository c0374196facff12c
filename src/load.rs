//! Turns resolved inputs into a loaded corpus: reads the catalogue and the articles from disk
//! or from the bundled copies. A broken catalogue or a missing articles directory is an error
//! naming the path; a broken article is only a warning inside the corpus. Also loads the keymap.

use crate::bundled;
use crate::corpus::catalogue::{Catalogue, parse_catalogue};
use crate::corpus::diagnostic::Diagnostic;
use crate::corpus::{Corpus, read_article_dir};
use crate::paths::{Inputs, Origin};
use crate::tui::keymap::{Keymap, KeymapErrors};

/// Reads and parses the catalogue.
pub fn load_catalogue(origin: &Origin) -> Result<Catalogue, Diagnostic> {
    match origin {
        Origin::Bundled => {
            parse_catalogue(&bundled::catalogue_path(), bundled::CATALOGUE.as_bytes())
        }
        Origin::Disk(path, _) => {
            let shown = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| {
                let what = match e.kind() {
                    std::io::ErrorKind::NotFound => "catalogue not found".to_string(),
                    _ => format!("cannot read catalogue: {e}"),
                };
                Diagnostic::error(shown.as_str(), None, what)
            })?;
            parse_catalogue(&shown, &bytes)
        }
    }
}

/// Loads catalogue and articles and links them.
pub fn load_corpus(inputs: &Inputs) -> Result<Corpus, Diagnostic> {
    let catalogue = load_catalogue(&inputs.catalogue)?;
    let (files, problems) = match &inputs.articles {
        Origin::Bundled => (bundled::article_files(), Vec::new()),
        Origin::Disk(dir, _) => read_article_dir(dir)?,
    };
    Ok(Corpus::build(files, catalogue, problems))
}

/// A keymap with its warnings.
pub type LoadedKeymap = (Keymap, Vec<Diagnostic>);

/// The default keymap with the user's file (if any) laid over it. A file that cannot be read
/// is an error naming it.
pub fn load_keymap(user: Option<&std::path::Path>) -> Result<LoadedKeymap, KeymapErrors> {
    let Some(path) = user else {
        return Keymap::load(None);
    };
    let shown = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Keymap::load(Some((&shown, &text))),
            Err(_) => Err(KeymapErrors(vec![Diagnostic::error(
                shown,
                None,
                "invalid UTF-8: the keymap must be UTF-8 text",
            )])),
        },
        Err(e) => Err(KeymapErrors(vec![Diagnostic::error(
            shown,
            None,
            format!("cannot read keymap: {e}"),
        )])),
    }
}
