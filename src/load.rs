//! Turns resolved inputs into a loaded corpus: reads the catalogue and the articles from disk
//! or from the bundled copies. A broken catalogue or a missing articles directory is an error
//! naming the path; a broken article is only a warning inside the corpus. Also loads the
//! keymap and the reader's settings.

use crate::bundled;
use crate::corpus::catalogue::{Catalogue, parse_catalogue};
use crate::corpus::diagnostic::Diagnostic;
use crate::corpus::{Corpus, read_article_dir};
use crate::paths::{Inputs, Origin};
use crate::tui::app::Options;
use crate::tui::keymap::{Keymap, KeymapErrors};
use crate::tui::settings;

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

/// Reads a user's settings or keymap file as UTF-8; returns the name to show and the text.
fn read_user_file(path: &std::path::Path, what: &str) -> Result<(String, String), Diagnostic> {
    let shown = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok((shown, text)),
            Err(_) => Err(Diagnostic::error(
                shown,
                None,
                format!("invalid UTF-8: the {what} must be UTF-8 text"),
            )),
        },
        Err(e) => Err(Diagnostic::error(
            shown,
            None,
            format!("cannot read {what}: {e}"),
        )),
    }
}

/// The default keymap with the user's file (if any) laid over it. A file that cannot be read
/// is an error naming it.
pub fn load_keymap(user: Option<&std::path::Path>) -> Result<LoadedKeymap, KeymapErrors> {
    match user {
        None => Keymap::load(None),
        Some(path) => {
            let (shown, text) =
                read_user_file(path, "keymap").map_err(|d| KeymapErrors(vec![d]))?;
            Keymap::load(Some((&shown, &text)))
        }
    }
}

/// The reader's settings: the defaults, or the user's file. `no_color` always wins.
pub fn load_settings(
    user: Option<&std::path::Path>,
    no_color: bool,
) -> Result<Options, Vec<Diagnostic>> {
    match user {
        None => settings::load(None, no_color),
        Some(path) => {
            let (shown, text) = read_user_file(path, "settings file").map_err(|d| vec![d])?;
            settings::load(Some((&shown, &text)), no_color)
        }
    }
}
