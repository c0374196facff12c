//! `dossier keys`: the effective keymap, or the default file to copy.

use std::io::Write;

use serde_json::json;

use super::{Failure, Outcome, write_json};
use crate::config::key::display_sequence;
use crate::config::keymap::{DEFAULT_KEYS, Keymap};

/// `dossier keys [--json] [--default]`
pub fn keys(
    keymap: Option<&Keymap>,
    json: bool,
    default: bool,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    if default {
        out.write_all(DEFAULT_KEYS.as_bytes())?;
        return Ok(Outcome::Success);
    }
    let Some(keymap) = keymap else {
        return Err(Failure(
            "the keymap has problems; `dossier check` lists them".to_string(),
        ));
    };
    let rows = keymap.rows();
    if json {
        let rows: Vec<_> = rows
            .iter()
            .map(|r| {
                json!({
                    "context": r.context.name(),
                    "key": display_sequence(&r.keys),
                    "action": r.action.name(),
                    "description": r.action.description(),
                    "origin": r.origin.name(),
                })
            })
            .collect();
        write_json(out, &json!(rows))?;
        return Ok(Outcome::Success);
    }
    for r in rows {
        writeln!(
            out,
            "{:<8} {:<12} {:<16} {:<8} {}",
            r.context.name(),
            display_sequence(&r.keys),
            r.action.name(),
            r.origin.name(),
            r.action.description()
        )?;
    }
    Ok(Outcome::Success)
}
