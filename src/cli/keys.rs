//! `dossier keys`: the effective keymap, or the default file to copy.

use std::io::Write;

use super::output::{KeyRow, Stream, write_json};
use super::{CliError, Outcome};
use crate::config::key::display_sequence;
use crate::config::keymap::{DEFAULT_KEYS, Keymap};
use crate::diag::Diagnostic;

/// `dossier keys [--json] [--default]`
pub fn keys(
    keymap: Option<&Keymap>,
    problems: &[Diagnostic],
    json: bool,
    default: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    if default {
        out.write_all(DEFAULT_KEYS.as_bytes())?;
        return Ok(Outcome::Success);
    }
    let Some(keymap) = keymap else {
        let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        return Err(CliError::Request(format!(
            "the keymap has problems:\n{}",
            listed.join("\n")
        )));
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
