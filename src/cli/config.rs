//! `dossier config`: the settings file in effect (the user's, or the documented defaults),
//! the default file to copy (`--default`), or where the user's file is looked for (`--path`).

use std::io::Write;
use std::path::Path;

use super::{CliError, Outcome};
use crate::config::settings::DEFAULT_CONFIG;
use crate::diag::Diagnostic;

/// The user's settings file, as found by the loader.
pub struct SettingsFile<'a> {
    /// Where it is (or would be); `None` when there is no config directory at all.
    pub path: Option<&'a Path>,
    /// Its text, when it exists and was read.
    pub text: Option<&'a str>,
    /// What is wrong with it: then it is not in effect, and `config` says so.
    pub problems: &'a [Diagnostic],
}

/// `dossier config [--default | --path]`
pub fn config(
    file: &SettingsFile,
    default: bool,
    path: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    if path {
        let Some(p) = file.path else {
            return Err(CliError::Request(
                "no configuration directory: set XDG_CONFIG_HOME or HOME, or pass --config FILE"
                    .to_string(),
            ));
        };
        writeln!(
            out,
            "{}",
            crate::corpus::sanitize::visible(&p.display().to_string())
        )?;
        return Ok(Outcome::Success);
    }
    if !default && !file.problems.is_empty() {
        let listed: Vec<String> = file.problems.iter().map(|p| p.to_string()).collect();
        return Err(CliError::Request(format!(
            "the settings file has problems, so the defaults are not overridden:\n{}",
            listed.join("\n")
        )));
    }
    match (default, file.text) {
        (false, Some(text)) => out.write_all(text.as_bytes())?,
        _ => out.write_all(DEFAULT_CONFIG.as_bytes())?,
    }
    Ok(Outcome::Success)
}
