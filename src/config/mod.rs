//! The user's configuration, with no terminal state and nothing of the reader: actions, key
//! strings, the keymap, the settings and their colour palette, and the loading of the user's
//! `keys.toml` and `config.toml`. Every problem is a `Diagnostic` naming the file and line:col.

pub mod action;
pub mod key;
pub mod keymap;
pub mod palette;
pub mod settings;
pub mod tags;

use std::path::Path;

use crate::diag::Diagnostic;
use crate::fsread::{CONFIG_LIMIT, ReadError, read_regular};
use keymap::{Keymap, KeymapErrors};
use settings::Options;

/// A keymap with its warnings.
pub type LoadedKeymap = (Keymap, Vec<Diagnostic>);

/// Reads a user's settings or keymap file as UTF-8 (a regular file of at most
/// `CONFIG_LIMIT` bytes: a FIFO or `/dev/zero` in its place is refused, never waited on);
/// returns the name to show and the text.
fn read_user_file(path: &Path, what: &str) -> Result<(String, String), Diagnostic> {
    let shown = path.display().to_string();
    match read_regular(path, CONFIG_LIMIT) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok((shown, text)),
            Err(_) => Err(Diagnostic::error(
                shown,
                None,
                format!("invalid UTF-8: the {what} must be UTF-8 text"),
            )),
        },
        Err(ReadError::Io(e)) => Err(Diagnostic::error(
            shown,
            None,
            format!("cannot read {what}: {e}"),
        )),
        Err(ReadError::NotFound) => Err(Diagnostic::error(
            shown,
            None,
            format!("cannot read {what}: no such file"),
        )),
        Err(e) => Err(Diagnostic::error(shown, None, format!("{what} {e}"))),
    }
}

/// The default keymap with the user's file (if any) laid over it. A file that cannot be read
/// is an error naming it.
pub fn load_keymap(user: Option<&Path>) -> Result<LoadedKeymap, KeymapErrors> {
    match user {
        None => Keymap::load(None),
        Some(path) => {
            let (shown, text) =
                read_user_file(path, "keymap").map_err(|d| KeymapErrors(vec![d]))?;
            Keymap::load(Some((&shown, &text)))
        }
    }
}

/// The text of the user's settings file, as `load_settings` reads it.
pub fn read_settings_text(path: &Path) -> Result<String, Diagnostic> {
    read_user_file(path, "settings file").map(|(_, text)| text)
}

/// The reader's settings: the defaults, or the user's file. `no_color` always wins.
pub fn load_settings(user: Option<&Path>, no_color: bool) -> Result<Options, Vec<Diagnostic>> {
    match user {
        None => settings::load(None, no_color),
        Some(path) => {
            let (shown, text) = read_user_file(path, "settings file").map_err(|d| vec![d])?;
            settings::load(Some((&shown, &text)), no_color)
        }
    }
}
