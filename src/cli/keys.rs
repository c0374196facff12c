//! `dossier keys`: the effective keymap, or the default file to copy.

use std::io::Write;

use super::output::{KeyRow, Stream, write_json};
use super::{CliError, Outcome};
use crate::config::key::display_sequence;
use crate::config::keymap::{DEFAULT_KEYS, Keymap};

/// `dossier keys [--json] [--default]`
pub fn keys(
    keymap: Option<&Keymap>,
    json: bool,
    default: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    if default {
        out.write_all(DEFAULT_KEYS.as_bytes())?;
        return Ok(Outcome::Success);
    }
    let Some(keymap) = keymap else {
        return Err(CliError::Request(
            "the keymap has problems; `dossier check` lists them".to_string(),
        ));
    };
    let rows = || {
        keymap.rows().iter().map(|r| KeyRow {
            context: r.context.name(),
            key: display_sequence(&r.keys),
            action: r.action.name(),
            description: r.action.description(),
            origin: r.origin.name(),
        })
    };
    if json {
        write_json(out, &Stream(rows))?;
        return Ok(Outcome::Success);
    }
    for r in rows() {
        writeln!(
            out,
            "{:<8} {:<12} {:<16} {:<8} {}",
            r.context, r.key, r.action, r.origin, r.description
        )?;
    }
    Ok(Outcome::Success)
}
